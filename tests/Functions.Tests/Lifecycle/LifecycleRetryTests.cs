using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using MimeKit;

namespace BalancFunctions.Functions.Tests.Lifecycle;

/// <summary>
/// A step whose e-mail the SMTP server refuses with 451, again and again: the orchestration retries
/// it on its schedule and fails only when the schedule gives up. A covering balance ends the
/// retries, and a change to the agreement ends them after one more attempt.
/// The schedules here are seconds long. In production the retries go on for a day.
/// </summary>
[Collection(StorageTestGroup.Name)]
public sealed class LifecycleRetryTests(StorageFixture fixture)
{
    private static readonly DateOnly DueDate = new(2027, 3, 15);

    [Fact]
    public async Task Reminder_RefusedEightTimes_SentOnce()
    {
        // Eight refusals need nine attempts, and this schedule keeps trying for a minute.
        ActivityRetrySchedule retry = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        (DurableTaskTestHost host, string agreementId, PlanScript plans, _) = await this.StartAsync(expirySeconds: 40);
        await using DurableTaskTestHost disposeHost = host;
        int refusalsBefore = fixture.Smtp.Refusals;
        await this.WhileRefusingAsync(8, async () =>
        {
            string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId, retry);
            await fixture.Smtp.WaitForAsync(Reminders(agreementId), 1, LifecycleHarness.Timeout);

            // A second copy would come a retry interval later.
            await Task.Delay(TimeSpan.FromSeconds(3));
            OrchestrationMetadata? running = await host.Client.GetInstanceAsync(instanceId);

            Assert.Single(fixture.Smtp.Matching(Reminders(agreementId)));
            Assert.Equal(8, fixture.Smtp.Refusals - refusalsBefore);
            Assert.Equal(OrchestrationRuntimeStatus.Running, running?.RuntimeStatus);
            Assert.Equal(1, plans.Calls);
        });
    }

    [Fact]
    public async Task Reminder_RefusedPastSchedule_FailsOrchestration()
    {
        // Attempts at 0, 1, 2, 3 and 4 s: the last one when the schedule's time is up.
        ActivityRetrySchedule retry = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
        (DurableTaskTestHost host, string agreementId, _, _) = await this.StartAsync(expirySeconds: 60);
        await using DurableTaskTestHost disposeHost = host;
        int refusalsBefore = fixture.Smtp.Refusals;
        await this.WhileRefusingAsync(1000, async () =>
        {
            string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId, retry);
            OrchestrationMetadata ended = await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);

            Assert.Equal(OrchestrationRuntimeStatus.Failed, ended.RuntimeStatus);
            Assert.InRange(fixture.Smtp.Refusals - refusalsBefore, 4, 6);
            Assert.Empty(fixture.Smtp.Matching(Reminders(agreementId)));
        });
    }

    [Fact]
    public async Task ChangeDuringRetries_TriesAgainThenPlans()
    {
        // The next retry would come after five minutes, longer than the harness waits.
        ActivityRetrySchedule retry = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        (DurableTaskTestHost host, string agreementId, PlanScript plans, _) = await this.StartAsync(expirySeconds: 60);
        await using DurableTaskTestHost disposeHost = host;
        int refusalsBefore = fixture.Smtp.Refusals;
        await this.WhileRefusingAsync(1, async () =>
        {
            string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId, retry);
            await WaitForRefusalAsync(refusalsBefore);
            await OfficeActionsHandler.RaiseChangedAsync(host.Client, agreementId, "contacts-changed", DateTimeOffset.UtcNow, CancellationToken.None);
            OrchestrationMetadata ended = await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);

            // The server accepts again, so the attempt after the change sends the reminder. The
            // second plan is the script's default, a finished agreement, so the run completes.
            Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
            Assert.Single(fixture.Smtp.Matching(Reminders(agreementId)));
            Assert.Equal(2, plans.Calls);
        });
    }

    [Fact]
    public async Task BalanceDuringRetries_StopsWithoutSending()
    {
        ActivityRetrySchedule retry = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        (DurableTaskTestHost host, string agreementId, PlanScript plans, AgreementRepository repository) = await this.StartAsync(expirySeconds: 60);
        await using DurableTaskTestHost disposeHost = host;
        int refusalsBefore = fixture.Smtp.Refusals;
        await this.WhileRefusingAsync(1000, async () =>
        {
            string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId, retry);
            await WaitForRefusalAsync(refusalsBefore);
            await LifecycleHarness.CoverAsync(repository, agreementId, DueDate);
            await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("s1", DueDate, DateTimeOffset.UtcNow));
            OrchestrationMetadata ended = await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
            Assert.Equal(1, fixture.Smtp.Refusals - refusalsBefore);
            Assert.Empty(fixture.Smtp.Matching(Reminders(agreementId)));
            Assert.Equal(2, plans.Calls);
        });
    }

    /// <summary>Runs <paramref name="test"/> while the SMTP server refuses the next <paramref name="count"/> messages with 451, then accepts again.</summary>
    private async Task WhileRefusingAsync(int count, Func<Task> test)
    {
        fixture.Smtp.RefuseNext(count);
        try
        {
            await test();
        }
        finally
        {
            fixture.Smtp.RefuseNext(0);
        }
    }

    private static Func<MimeMessage, bool> Reminders(string agreementId) =>
        message => TestSmtpServer.IdStartsWith(message, $"{agreementId}.reminder.");

    /// <summary>Starts the host with one plan: a reminder a second from now, and the expiry after <paramref name="expirySeconds"/>.</summary>
    private async Task<(DurableTaskTestHost Host, string AgreementId, PlanScript Plans, AgreementRepository Repository)> StartAsync(double expirySeconds)
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        PlanScript plans = new();
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, DueDate, now, expirySeconds,
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P7D", DueDate, now, 1)));
        DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2026, 3, 15), new DateOnly(2030, 3, 15)));
        return (host, agreementId, plans, repository);
    }

    private async Task WaitForRefusalAsync(int refusalsBefore)
    {
        DateTime deadline = DateTime.UtcNow + LifecycleHarness.Timeout;
        while (fixture.Smtp.Refusals == refusalsBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "The SMTP server refused no message in time.");
            await Task.Delay(100);
        }
    }
}
