using System.Globalization;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BalancFunctions.Functions.Tests.Lifecycle;

/// <summary>
/// The orchestration with the real planner when the agreement changes, when mail fails, and under
/// reconciliation. Schedules of seconds come from per-agreement reminder policies whose offsets
/// have a time part, which count back from the end of the due date's local day.
/// </summary>
[Collection(StorageTestGroup.Name)]
public sealed class LifecycleChangesTests(StorageFixture fixture)
{
    [Fact]
    public async Task Extension_BetweenReminders_MovesLaterStepsToNewDate()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        (DateOnly due, AgreementEntity entity) = await StoreDueSoonAsync(repository, agreementId, firstSeconds: 2, secondSeconds: 8);

        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        await fixture.Smtp.WaitForAsync(To(agreementId, "reminder"), 1, LifecycleHarness.Timeout);
        LifecycleProgress before = await LifecycleHarness.WaitForProgressAsync(host.Client, instanceId, progress => progress.NextStep?.StartsWith("before:", StringComparison.Ordinal) == true);
        entity = (await repository.GetAgreementAsync(agreementId, CancellationToken.None))!;
        entity.SetExtension(due, due.AddDays(1));
        await repository.Table.UpdateEntityAsync(entity, entity.ETag);
        await OfficeActionsHandler.RaiseChangedAsync(host.Client, agreementId, "due-date-extended", DateTimeOffset.UtcNow, CancellationToken.None);
        LifecycleProgress after = await LifecycleHarness.WaitForProgressAsync(host.Client, instanceId, progress => progress.NextStepAtUtc > before.NextStepAtUtc!.Value.AddHours(1));
        await Task.Delay(before.NextStepAtUtc!.Value - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);

