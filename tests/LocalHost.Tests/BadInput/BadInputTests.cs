using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BalancFunctions.Domain.Calendar;
using CsvHelper;
using CsvHelper.Configuration;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BalancFunctions.LocalHost.Tests.BadInput;

/// <summary>
/// Sends every case of the bad-input corpus (<c>BadInput/cases.json</c>) to the LocalHost. A case
/// must get a 4xx problem+json, with the field and rule where the manifest names them, or the
/// 2xx that a valid but odd input deserves, with what it stored checked. No case may get a 5xx,
/// and a rejected request must leave the records it targets as they were.
/// </summary>
/// <remarks>
/// The manifest's <c>expect</c> contains <c>status</c> (a code, "4xx", "2xx" or "2xx-or-4xx"),
/// <c>type</c> and <c>errors</c> (field and code, a null code matching any) for problems, and for
/// accepted requests: <c>sameAsBase</c> (the same submission as the accepted base balance),
/// <c>storedTextsNormalized</c>, <c>draftRoundTrip</c>, <c>storedContactName</c>,
/// <c>storedField</c>, <c>report</c> and <c>rejected</c> (the import report), <c>items</c>,
/// <c>contentType</c> and <c>csvRows</c>. <c>rejectedByServer</c> marks a request that Kestrel
/// rejects before the app sees it, whose 400 has no problem body.
/// </remarks>
[Collection(LocalHostTestGroup.Name)]
[TestCaseOrderer("BalancFunctions.LocalHost.Tests.BadInput.CorpusOrderer", "BalancFunctions.LocalHost.Tests")]
public sealed class BadInputTests(LocalHostFixture fixture)
{
    /// <summary>Agreements that the balance cases may use, the first one within its filing window is taken. No other test uses them.</summary>
    public static readonly string[] BalanceAgreements = ["PC-2025-0062", "PC-2026-0047", "PC-2024-0009"];

    /// <summary>The agreement whose draft the draft cases write.</summary>
    public const string DraftAgreement = "PC-2026-0087";

    /// <summary>The agreement that the office action cases target.</summary>
    public const string ActionAgreement = "PC-2025-0091";

    private const string ProblemTypePrefix = "urn:balancfunctions:problem:";
    private const string BaseCase = "balances/accepted-base";

    private static readonly SemaphoreSlim ContextLock = new(1, 1);
    private static CorpusContext? context;

    public static TheoryData<string> CaseNames()
    {
        TheoryData<string> names = [];
        foreach (BadInputCase corpusCase in BadInputCorpus.Cases)
        {
            names.Add(corpusCase.Name);
        }

        return names;
    }

    [Fact]
    public void Corpus_HasAtLeast200Cases()
    {
        Assert.True(BadInputCorpus.Cases.Count >= 200, $"the corpus has {BadInputCorpus.Cases.Count} cases");
        Assert.Equal(BadInputCorpus.Cases.Count, BadInputCorpus.Cases.Select(corpusCase => corpusCase.Name).Distinct().Count());
    }

