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

    [Fact]
    public async Task Draft_SavedThenRead_SameAnswers()
    {
        await fixture.WaitForSeedAsync();
        string token = await fixture.TokenAsync("PC-2024-0008");
        using HttpResponseMessage missing = await fixture.Client.GetAsync($"api/agreements/PC-2024-0008/draft?token={token}");

        JsonObject draftBody = new()
        {
            ["token"] = token,
            ["questionnaireVersion"] = "2026.1",
            ["answers"] = new JsonObject { ["DG02"] = 12, ["PD08"] = "Esborrany a mitges" },
            ["notAvailable"] = new JsonObject { ["IR04"] = "Sense registre" },
        };
        using HttpResponseMessage saved = await fixture.Client.PutAsJsonAsync("api/agreements/PC-2024-0008/draft", draftBody);
        using HttpResponseMessage read = await fixture.Client.GetAsync($"api/agreements/PC-2024-0008/draft?token={token}");
        JsonElement draft = await read.Content.ReadFromJsonAsync<JsonElement>();
        using HttpResponseMessage otherToken = await fixture.Client.GetAsync($"api/agreements/PC-2024-0008/draft?token={await fixture.TokenAsync("PC-2019-0001")}");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(12, draft.GetProperty("answers").GetProperty("DG02").GetInt32());
        Assert.Equal("Sense registre", draft.GetProperty("notAvailable").GetProperty("IR04").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, otherToken.StatusCode);
    }

    [Fact]
    public async Task EntityView_WithToken_ShowsNextDueDate()
    {
        await fixture.WaitForSeedAsync();
        string token = await fixture.TokenAsync("PC-2025-0002");

        using HttpResponseMessage response = await fixture.Client.GetAsync($"api/agreements/PC-2025-0002?token={token}");
        JsonElement view = await response.Content.ReadFromJsonAsync<JsonElement>();
        using HttpResponseMessage previous = await fixture.Client.GetAsync($"api/agreements/PC-2025-0002/previous?token={token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PC-2025-0002", view.GetProperty("agreementId").GetString());
        Assert.False(string.IsNullOrEmpty(view.GetProperty("entityName").GetString()));
        Assert.Equal(JsonValueKind.Array, view.GetProperty("submissions").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, previous.StatusCode);
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
