using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// A complete HTTP response that both hosts can execute: the Functions app returns it as an
/// <see cref="IActionResult"/>, the LocalHost as an <see cref="IResult"/>, so the handlers behind
/// them are the same code.
/// </summary>
public sealed class ApiResult : IActionResult, IResult
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,

        // Accented letters stay readable; characters that matter in HTML are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private ApiResult(int statusCode, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers)
    {
        this.StatusCode = statusCode;
        this.ContentType = contentType;
        this.Body = body;
        this.Headers = headers ?? new Dictionary<string, string>();
    }

    public int StatusCode { get; }

    public string ContentType { get; }

    public byte[] Body { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public static ApiResult Json(int statusCode, object value, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, JsonOptions), headers);

    public static ApiResult ProblemJson(int statusCode, object problem) =>
        new(statusCode, "application/problem+json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(problem, JsonOptions), null);

    public static ApiResult Bytes(int statusCode, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, contentType, body, headers);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HttpResponse response = httpContext.Response;
        response.StatusCode = this.StatusCode;
        response.ContentType = this.ContentType;
        response.ContentLength = this.Body.Length;
        foreach ((string name, string value) in this.Headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(this.Body, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this.ExecuteAsync(context.HttpContext);
    }
}