    [Fact]
    public void Corpus_EveryDataFileHasOneCase()
    {
        string[] listed = [.. BadInputCorpus.Cases.Select(corpusCase => corpusCase.File).OfType<string>().Order(StringComparer.Ordinal)];
        string[] present = [.. Directory.GetFiles(BadInputCorpus.Folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(BadInputCorpus.Folder, path).Replace('\\', '/'))
            .Where(path => path.Contains('/', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

        Assert.Equal(present, listed);
        Assert.All(BadInputCorpus.Cases, corpusCase => Assert.True(corpusCase.File is not null ^ corpusCase.Generate is not null, $"{corpusCase.Name} needs a file or a generator"));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Corpus_Case_NoServerErrorNothingInvalidStored(string name)
    {
        CorpusContext corpus = await this.ContextAsync();
        BadInputCase corpusCase = BadInputCorpus.Find(name);
        string before = await this.SnapshotAsync(corpusCase.Target, corpus);

        (int status, string? contentType, byte[] body) = await this.SendAsync(corpusCase, corpus.Values);
        string text = Encoding.UTF8.GetString(body);

        Assert.True(status < 500, $"{name}: {status} {text}");
        AssertStatus(corpusCase.Expect.GetProperty("status"), status, text);
        if (status < 400)
        {
            await this.AssertAcceptedAsync(corpusCase, corpus, contentType, body);
        }
        else if (!corpusCase.Expect.TryGetProperty("rejectedByServer", out _))
        {
            AssertProblem(corpusCase.Expect, status, contentType, body);
        }

        if (corpusCase.RestoreImport)
        {
            await this.ImportSampleRowAsync();
        }

        string after = await this.SnapshotAsync(corpusCase.Target, corpus);
        if (status >= 400 || corpusCase.Target is "import" or "balances")
        {
            Assert.True(before == after, $"{name}: the stored records changed\nbefore: {before}\nafter:  {after}");
        }

        foreach (string agreementId in corpusCase.MustNotExist ?? [])
        {
            using HttpResponseMessage missing = await fixture.OfficeGetAsync($"api/otpc/agreements/{agreementId}");
            Assert.True(missing.StatusCode == HttpStatusCode.NotFound, $"{name}: agreement {agreementId} was stored ({missing.StatusCode})");
        }
    }

    /// <summary>Runs after every corpus case (see <see cref="CorpusOrderer"/>) and looks for anything a rejected case stored.</summary>
    [Fact]
    public async Task Corpus_AfterRun_NothingInvalidStored()
    {
        CorpusContext corpus = await this.ContextAsync();

        List<string> ids = [];
        string? continuation = null;
        do
        {
            string path = "api/otpc/agreements?pageSize=200" + (continuation is null ? string.Empty : "&continuation=" + Uri.EscapeDataString(continuation));
            JsonElement page = await fixture.OfficeGetJsonAsync(path);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("agreementId").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);
        JsonElement balance = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{corpus.BalanceAgreement}");
        using HttpResponseMessage draft = await fixture.Client.GetAsync($"api/agreements/{DraftAgreement}/draft?token={corpus.Values["DRAFT_TOKEN"]}");
        JsonElement report = await this.ImportSampleRowAsync();

        Assert.DoesNotContain(ids, id => id.StartsWith("PC-2099-", StringComparison.Ordinal));
        JsonElement submission = Assert.Single(balance.GetProperty("submissions").EnumerateArray());
        Assert.Equal(corpus.BaseSubmissionId, submission.GetProperty("submissionId").GetString());
        Assert.True(draft.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"draft: {draft.StatusCode}");
        Assert.Equal(1, report.GetProperty("unchanged").GetInt32());
    }

    private static void AssertStatus(JsonElement expected, int status, string body)
    {
        bool matches = expected.ValueKind == JsonValueKind.Number
            ? status == expected.GetInt32()
            : expected.GetString() switch
            {
                "2xx" => status is >= 200 and < 300,
                "4xx" => status is >= 400 and < 500,
                "2xx-or-4xx" => status is (>= 200 and < 300) or (>= 400 and < 500),
                var other => throw new InvalidOperationException($"Unknown expected status '{other}' in cases.json."),
            };
        Assert.True(matches, $"expected status {expected}, got {status}: {body}");
    }

    /// <summary>Checks a problem+json body: its shape, every error's field, code and message, and the expected type and errors.</summary>
    private static void AssertProblem(JsonElement expect, int status, string? contentType, byte[] body)
    {
        Assert.Equal("application/problem+json", contentType);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement problem = document.RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        JsonElement[] errors = [.. problem.GetProperty("errors").EnumerateArray()];
        Assert.All(errors, error =>
        {
            Assert.Equal(JsonValueKind.String, error.GetProperty("field").ValueKind);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        });
        if (status == (int)HttpStatusCode.UnprocessableEntity)
        {
            Assert.NotEmpty(errors);
        }

        if (expect.TryGetProperty("type", out JsonElement type))
        {
            Assert.Equal(ProblemTypePrefix + type.GetString(), problem.GetProperty("type").GetString());
        }

        if (!expect.TryGetProperty("errors", out JsonElement expectedErrors))
        {
            return;
        }

        string actual = string.Join("; ", errors.Select(error => $"{error.GetProperty("field").GetString()} {error.GetProperty("code").GetString()}"));
        foreach (JsonElement expected in expectedErrors.EnumerateArray())
        {
            string field = expected.GetProperty("field").GetString()!;
            string? code = expected.GetProperty("code").GetString();
            Assert.True(
                errors.Any(error => error.GetProperty("field").GetString() == field && (code is null || error.GetProperty("code").GetString() == code)),
                $"expected error {field} {code ?? "(any code)"}, got: {actual}");
        }
    }

    /// <summary>Checks the response to an accepted case, and what the case stored.</summary>
    private async Task AssertAcceptedAsync(BadInputCase corpusCase, CorpusContext corpus, string? contentType, byte[] body)
    {
        JsonElement expect = corpusCase.Expect;
        if (expect.TryGetProperty("contentType", out JsonElement expectedType))
        {
            Assert.Equal(expectedType.GetString(), contentType);
        }

        if (expect.TryGetProperty("csvRows", out JsonElement rows))
        {
            Assert.Equal(rows.GetInt32(), ReadCsv(body).Count);
            return;
        }

        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement answer = document.RootElement;
        if (expect.TryGetProperty("sameAsBase", out _))
        {
            Assert.Equal(corpus.BaseSubmissionId, answer.GetProperty("submissionId").GetString());
        }

        if (expect.TryGetProperty("storedTextsNormalized", out _))
        {
            await this.AssertStoredTextsAsync(corpus);
        }

        if (expect.TryGetProperty("draftRoundTrip", out _))
        {
            await this.AssertDraftStoredAsync(corpusCase, corpus);
        }

        if (expect.TryGetProperty("storedContactName", out _))
        {
            using JsonDocument sent = JsonDocument.Parse(BadInputCorpus.Body(corpusCase, corpus.Values)!);
            JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{ActionAgreement}");
            Assert.Equal(sent.RootElement.GetProperty("contactName").GetString()!.Trim().Normalize(), detail.GetProperty("agreement").GetProperty("contactName").GetString());
        }

        if (expect.TryGetProperty("report", out JsonElement report))
        {
            foreach (JsonProperty expected in report.EnumerateObject())
            {
                Assert.True(expected.Value.GetRawText() == answer.GetProperty(expected.Name).GetRawText(), $"report.{expected.Name}: expected {expected.Value}, got {answer}");
            }
        }

        if (expect.TryGetProperty("rejected", out JsonElement rejected))
        {
            AssertRejectedRows(rejected, answer);
        }

        if (expect.TryGetProperty("storedField", out JsonElement storedField))
        {
            await this.AssertImportedFieldAsync(storedField);
        }

        if (expect.TryGetProperty("items", out JsonElement items))
        {
            AssertItems(items, answer.GetProperty("items"));
        }
    }

    /// <summary>The accepted base balance's texts are stored trimmed and in Unicode NFC.</summary>
    private async Task AssertStoredTextsAsync(CorpusContext corpus)
    {
        using JsonDocument sent = JsonDocument.Parse(BadInputCorpus.Body(BadInputCorpus.Find(BaseCase), corpus.Values)!);
        JsonElement previous = await this.GetJsonAsync($"api/agreements/{corpus.BalanceAgreement}/previous?token={corpus.Values["BAL_TOKEN"]}");
        JsonElement stored = previous.GetProperty("answers");
        foreach (JsonProperty answer in sent.RootElement.GetProperty("answers").EnumerateObject().Where(answer => answer.Value.ValueKind == JsonValueKind.String))
        {
            string expected = answer.Value.GetString()!.Normalize(NormalizationForm.FormC).Trim();
            Assert.Equal(expected, stored.GetProperty(answer.Name).GetString());
        }
    }

    /// <summary>A draft is stored as sent: the draft read back has the same answers and reasons.</summary>
    private async Task AssertDraftStoredAsync(BadInputCase corpusCase, CorpusContext corpus)
    {
        using JsonDocument sent = JsonDocument.Parse(BadInputCorpus.Body(corpusCase, corpus.Values)!);
        JsonElement draft = await this.GetJsonAsync($"api/agreements/{DraftAgreement}/draft?token={corpus.Values["DRAFT_TOKEN"]}");
        Assert.True(JsonElement.DeepEquals(sent.RootElement.GetProperty("answers"), draft.GetProperty("answers")), $"stored answers: {draft.GetProperty("answers")}");
        Assert.True(JsonElement.DeepEquals(sent.RootElement.GetProperty("notAvailable"), draft.GetProperty("notAvailable")), $"stored reasons: {draft.GetProperty("notAvailable")}");
    }

    /// <summary>An accepted odd register value is stored trimmed and in NFC, and a formula reaches the export behind a quote.</summary>
    private async Task AssertImportedFieldAsync(JsonElement storedField)
    {
        string column = storedField.GetProperty("column").GetString()!;
        string value = storedField.GetProperty("value").GetString()!;
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{SampleRegister.ImportAgreementId}");
        string property = string.Concat(column.Split('_').Select((word, index) => index == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));
        Assert.Equal(value, detail.GetProperty("agreement").GetProperty(property).GetString());

        // The export's columns for the register's text fields: Entitat, Districte, Barri and Espai.
        int exportColumn = column switch
        {
            "entity_name" => 1,
            "district" => 3,
            "neighbourhood" => 4,
            "space_name" => 5,
            _ => -1,
        };
        if (exportColumn < 0)
        {
            return;
        }

        using HttpResponseMessage export = await fixture.OfficeGetAsync("api/otpc/exports/agreements.csv?type=" + detail.GetProperty("agreement").GetProperty("type").GetString());
        string[] exported = Assert.Single(ReadCsv(await export.Content.ReadAsByteArrayAsync()), record => record[0] == SampleRegister.ImportAgreementId);
        string expectedCell = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        Assert.Equal(expectedCell, exported[exportColumn]);
    }

    private static void AssertRejectedRows(JsonElement expected, JsonElement report)
    {
        JsonElement[] rejected = [.. report.GetProperty("rejected").EnumerateArray()];
        string actual = string.Join("; ", rejected.Select(error => $"row {error.GetProperty("row")} {error.GetProperty("field").GetString()} {error.GetProperty("code").GetString()}"));
        foreach (JsonElement row in expected.EnumerateArray())
        {
            Assert.True(
                rejected.Any(error => error.GetProperty("row").GetInt32() == row.GetProperty("row").GetInt32()
                    && error.GetProperty("code").GetString() == row.GetProperty("code").GetString()
                    && (!row.TryGetProperty("field", out JsonElement field) || error.GetProperty("field").GetString() == field.GetString())),
                $"expected rejected {row}, got: {actual}");
        }
    }

    private static void AssertItems(JsonElement expected, JsonElement items)
    {
        int count = items.GetArrayLength();
        if (expected.TryGetProperty("max", out JsonElement max))
        {
            Assert.True(count <= max.GetInt32(), $"{count} items, expected at most {max}: {items}");
        }

        if (expected.TryGetProperty("min", out JsonElement min))
        {
            Assert.True(count >= min.GetInt32(), $"{count} items, expected at least {min}");
        }

        if (expected.TryGetProperty("where", out JsonElement where))
        {
            foreach (JsonProperty condition in where.EnumerateObject())
            {
                Assert.All(items.EnumerateArray(), item =>
                {
                    JsonElement value = condition.Name.Split('.').Aggregate(item, (element, part) => element.GetProperty(part));
                    Assert.Equal(condition.Value.GetString(), value.GetString());
                });
            }
        }
    }

    /// <summary>Returns what a case of the target may change, as text to compare before and after it.</summary>
    private async Task<string> SnapshotAsync(string target, CorpusContext corpus)
    {
        switch (target)
        {
            case "balances" or "registry":
                JsonElement balance = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{corpus.BalanceAgreement}");
                return string.Join("\n", balance.GetProperty("submissions").EnumerateArray().Select(submission => string.Join(
                    " ",
                    submission.GetProperty("submissionId"),
                    submission.GetProperty("sha256"),
                    submission.GetProperty("registryNumber"),
                    submission.GetProperty("registryDate"))));
            case "drafts":
                using (HttpResponseMessage draft = await fixture.Client.GetAsync($"api/agreements/{DraftAgreement}/draft?token={corpus.Values["DRAFT_TOKEN"]}"))
                {
                    return $"{(int)draft.StatusCode} {await draft.Content.ReadAsStringAsync()}";
                }

            case "actions":
                JsonElement action = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{ActionAgreement}");
                int actions = action.GetProperty("log").EnumerateArray().Count(entry => entry.GetProperty("kind").GetString() == "action");
                return $"{action.GetProperty("agreement")}\n{action.GetProperty("dueDates")}\n{action.GetProperty("reminderPolicy")}\nactions: {actions}";
            case "import":
                JsonElement imported = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{SampleRegister.ImportAgreementId}");
                return imported.GetProperty("agreement").ToString();
            default:
                return string.Empty;
        }
    }

    /// <summary>Sends a case's request. Bodies of a megabyte or more go over a plain socket (see <see cref="RawHttp"/>).</summary>
    private async Task<(int Status, string? ContentType, byte[] Body)> SendAsync(BadInputCase corpusCase, IReadOnlyDictionary<string, string> values)
    {
        string pathAndQuery = BadInputCorpus.PathAndQuery(corpusCase, values);
        byte[]? body = BadInputCorpus.Body(corpusCase, values);
        bool chunked = corpusCase.Generate is JsonElement generator && generator.TryGetProperty("chunked", out JsonElement chunkedValue) && chunkedValue.GetBoolean();
        if (body is not null && (chunked || body.Length >= 1024 * 1024))
        {
            List<KeyValuePair<string, string>> headers = [.. corpusCase.Headers ?? []];
            if (corpusCase.ContentType is not null)
            {
                headers.Add(new("Content-Type", corpusCase.ContentType));
            }

            if (corpusCase.Office)
            {
                headers.Add(new("x-functions-key", LocalHostFixture.OfficeKey));
            }

            UploadOutcome upload = await RawHttp.UploadAsync(fixture.Client.BaseAddress!, corpusCase.Method, "/" + pathAndQuery, headers, body, body.Length, chunked);
            return (upload.Response.Status, upload.Response.ContentType?.Split(';')[0].Trim(), upload.Response.Body);
        }

        using HttpRequestMessage request = new(new HttpMethod(corpusCase.Method), pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (corpusCase.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", corpusCase.ContentType);
            }
        }

        foreach ((string header, string value) in corpusCase.Headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        if (corpusCase.Office)
        {
            request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);
        }

        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Imports the sample register's row of the import agreement, which undoes an accepted change.</summary>
    private async Task<JsonElement> ImportSampleRowAsync()
    {
        using HttpRequestMessage request = new(HttpMethod.Post, "api/otpc/agreements/import")
        {
            Content = new StringContent(SampleRegister.Header + "\n" + SampleRegister.ImportRow + "\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);
        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        JsonElement report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK && report.GetProperty("rejectedRows").GetInt32() == 0, $"import of the sample row: {report}");
        return report;
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Returns the agreements, tokens and base submission that the corpus's placeholders stand for, built once per run.</summary>
    private async Task<CorpusContext> ContextAsync()
    {
        await ContextLock.WaitAsync();
        try
        {
            context ??= await this.BuildContextAsync();
            return context;
        }
        finally
        {
            ContextLock.Release();
        }
    }

    private async Task<CorpusContext> BuildContextAsync()
    {
        await fixture.WaitForSeedAsync();
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);
        JsonElement list = await fixture.OfficeGetJsonAsync("api/otpc/agreements?pageSize=200");
        string balanceAgreement = BalanceAgreements.FirstOrDefault(id => list.GetProperty("items").EnumerateArray().Any(item =>
                item.GetProperty("agreementId").GetString() == id
                && item.GetProperty("status").GetProperty("code").GetString() is "al-dia" or "termini-proper" or "presentat"
                && item.GetProperty("nextDueDate").ValueKind == JsonValueKind.String
                && DateOnly.Parse(item.GetProperty("nextDueDate").GetString()!, CultureInfo.InvariantCulture) <= today.AddDays(89)))
            ?? throw new InvalidOperationException($"None of {string.Join(", ", BalanceAgreements)} is within its filing window on {today:yyyy-MM-dd}: add an agreement that is to BadInputTests.BalanceAgreements.");
        JsonElement action = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{ActionAgreement}");
        DateOnly actionDue = DateOnly.Parse(
            action.GetProperty("dueDates").EnumerateArray().First(due => !due.GetProperty("covered").GetBoolean()).GetProperty("date").GetString()!,
            CultureInfo.InvariantCulture);
        Dictionary<string, string> values = new()
        {
            ["BAL"] = balanceAgreement,
            ["BAL_LOWER"] = balanceAgreement.ToLowerInvariant(),
            ["ESCAPED_BAL"] = $"\\u{(int)balanceAgreement[0]:x4}{balanceAgreement[1..]}",
            ["BAL_TOKEN"] = await fixture.TokenAsync(balanceAgreement),
            ["DRAFT"] = DraftAgreement,
            ["DRAFT_TOKEN"] = await fixture.TokenAsync(DraftAgreement),
            ["ACT"] = ActionAgreement,
            ["ACT_DUE"] = actionDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ACT_DUE_PLUS_1"] = actionDue.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["TODAY"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        values["OTHER_TOKEN"] = values["DRAFT_TOKEN"];

        // The accepted base balance goes first, so that the equivalent variants find it and a variant that is wrongly accepted gets 409.
        BadInputCase baseCase = BadInputCorpus.Find(BaseCase);
        using HttpRequestMessage request = new(HttpMethod.Post, baseCase.Route) { Content = new ByteArrayContent(BadInputCorpus.Body(baseCase, values)!) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        string receipt = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"base balance: {response.StatusCode} {receipt}");
        string submissionId = JsonDocument.Parse(receipt).RootElement.GetProperty("submissionId").GetString()!;
        values["SUBMISSION"] = submissionId;
        return new CorpusContext(values, balanceAgreement, submissionId);
    }

    private static List<string[]> ReadCsv(byte[] body)
    {
        using StreamReader text = new(new MemoryStream(body), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using CsvReader csv = new(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", HasHeaderRecord = false });
        List<string[]> records = [];
        while (csv.Read())
        {
            records.Add(csv.Parser.Record!);
        }

        return records;
    }

    /// <summary>The values of the corpus's placeholders for this run.</summary>
    private sealed record CorpusContext(IReadOnlyDictionary<string, string> Values, string BalanceAgreement, string BaseSubmissionId);
}

/// <summary>
/// Runs the corpus cases in the manifest's order, then the other tests of the class, and the
/// after-run check last, so that it sees what every case left behind.
/// </summary>
public sealed class CorpusOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
    {
        Dictionary<string, int> positions = BadInputCorpus.Cases.Select((corpusCase, index) => (corpusCase.Name, index)).ToDictionary();
        return testCases
            .OrderBy(testCase => testCase.TestMethod.Method.Name == nameof(BadInputTests.Corpus_AfterRun_NothingInvalidStored) ? 2 : 1)
            .ThenBy(testCase => testCase.TestMethodArguments is [string name, ..] ? positions.GetValueOrDefault(name, -1) : -1)
            .ThenBy(testCase => testCase.TestMethod.Method.Name, StringComparer.Ordinal);
    }
}
