using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Tests.Support;
using MimeKit;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>Azurite and an SMTP server that outlive the LocalHost processes a crash test kills.</summary>
public sealed class CrashFixture : ExternalServices;

[CollectionDefinition(Name)]
public sealed class CrashTestGroup : ICollectionFixture<CrashFixture>
{
    public const string Name = "LocalHost crashes";
}

/// <summary>
/// The LocalHost killed (SIGKILL) while an orchestration waits on a timer and while an activity
/// sends an e-mail: after a restart on the same Azurite storage, every reminder arrives once.
/// The reminders come seconds apart from a per-agreement policy set through the OTPC's endpoint.
/// </summary>
[Collection(CrashTestGroup.Name)]
public sealed class CrashTests(CrashFixture fixture)
{
    private const string OfficeKey = "crash-test-key";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Kill_WhileTimerPending_EachReminderOnce()
    {
        Scenario scenario = new(fixture);
        await using LocalHostProcess first = await scenario.StartHostAsync();
        await scenario.ImportAndScheduleAsync(firstSeconds: 6, secondSeconds: 25);

        await fixture.Smtp.WaitForAsync(scenario.Reminders, 1, Wait);
        await first.KillAsync();
        await using LocalHostProcess second = await scenario.StartHostAsync();
        IReadOnlyList<MimeMessage> reminders = await fixture.Smtp.WaitForAsync(scenario.Reminders, 2, Wait);
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.Equal(2, reminders.Count);
        Assert.Equal(2, fixture.Smtp.Matching(scenario.Reminders).Count);
        Assert.Equal(2, fixture.Smtp.Matching(scenario.Reminders).Select(message => message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Kill_WhileSendingEmail_EachReminderOnce()
    {
        Scenario scenario = new(fixture);
        await using LocalHostProcess first = await scenario.StartHostAsync();
        Task held = fixture.Smtp.HoldNextTo(scenario.ContactEmail, TimeSpan.FromSeconds(60));
        await scenario.ImportAndScheduleAsync(firstSeconds: 6, secondSeconds: 40);

        await held.WaitAsync(Wait);
        await first.KillAsync();
        await using LocalHostProcess second = await scenario.StartHostAsync();
        IReadOnlyList<MimeMessage> reminders = await fixture.Smtp.WaitForAsync(scenario.Reminders, 2, Wait);
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.Equal(2, reminders.Count);
        Assert.Equal(2, fixture.Smtp.Matching(scenario.Reminders).Count);
        Assert.Equal(2, fixture.Smtp.Matching(scenario.Reminders).Select(message => message.MessageId).Distinct().Count());
    }

    /// <summary>One agreement on a task hub of its own, and the LocalHost arguments to serve it.</summary>
    private sealed class Scenario(CrashFixture fixture)
    {
        private readonly string taskHub = "Crash" + Guid.NewGuid().ToString("N")[..10];
        private readonly string signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "balanc-crash-" + Guid.NewGuid().ToString("N"));
        private readonly int port = AzuriteInstance.FreePort();

        public string AgreementId { get; } = "PC-K-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        public string ContactEmail => $"contact.{this.AgreementId.ToLowerInvariant()}@example.org";

        public Uri BaseAddress => new($"http://127.0.0.1:{this.port}/");

        public bool Reminders(MimeMessage message) => TestSmtpServer.IdStartsWith(message, $"{this.AgreementId}.reminder");

        public Task<LocalHostProcess> StartHostAsync() => LocalHostProcess.StartAsync(
            [
                .. LocalHostArguments.For(this.BaseAddress, fixture.Azurite, fixture.Smtp, this.signingKey, OfficeKey, this.taskHub, this.dataDirectory, seedRegister: string.Empty),
                $"--BalancStorage:AgreementsTable=agreements{this.taskHub}",
                "--LocalHost:QueueVisibilitySeconds=10",
            ],
            this.BaseAddress);

        /// <summary>
        /// Imports the agreement, due at the end of today (tomorrow near midnight), and gives it two
        /// reminders the given numbers of seconds from now.
        /// </summary>
        public async Task ImportAndScheduleAsync(int firstSeconds, int secondSeconds)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            DateOnly due = MadridTime.LocalDate(now);
            if (MadridTime.EndOfDay(due) - now < TimeSpan.FromMinutes(5))
            {
                due = due.AddDays(1);
            }

            string start = due.AddMonths(-12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string end = due.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string csv = string.Join('\n',
                "agreement_id,agreement_type,entity_name,entity_nif,space_name,space_address,district,neighbourhood,start_date,end_date,balance_period_months,renewal_lead_days,last_balance_date,contact_name,contact_email,representative_email,language",
                $"{this.AgreementId},cessio-us,Casal de Prova,G52690781,Local de prova,\"Carrer de la Prova, 1\",Sants-Montjuïc,Hostafrancs,{start},{end},12,90,,Laia Puig,{this.ContactEmail},rep.{this.AgreementId.ToLowerInvariant()}@example.net,ca");
            using HttpClient client = new() { BaseAddress = this.BaseAddress };
            client.DefaultRequestHeaders.Add("x-functions-key", OfficeKey);
            using HttpResponseMessage imported = await client.PostAsync("api/otpc/agreements/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
            imported.EnsureSuccessStatusCode();

            double untilEnd = (MadridTime.EndOfDay(due) - DateTimeOffset.UtcNow).TotalSeconds;
            string[] before = [$"PT{(int)(untilEnd - firstSeconds)}S", $"PT{(int)(untilEnd - secondSeconds)}S"];
            using HttpResponseMessage policy = await client.PutAsJsonAsync($"api/otpc/agreements/{this.AgreementId}/reminder-policy", new { before, overdueRepeat = (string?)null, localTime = "09:00" });
            policy.EnsureSuccessStatusCode();
        }
    }
}
