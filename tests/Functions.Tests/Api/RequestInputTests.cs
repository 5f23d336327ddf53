using System.Text;
using System.Text.Json;
using BalancFunctions.Domain;
using BalancFunctions.Functions.Api;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Tests.Api;

/// <summary>Input that reached a handler unchecked and made it fail with a 500: text that is not valid Unicode.</summary>
public class RequestInputTests
{
    [Theory]
    [InlineData("{\"contactName\": \"Montse \\ud800\"}", "contactName")]
    [InlineData("{\"answers\": {\"PD08\": [\"\\udc00\"]}}", "answers")]
    [InlineData("{\"answers\": {\"\\ud83d\": 1}}", "answers")]
    [InlineData("{\"\\ud800\": 1}", "body")]
    [InlineData("{\"reason\": \"canvi \\ufffe\"}", "reason")]
    public async Task ReadJsonObject_InvalidUnicode_Returns400InvalidText(string json, string field)
    {
        (JsonDocument? document, ApiResult? problem) = await ReadAsync(Encoding.UTF8.GetBytes(json));

        Assert.Null(document);
        Assert.Equal(StatusCodes.Status400BadRequest, problem!.StatusCode);
        JsonElement error = Assert.Single(JsonDocument.Parse(problem.Body).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal("invalid-text", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ReadJsonObject_InvalidUtf8InString_Returns400()
    {
        (JsonDocument? document, ApiResult? problem) = await ReadAsync([.. "{\"number\": \"E/"u8, 0xC3, 0x28, .. "\"}"u8]);

        Assert.Null(document);
        Assert.Equal(StatusCodes.Status400BadRequest, problem!.StatusCode);
    }

    [Fact]
    public async Task ReadJsonObject_EmojiAndNoncharacterFfff_Accepted()
    {
        (JsonDocument? document, ApiResult? problem) = await ReadAsync(Encoding.UTF8.GetBytes("{\"contactName\": \"Montse 👩‍👩‍👧 \\uffff \\u202e\"}"));

        using (document)
        {
            Assert.Null(problem);
            Assert.NotNull(document);
        }
    }

    private static async Task<(JsonDocument? Document, ApiResult? Problem)> ReadAsync(byte[] body)
    {
        DefaultHttpContext context = new();
        context.Request.Body = new MemoryStream(body);
        return await RequestBodies.ReadJsonObjectAsync(context.Request, 16 * 1024, Language.Ca, CancellationToken.None);
    }
}
