using System.Text;
using System.Text.Json;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Functions.Api;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Tests.Api;

/// <summary>Input that reached a handler unchecked and made it fail with a 500: text that is not valid Unicode, and list dates at DateOnly's ends.</summary>
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

    [Theory]
    [InlineData("dueTo=9999-12-31", "dueTo", "invalid-date")]
    [InlineData("dueFrom=0001-01-01", "dueFrom", "invalid-date")]
    [InlineData("dueTo=2200-01-01&sort=name", "dueTo", "invalid-date")]
    [InlineData("q=%EF%BF%BE", "q", "invalid-text")]
    [InlineData("district=gr%EF%BF%BEcia", "district", "invalid-text")]
    public async Task List_OutOfRangeDateOrInvalidText_Returns400(string query, string field, string code)
    {
        AgreementListHandler handler = new(index: null!, QuestionnaireCatalog.LoadEmbedded(), TimeProvider.System);
        DefaultHttpContext context = new();
        context.Request.QueryString = new QueryString("?" + query);

        ApiResult result = await handler.ListAsync(context.Request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        JsonElement error = Assert.Single(JsonDocument.Parse(result.Body).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    private static async Task<(JsonDocument? Document, ApiResult? Problem)> ReadAsync(byte[] body)
    {
        DefaultHttpContext context = new();
        context.Request.Body = new MemoryStream(body);
        return await RequestBodies.ReadJsonObjectAsync(context.Request, 16 * 1024, Language.Ca, CancellationToken.None);
    }
}