        // The reminder already sent is planned again under its code but skipped, because its log row exists.
        Assert.Single(fixture.Smtp.Matching(To(agreementId, "reminder")));
        Assert.Equal(due, after.DueDate);
        CyclePlan plan = await host.Services.GetRequiredService<LifecycleActivities>().PlanCycle(agreementId);
        LifecycleStep secondReminder = Assert.Single(plan.Steps, step => step.Code == before.NextStep);
        Assert.Equal(before.NextStepAtUtc!.Value.AddDays(1), secondReminder.AtUtc);
        LifecycleStep overdue = Assert.Single(plan.Steps, step => step.Kind == LifecycleStepKind.Overdue);
        Assert.Equal(MadridTime.EndOfDay(due.AddDays(1)), overdue.AtUtc);
    }

    [Fact]
    public async Task Renewal_AfterRenewalBalance_PlansNewEndAndNextDueDate()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);
        Agreement agreement = TestServices.Agreement(agreementId, today.AddMonths(-24), today.AddDays(30)) with { RenewalLeadDays = 90 };
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await repository.Table.AddEntityAsync(AgreementEntity.FromAgreement(agreement, agreement.EndDate.AddDays(-90), "test", DateTimeOffset.UtcNow));

        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        LifecycleProgress waiting = await LifecycleHarness.WaitForProgressAsync(host.Client, instanceId, progress => progress.NextStep == "expiry");
        AgreementEntity entity = (await repository.GetAgreementAsync(agreementId, CancellationToken.None))!;
        DateOnly newEnd = agreement.EndDate.AddYears(2);
        entity.EndDate = AgreementEntity.FormatDate(newEnd)!;
        await repository.Table.UpdateEntityAsync(entity, entity.ETag);
        await OfficeActionsHandler.RaiseChangedAsync(host.Client, agreementId, "agreement-renewed", DateTimeOffset.UtcNow, CancellationToken.None);
        LifecycleProgress renewed = await LifecycleHarness.WaitForProgressAsync(host.Client, instanceId, progress => progress.EndsAtUtc > waiting.EndsAtUtc);

        Assert.Null(waiting.DueDate);
        Assert.Equal(MadridTime.EndOfDay(newEnd), renewed.EndsAtUtc);
        Assert.Equal(agreement.StartDate.AddMonths(24), renewed.DueDate);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(instanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task Smtp_RefusesThenAccepts_OneEmailPerStep()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly due = new(2027, 9, 30);
        PlanScript plans = new();
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, due, now, 120,
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P7D", due, now, 1),
            LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 100)));
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2026, 9, 30), new DateOnly(2030, 9, 30)));
        int refusalsBefore = fixture.Smtp.Refusals;

        fixture.Smtp.RefuseNext(2);
        string instanceId = await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        IReadOnlyList<MimeMessage> reminders = await fixture.Smtp.WaitForAsync(To(agreementId, "reminder"), 1, LifecycleHarness.Timeout);
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.Single(reminders);
        Assert.Single(fixture.Smtp.Matching(To(agreementId, "reminder")));
        Assert.Equal(2, fixture.Smtp.Refusals - refusalsBefore);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(instanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task Smtp_Rejects550_NoRetryAndOfficeNotice()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly due = new(2027, 10, 31);
        Agreement agreement = TestServices.Agreement(agreementId, new DateOnly(2026, 10, 31), new DateOnly(2030, 10, 31));
        PlanScript plans = new();
        plans.Enqueue(now => LifecycleHarness.Plan(agreementId, due, now, 120,
            LifecycleHarness.Step(LifecycleStepKind.Reminder, "before:P7D", due, now, 1),
            LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 100)));
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, agreement);
        int refusalsBefore = fixture.Smtp.Refusals;

        fixture.Smtp.RejectRecipient(agreement.ContactEmail);
        await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        IReadOnlyList<MimeMessage> notices = await fixture.Smtp.WaitForAsync(To(agreementId, "undeliverable-reminder"), 1, LifecycleHarness.Timeout);
        await Task.Delay(TimeSpan.FromSeconds(8));

        MimeMessage notice = Assert.Single(notices);
        Assert.Equal("otpc@example.org", notice.To.Mailboxes.Single().Address);
        Assert.Equal(1, fixture.Smtp.Refusals - refusalsBefore);
        LogEntity entry = Assert.Single(await repository.ListLogAsync(agreementId, CancellationToken.None), candidate => candidate.Kind == "reminder");
        Assert.Equal("undeliverable", entry.Outcome);
    }

    [Fact]
    public async Task Reconciliation_DeletedInstanceAndLostEvent_Repaired()
    {
        string suffix = TestServices.UniqueSuffix();
        string missingId = LifecycleHarness.NewAgreementId(suffix);
        string waitingId = LifecycleHarness.NewAgreementId(TestServices.UniqueSuffix());
        DateOnly due = new(2027, 11, 30);
        PlanScript plans = new();
        plans.Enqueue(waitingId, now => LifecycleHarness.Plan(waitingId, due, now, 300, LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 200)));
        plans.Enqueue(waitingId, now => LifecycleHarness.Finished(waitingId, now));
        plans.Enqueue(missingId, now => LifecycleHarness.Plan(missingId, due, now, 300, LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 200)));
        plans.Enqueue(missingId, now => LifecycleHarness.Plan(missingId, due, now, 300, LifecycleHarness.Step(LifecycleStepKind.Overdue, "overdue", due, now, 200)));
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix, plans);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(waitingId, new DateOnly(2026, 11, 30), new DateOnly(2030, 11, 30)));
        string waitingInstance = await LifecycleHarness.StartLifecycleAsync(host.Client, waitingId);
        await LifecycleHarness.WaitForProgressAsync(host.Client, waitingInstance, progress => progress.DueDate == due);
        await TestServices.StoreAsync(repository, TestServices.Agreement(missingId, new DateOnly(2026, 11, 30), new DateOnly(2030, 11, 30)));
        string missingInstance = await LifecycleHarness.StartLifecycleAsync(host.Client, missingId);
        await LifecycleHarness.WaitForProgressAsync(host.Client, missingInstance, progress => progress.DueDate == due);
        await host.Client.TerminateInstanceAsync(missingInstance);
        await LifecycleHarness.WaitForCompletionAsync(host.Client, missingInstance);
        await host.Client.PurgeInstanceAsync(missingInstance);
        Assert.Null(await host.Client.GetInstanceAsync(missingInstance));

        // A balance stored without its event: the orchestration keeps waiting on the due date.
        await LifecycleHarness.CoverAsync(repository, waitingId, due);
        ReconciliationReport report = await host.Services.GetRequiredService<Reconciliation>().RunAsync(host.Client, CancellationToken.None);
        OrchestrationMetadata completed = await LifecycleHarness.WaitForCompletionAsync(host.Client, waitingInstance);

        Assert.Equal([missingId], report.Started);
        Assert.Equal([waitingId], report.EventsRaised);
        Assert.Empty(report.Restarted);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.NotNull(await host.Client.GetInstanceAsync(LifecycleNames.InstanceId(missingId)));
    }

    /// <summary>
    /// Stores an agreement whose due date is today (tomorrow near midnight) with a policy whose two
    /// reminders fire the given numbers of seconds from now.
    /// </summary>
    private static async Task<(DateOnly Due, AgreementEntity Entity)> StoreDueSoonAsync(AgreementRepository repository, string agreementId, int firstSeconds, int secondSeconds)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateOnly due = MadridTime.LocalDate(now);
        if (MadridTime.EndOfDay(due) - now < TimeSpan.FromMinutes(5))
        {
            due = due.AddDays(1);
        }

        Agreement agreement = TestServices.Agreement(agreementId, due.AddMonths(-12), due.AddYears(3));
        AgreementEntity entity = AgreementEntity.FromAgreement(agreement, null, "test", now);
        double untilEnd = (MadridTime.EndOfDay(due) - now).TotalSeconds;
        string first = string.Create(CultureInfo.InvariantCulture, $"PT{(int)(untilEnd - firstSeconds)}S");
        string second = string.Create(CultureInfo.InvariantCulture, $"PT{(int)(untilEnd - secondSeconds)}S");
        entity.ReminderPolicyJson = $$"""{"before":["{{first}}","{{second}}"],"overdueRepeat":null,"localTime":"09:00"}""";
        await repository.Table.AddEntityAsync(entity);
        return (due, entity);
    }

    private static Func<MimeMessage, bool> To(string agreementId, string kind) =>
        message => TestSmtpServer.IdStartsWith(message, $"{agreementId}.{kind}");
}
