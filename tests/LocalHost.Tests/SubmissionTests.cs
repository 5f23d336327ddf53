using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>Balances posted to the LocalHost: stored once, with a PDF that contains every answer, or rejected with every problem.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class SubmissionTests(LocalHostFixture fixture)
{
    private static readonly QuestionnaireCatalog Catalog = QuestionnaireCatalog.LoadEmbedded();

    [Theory]
    [InlineData("valid-full.json")]
    [InlineData("valid-minimal-es.json")]
    public async Task Submit_SampleBalance_PdfHasEveryAnswer(string sample)
    {
        await fixture.WaitForSeedAsync();
        JsonObject body = await ReadSampleAsync(sample);
        string agreementId = body["agreementId"]!.GetValue<string>();
        body["token"] = await fixture.TokenAsync(agreementId);

        using HttpResponseMessage response = await fixture.Client.PostAsJsonAsync("api/balances", body);
        JsonElement receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        using HttpResponseMessage pdfResponse = await fixture.Client.GetAsync(receipt.GetProperty("pdfUrl").GetString());
        byte[] pdf = await pdfResponse.Content.ReadAsByteArrayAsync();

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"status {response.StatusCode}");
        Assert.Equal(64, receipt.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        string text = ExtractText(pdf);
        JsonElement agreement = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
        Assert.Contains(Words(agreement.GetProperty("agreement").GetProperty("entityName").GetString()!), text, StringComparison.Ordinal);
        Assert.Contains(receipt.GetProperty("sha256").GetString()!, text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Language language = LanguageCodes.ParseOrDefault(body["language"]?.GetValue<string>());
        foreach (string expected in ExpectedAnswerTexts(body, language))
        {
            Assert.True(text.Contains(Words(expected), StringComparison.Ordinal), $"{sample}: the PDF lacks \"{expected}\"");
        }
    }

    [Fact]
    public async Task Submit_SameBodyTwice_StoresOneSubmission()
    {
        await fixture.WaitForSeedAsync();
        string agreementId = await this.FindOpenAgreementAsync();
        JsonObject body = await ReadSampleAsync("valid-full.json");
        body["agreementId"] = agreementId;
        body["token"] = await fixture.TokenAsync(agreementId);

        using HttpResponseMessage first = await fixture.Client.PostAsJsonAsync("api/balances", body);
        using HttpResponseMessage second = await fixture.Client.PostAsJsonAsync("api/balances", body);
        JsonElement firstReceipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement secondReceipt = await second.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement agreement = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstReceipt.GetProperty("submissionId").GetString(), secondReceipt.GetProperty("submissionId").GetString());
        Assert.Equal(1, agreement.GetProperty("submissions").GetArrayLength());
        Assert.Equal("presentat", agreement.GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_InvalidSample_EveryProblem()
    {
        await fixture.WaitForSeedAsync();
        JsonObject body = await ReadSampleAsync("invalid.json");
        body["token"] = await fixture.TokenAsync(body["agreementId"]!.GetValue<string>());
        string[] expectedFields = [.. (await File.ReadAllLinesAsync(SamplePath("invalid.expected.txt")))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2)[0])];

        using HttpResponseMessage response = await fixture.Client.PostAsJsonAsync("api/balances", body);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        string[] fields = [.. problem.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("field").GetString()!)];

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.All(expectedFields, field => Assert.Contains(field, fields));
        Assert.All(problem.GetProperty("errors").EnumerateArray(), error => Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString())));
    }

    [Fact]
    public async Task Submit_MissingOrWrongToken_Rejected()
    {
        await fixture.WaitForSeedAsync();
        JsonObject body = await ReadSampleAsync("valid-full.json");
        body["token"] = string.Empty;
        using HttpResponseMessage missing = await fixture.Client.PostAsJsonAsync("api/balances", body);
        body["token"] = await fixture.TokenAsync("PC-2025-0002");
        using HttpResponseMessage wrong = await fixture.Client.PostAsJsonAsync("api/balances", body);
        body["agreementId"] = "PC-9999-0000";
        using HttpResponseMessage unknown = await fixture.Client.PostAsJsonAsync("api/balances", body);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Submit_BrokenJson_SpanishProblem()
    {
        using StringContent content = new("{\"agreementId\": ", Encoding.UTF8, "application/json");
        using HttpRequestMessage request = new(HttpMethod.Post, "api/balances") { Content = content };
        request.Headers.AcceptLanguage.ParseAdd("es-ES");

        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("El cuerpo de la petición no es JSON válido", problem.GetProperty("title").GetString());
    }

    /// <summary>
    /// Returns an agreement whose next due date is within the 90-day filing window and that no
    /// other test files for, so that a balance filed today covers it.
    /// </summary>
    private async Task<string> FindOpenAgreementAsync()
    {
        string[] usedByOtherTests = ["PC-2019-0001", "PC-2025-0017", "PC-2018-0044", "PC-2026-0061", "PC-2021-0065", "PC-2006-0034", "PC-2023-0012", "PC-2025-0002", "PC-2024-0008", "PC-2022-0080", "PC-2025-0049", "PC-2026-0005", "PC-2023-0116", "PC-2026-0007", "PC-2023-0050", "PC-2024-0003", "PC-2022-0006", "PC-2024-0108", "PC-2019-0064"];
        DateOnly lastFilable = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow).AddDays(89);
        JsonElement list = await fixture.OfficeGetJsonAsync("api/otpc/agreements?pageSize=200");
        return list.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("status").GetProperty("code").GetString() is "termini-proper" or "al-dia")
            .Where(item => item.GetProperty("nextDueDate").ValueKind == JsonValueKind.String
                && DateOnly.Parse(item.GetProperty("nextDueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture) <= lastFilable)
            .Select(item => item.GetProperty("agreementId").GetString()!)
            .First(id => !usedByOtherTests.Contains(id));
    }

    private static string SamplePath(string name) => Path.Combine(LocalHostFixture.RepositoryRoot, "data", "balances", name);

    private static async Task<JsonObject> ReadSampleAsync(string name) =>
        JsonNode.Parse(await File.ReadAllTextAsync(SamplePath(name)))!.AsObject();

    private static string ExtractText(byte[] pdf)
    {
        using UglyToad.PdfPig.PdfDocument document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(page => page.GetWords()).Select(word => word.Text));
    }

    /// <summary>Returns a text as the PDF's words joined by single spaces, as <see cref="ExtractText"/> reads them.</summary>
    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Returns how each answer of a sample reads on the PDF, from the questionnaire's labels.</summary>
    private static IEnumerable<string> ExpectedAnswerTexts(JsonObject body, Language language)
    {
        Assert.True(Catalog.TryGet(body["questionnaireVersion"]!.GetValue<string>(), out QuestionnaireDefinition? definition));
        foreach ((string id, JsonNode? value) in body["answers"]!.AsObject())
        {
            Assert.True(definition.TryGetIndicator(id, out IndicatorDefinition? indicator));
            switch (indicator.Type)
            {
                case IndicatorType.Bool:
                    yield return value!.GetValue<bool>() ? "Sí" : "No";
                    break;
                case IndicatorType.Likert5:
                    yield return definition.Likert5Labels[value!.GetValue<int>() - 1].Get(language);
                    break;
                case IndicatorType.Select:
                    yield return indicator.FindOption(value!.GetValue<string>())!.Label.Get(language);
                    break;
                case IndicatorType.Multi:
                    foreach (JsonNode? code in value!.AsArray())
                    {
                        yield return indicator.FindOption(code!.GetValue<string>())!.Label.Get(language);
                    }

                    break;
                case IndicatorType.Text:
                    yield return value!.GetValue<string>();
                    break;
                case IndicatorType.Period:
                    yield return LocalFormat.Date(DateOnly.Parse(value!["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
                    yield return LocalFormat.Date(DateOnly.Parse(value["to"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    yield return LocalFormat.Number(value!.GetValue<decimal>(), language);
                    break;
            }
        }

        foreach ((_, JsonNode? reason) in body["notAvailable"]!.AsObject())
        {
            yield return reason!.GetValue<string>();
        }
    }
}
