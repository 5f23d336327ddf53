using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>What the entities' site reads and posts besides JSON balances.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class SiteApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task FormPost_SameAnswersAsJson_SameSubmission()
    {
        await fixture.WaitForSeedAsync();
        JsonObject body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "balances", "valid-full.json")))!.AsObject();
        body["token"] = await fixture.TokenAsync("PC-2019-0001");

        using HttpResponseMessage json = await fixture.Client.PostAsJsonAsync("api/balances", body);
        using HttpResponseMessage form = await fixture.Client.PostAsync("api/balances", new FormUrlEncodedContent(FormFields(body)));
        JsonElement jsonReceipt = await json.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement formReceipt = await form.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(json.IsSuccessStatusCode, $"JSON post: {json.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(jsonReceipt.GetProperty("sha256").GetString(), formReceipt.GetProperty("sha256").GetString());
        Assert.Equal(jsonReceipt.GetProperty("submissionId").GetString(), formReceipt.GetProperty("submissionId").GetString());
    }

    [Fact]
    public async Task Questionnaire_Current_ReturnsDefinition()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("api/questionnaires/current");
        JsonElement definition = await response.Content.ReadFromJsonAsync<JsonElement>();
        using HttpResponseMessage unknown = await fixture.Client.GetAsync("api/questionnaires/1999.9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026.1", definition.GetProperty("version").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Calendar_WithToken_ListsDueDates()
    {
        await fixture.WaitForSeedAsync();
        string token = await fixture.TokenAsync("PC-2025-0002");

        using HttpResponseMessage response = await fixture.Client.GetAsync($"api/agreements/PC-2025-0002/calendar.ics?token={token}");
        string calendar = await response.Content.ReadAsStringAsync();
        using HttpResponseMessage wrong = await fixture.Client.GetAsync($"api/agreements/PC-2025-0002/calendar.ics?token={await fixture.TokenAsync("PC-2019-0001")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains("UID:PC-2025-0002-", calendar, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    private static List<KeyValuePair<string, string>> FormFields(JsonObject json)
    {
        List<KeyValuePair<string, string>> fields = [];
        foreach (string name in new[] { "agreementId", "token", "questionnaireVersion", "language" })
        {
            fields.Add(new(name, json[name]!.GetValue<string>()));
        }

        foreach ((string id, JsonNode? value) in json["answers"]!.AsObject())
        {
            switch (value)
            {
                case JsonObject period:
                    fields.Add(new($"answers.{id}.from", period["from"]!.GetValue<string>()));
                    fields.Add(new($"answers.{id}.to", period["to"]!.GetValue<string>()));
                    break;
                case JsonArray options:
                    fields.AddRange(options.Select(option => new KeyValuePair<string, string>($"answers.{id}", option!.GetValue<string>())));
                    break;
                case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                    fields.Add(new($"answers.{id}", text.GetValue<string>()));
                    break;
                default:
                    fields.Add(new($"answers.{id}", value!.ToJsonString()));
                    break;
            }
        }

        return fields;
    }
}
