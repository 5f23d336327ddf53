using BalancFunctions.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using MimeKit;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>The LocalHost on the sample register: import, orchestrations, statuses and escalations.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class SampleRegisterTests(LocalHostFixture fixture)
{
    private static readonly string RegisterPath = Path.Combine(LocalHostFixture.RepositoryRoot, "data", "agreements-sample.csv");

    [Fact]
    public async Task Seed_SampleRegister_EveryAgreementOrchestrated()
    {
        await fixture.WaitForSeedAsync();
        IReadOnlyList<Agreement> register = ReadRegister();
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);

        JsonElement list = await fixture.OfficeGetJsonAsync("api/otpc/agreements?pageSize=200");

        Assert.Equal(120, list.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("continuation").ValueKind);
        foreach (Agreement agreement in register)
        {
            string status = await WaitForOrchestrationAsync(agreement.AgreementId);
            string expected = agreement.EndDate < today ? "Completed" : "Running";
            Assert.True(expected == status, $"{agreement.AgreementId}: orchestration is {status}, expected {expected}");
        }
    }

    [Fact]
    public async Task Import_SameRegisterAgain_ChangesNothing()
    {
        await fixture.WaitForSeedAsync();
        using HttpRequestMessage request = new(HttpMethod.Post, "api/otpc/agreements/import")
        {
            Content = new StringContent(await File.ReadAllTextAsync(RegisterPath), Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);

        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        JsonElement report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Equal(120, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, report.GetProperty("orchestrationsStarted").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());
    }

    [Fact]
    public async Task Import_InvalidRows_ReturnsRowNumbersAndReasons()
    {
        string[] lines = await File.ReadAllLinesAsync(RegisterPath);
        string badNif = lines[1].Replace("G52690781", "G52690782", StringComparison.Ordinal).Replace("PC-2019-0001", "PC-BAD-0001", StringComparison.Ordinal);
        string badDate = lines[2].Replace("2025-08-10", "2025-13-10", StringComparison.Ordinal).Replace("PC-2025-0002", "PC-BAD-0002", StringComparison.Ordinal);
        using HttpRequestMessage request = new(HttpMethod.Post, "api/otpc/agreements/import?lang=es")
        {
            Content = new StringContent(string.Join('\n', lines[0], badNif, badDate), Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);

        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        JsonElement report = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement[] rejected = [.. report.GetProperty("rejected").EnumerateArray()];

        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Contains(rejected, error => error.GetProperty("row").GetInt32() == 2 && error.GetProperty("field").GetString() == "entity_nif");
        Assert.Contains(rejected, error => error.GetProperty("row").GetInt32() == 3 && error.GetProperty("field").GetString() == "start_date");
        Assert.All(rejected, error => Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString())));
        using HttpResponseMessage missing = await fixture.OfficeGetAsync("api/otpc/agreements/PC-BAD-0001");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Seed_OverdueAgreements_AreEscalatedOnce()
    {
        await fixture.WaitForSeedAsync();
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);
        List<Agreement> overdue = [.. ReadRegister().Where(agreement =>
            AgreementStatusCalculator.Compute(agreement, DueDates.CoveredThroughOnImport(agreement, DueDates.Compute(agreement)), null, today).Code == AgreementStatusCode.Overdue)];
        Assert.NotEmpty(overdue);

        IReadOnlyList<MimeMessage> escalations = await fixture.Smtp.WaitForAsync(IsEscalation, overdue.Count, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2));
        JsonElement list = await fixture.OfficeGetJsonAsync("api/otpc/agreements?pageSize=200");

        Assert.Equal(overdue.Count, escalations.Count);
        Assert.Equal(overdue.Count, fixture.Smtp.Messages.Count(IsEscalation));
        Dictionary<string, string> statuses = list.GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("agreementId").GetString()!, item => item.GetProperty("status").GetProperty("code").GetString()!);
        Assert.All(overdue, agreement => Assert.Equal("derivat-otpc", statuses[agreement.AgreementId]));
        foreach (Agreement agreement in overdue)
        {
            Assert.Single(fixture.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, agreement.AgreementId + ".escalation.")));
            Assert.Single(fixture.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, agreement.AgreementId + ".overdue-notice.")));
        }
    }

    [Fact]
    public async Task List_Statuses_HaveCodeAndLabels()
    {
        await fixture.WaitForSeedAsync();
        string[] codes = ["al-dia", "termini-proper", "fora-de-termini", "derivat-otpc", "presentat", "finalitzat"];

        JsonElement list = await fixture.OfficeGetJsonAsync("api/otpc/agreements?pageSize=200");

        foreach (JsonElement item in list.GetProperty("items").EnumerateArray())
        {
            JsonElement status = item.GetProperty("status");
            Assert.Contains(status.GetProperty("code").GetString(), codes);
            Assert.False(string.IsNullOrEmpty(status.GetProperty("label").GetProperty("ca").GetString()));
            Assert.False(string.IsNullOrEmpty(status.GetProperty("label").GetProperty("es").GetString()));
        }
    }

    [Fact]
    public async Task Restart_SameStorage_ImportsNothingAndResumes()
    {
        await fixture.WaitForSeedAsync();
        int escalationsBefore = fixture.Smtp.Messages.Count(IsEscalation);

        await fixture.RestartAsync();
        JsonElement health = await fixture.WaitForSeedAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        JsonElement report = health.GetProperty("seedReport");
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("orchestrationsStarted").GetInt32());
        Assert.Equal(escalationsBefore, fixture.Smtp.Messages.Count(IsEscalation));
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);
        Agreement running = ReadRegister().First(agreement => agreement.EndDate > today);
        Assert.Equal("Running", await WaitForOrchestrationAsync(running.AgreementId));
    }

    private static bool IsEscalation(MimeMessage message) => (message.MessageId?.Contains(".escalation.", StringComparison.Ordinal) == true);

    private static IReadOnlyList<Agreement> ReadRegister()
    {
        using StreamReader reader = new(RegisterPath);
        return AgreementCsvReader.Read(reader).Agreements;
    }

    private async Task<string> WaitForOrchestrationAsync(string agreementId)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
            string? status = detail.GetProperty("orchestration").GetProperty("runtimeStatus").GetString();
            if (status is "Running" or "Completed" or "Failed" || DateTime.UtcNow > deadline)
            {
                return status ?? "missing";
            }

            await Task.Delay(250);
        }
    }
}
