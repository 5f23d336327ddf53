using System.Text;
using System.Text.Json;
using BalancFunctions.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BalancFunctions.Functions.Tests.Api;

/// <summary>A clock that a test sets by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => this.Now;
}

/// <summary>Runs the HTTP handlers in process, on the test Azurite and SMTP server, with requests built in memory.</summary>
public static class ApiHarness
{
    /// <summary>Builds the app's services with the given clock, on a table and container of the test's own, and creates them.</summary>
    public static async Task<ServiceProvider> StartAsync(StorageFixture fixture, TimeProvider clock)
    {
        ServiceCollection services = new();
        services.AddSingleton(clock);
        TestServices.Configure(services, fixture, TestServices.UniqueSuffix());
        ServiceProvider provider = services.BuildServiceProvider();
        foreach (IHostedService hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return provider;
    }

    public static HttpRequest Get(string query, string? acceptLanguage = null)
    {
        DefaultHttpContext context = new();
        context.Request.Method = HttpMethods.Get;
        context.Request.QueryString = new QueryString(query);
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        return context.Request;
    }

    public static HttpRequest PostJson(object body, string? acceptLanguage = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
        HttpRequest request = Get(string.Empty, acceptLanguage);
        request.Method = HttpMethods.Post;
        request.ContentType = "application/json";
        request.ContentLength = bytes.Length;
        request.Body = new MemoryStream(bytes);
        return request;
    }

    public static JsonElement Json(ApiResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Deserialize<JsonElement>(result.Body);
    }
}
