using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using MimeKit;

namespace BalancFunctions.Functions.Tests.Lifecycle;

/// <summary>
/// The lifecycle orchestration in the in-process Durable host, with schedules of seconds, the real
/// step activity, Azurite and a real SMTP server.
/// </summary>
[Collection(StorageTestGroup.Name)]
public sealed class LifecycleOrchestrationTests(StorageFixture fixture)
{
    [Fact]
    public async Task Lifecycle_RemindersThenSubmission_ContinuesWithNextCycle()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly firstDue = new(2027, 2, 25);
        DateOnly secondDue = new(2028, 2, 25);
        PlanScript plans = new();
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, firstDue, now, 60,
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P30D", firstDue, now, 1),
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P7D", firstDue, now, 2),
            LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", firstDue, now, 40)));
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, secondDue, now, 60,
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P30D", secondDue, now, 1),
            LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", secondDue, now, 40)));
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2026, 2, 25), new DateOnly(2030, 2, 25)));

        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        IReadOnlyList<MimeMessage> firstReminders = await fixture.Smtp.WaitForAsync(To(agreementId, "reminder.20270225"), 2, LifecycleHarness.Timeout);
        await LifecycleHarness.CoverAsync(repository, agreementId, firstDue);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("s1", firstDue, DateTimeOffset.UtcNow));
        IReadOnlyList<MimeMessage> secondReminders = await fixture.Smtp.WaitForAsync(To(agreementId, "reminder.20280225"), 1, LifecycleHarness.Timeout);
        await LifecycleHarness.CoverAsync(repository, agreementId, secondDue);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("s2", secondDue, DateTimeOffset.UtcNow));
        OrchestrationMetadata completed = await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(2, firstReminders.Count);
        Assert.Single(secondReminders);
        Assert.Empty(fixture.Smtp.Matching(To(agreementId, "escalation")));
        Assert.Equal(3, plans.Calls);
    }

    [Fact]
    public async Task Lifecycle_NoSubmission_RunsEscalationChainOnce()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly due = new(2027, 3, 31);
        PlanScript plans = new();
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, due, now, 6,
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P1D", due, now, 1),
            LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 2),
            LifecycleHarness.Step(LifecycleStepKind.OverdueReminder, "overdue-reminder:1", due, now, 3),
            LifecycleHarness.Step(LifecycleStepKind.EscalationLevel2, "escalation-2", due, now, 4)));
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        Agreement agreement = TestServices.Agreement(agreementId, new DateOnly(2026, 3, 31), new DateOnly(2030, 3, 31));
        await TestServices.StoreAsync(repository, agreement);

        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        OrchestrationMetadata completed = await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        MimeMessage reminder = Assert.Single(fixture.Smtp.Matching(To(agreementId, "reminder")));
        Assert.Equal(agreement.ContactEmail, reminder.To.Mailboxes.Single().Address);
        MimeMessage notice = Assert.Single(fixture.Smtp.Matching(To(agreementId, "overdue-notice")));
        Assert.Equal([agreement.ContactEmail, agreement.RepresentativeEmail], notice.To.Mailboxes.Select(mailbox => mailbox.Address));
        Assert.Single(fixture.Smtp.Matching(To(agreementId, "overdue-reminder")));
        MimeMessage escalation = Assert.Single(fixture.Smtp.Matching(To(agreementId, "escalation.")));
        Assert.Equal("otpc@example.org", escalation.To.Mailboxes.Single().Address);
        Assert.Single(fixture.Smtp.Matching(To(agreementId, "escalation-2")));
        Assert.Single(fixture.Smtp.Matching(To(agreementId, "expired-without-balance")));
        AgreementEntity? stored = await repository.GetAgreementAsync(agreementId, CancellationToken.None);
        Assert.Equal(due, stored!.EscalatedDueDateValue);
        Assert.Equal(2, stored.EscalationLevel);
    }

    [Fact]
    public async Task Lifecycle_SubmissionAtDueInstant_NoEscalationAfterIt()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly due = new(2027, 6, 30);
        PlanScript plans = new();
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, due, now, 30,
            LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 3),
            LifecycleHarness.Step(LifecycleStepKind.OverdueReminder, "overdue-reminder:1", due, now, 5)));
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2025, 6, 30), new DateOnly(2030, 6, 30)));

        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        LifecycleProgress waiting = await LifecycleHarness.WaitForProgressAsync(host.Client, instanceId, progress => progress.NextStep == "overdue");
        await Task.Delay(waiting.NextStepAtUtc!.Value - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
        DateTimeOffset submittedAt = DateTimeOffset.UtcNow;
        await LifecycleHarness.CoverAsync(repository, agreementId, due);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("same-second", due, submittedAt));
        OrchestrationMetadata completed = await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        List<LogEntity> log = await repository.ListLogAsync(agreementId, CancellationToken.None);
        Assert.All(log.Where(entry => entry.Kind is "escalation" or "overdue-notice"), entry => Assert.True(entry.DoneAtUtc <= submittedAt.AddSeconds(1), $"{entry.Kind} at {entry.DoneAtUtc:O}, after the submission at {submittedAt:O}"));
        Assert.Empty(fixture.Smtp.Matching(To(agreementId, "overdue-reminder")));
        Assert.True(fixture.Smtp.Matching(To(agreementId, "escalation.")).Count <= 1);
    }

    [Fact]
    public async Task Lifecycle_EventForEarlierDueDate_IsIgnored()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly due = new(2027, 6, 30);
        PlanScript plans = new();
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, due, now, 90,
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P1D", due, now, 3)));
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2025, 6, 30), new DateOnly(2030, 6, 30)));

        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("old", due.AddYears(-1), DateTimeOffset.UtcNow));
        IReadOnlyList<MimeMessage> reminders = await fixture.Smtp.WaitForAsync(To(agreementId, "reminder"), 1, LifecycleHarness.Timeout);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("current", due, DateTimeOffset.UtcNow));
        OrchestrationMetadata completed = await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);

        Assert.Single(reminders);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(2, plans.Calls);
    }

    [Fact]
    public async Task History_TenCycles_StaysFlat()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        PlanScript plans = new();
        for (int cycle = 0; cycle < 10; cycle++)
        {
            DateOnly due = new DateOnly(2027, 1, 15).AddYears(cycle);
            plans.Enqueue(now => LifecycleHarness.Plan(agreementId, due, now, 300,
                LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P30D", due, now, 0.2),
                LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 200)));
        }

        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2026, 1, 15), new DateOnly(2040, 1, 15)));
        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        List<int> historyLengths = [];

        for (int cycle = 0; cycle < 10; cycle++)
        {
            DateOnly due = new DateOnly(2027, 1, 15).AddYears(cycle);
            await fixture.Smtp.WaitForAsync(To(agreementId, $"reminder.{due:yyyyMMdd}"), 1, LifecycleHarness.Timeout);
            await LifecycleHarness.WaitForProgressAsync(host.Client, instanceId, progress => progress.DueDate == due && progress.NextStep == "overdue");
            historyLengths.Add((await host.Client.GetOrchestrationHistoryAsync(instanceId)).Count);
            await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted($"s{cycle}", due, DateTimeOffset.UtcNow));
        }

        await LifecycleHarness.WaitForCompletionAsync(host.Client, instanceId);

        Assert.Equal(10, historyLengths.Count);
        Assert.All(historyLengths, length => Assert.Equal(historyLengths[0], length));
    }

    private static Func<MimeMessage, bool> To(string agreementId, string kind) =>
        message => TestSmtpServer.IdStartsWith(message, $"{agreementId}.{kind}");
}
