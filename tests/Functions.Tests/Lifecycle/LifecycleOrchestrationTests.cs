using BalancFunctions.Tests.Support;
using System.Collections.Concurrent;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BalancFunctions.Functions.Tests.Lifecycle;

/// <summary>
/// Runs the lifecycle orchestration in the in-process Durable host with schedules measured in
/// seconds. The plan comes from a test activity; reminders and escalations run the real activities
/// against Azurite and a real SMTP server.
/// </summary>
[Collection(StorageTestGroup.Name)]
public sealed class LifecycleOrchestrationTests(StorageFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lifecycle_RemindersThenSubmission_ContinuesWithNextCycle()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = "PC-T-" + suffix[1..7].ToUpperInvariant();
        DateOnly firstDue = new(2027, 2, 25);
        DateOnly secondDue = new(2028, 2, 25);
        PlanScript plans = new();
        plans.Enqueue(now => Plan(agreementId, firstDue, now, reminderSeconds: [1, 2], overdueSeconds: 30, endSeconds: 60));
        plans.Enqueue(now => Plan(agreementId, secondDue, now, reminderSeconds: [1], overdueSeconds: 30, endSeconds: 60));
        plans.Enqueue(now => new CyclePlan(agreementId, null, [], null, now, Finished: true));
        await using DurableTaskTestHost host = await StartHostAsync(plans, suffix);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2026, 2, 25), new DateOnly(2030, 2, 25)));

        string instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            LifecycleNames.Orchestration, new LifecycleInput(agreementId), new StartOrchestrationOptions(LifecycleNames.InstanceId(agreementId)));
        IReadOnlyList<MimeMessage> firstReminders = await fixture.Smtp.WaitForAsync(To(agreementId, "reminder.20270225"), 2, Timeout);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("s1", firstDue, DateTimeOffset.UtcNow));
        IReadOnlyList<MimeMessage> secondReminders = await fixture.Smtp.WaitForAsync(To(agreementId, "reminder.20280225"), 1, Timeout);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("s2", secondDue, DateTimeOffset.UtcNow));
        OrchestrationMetadata completed = await WaitForCompletionAsync(host.Client, instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(2, firstReminders.Count);
        Assert.Single(secondReminders);
        Assert.DoesNotContain(fixture.Smtp.Messages, message => TestSmtpServer.IdStartsWith(message, agreementId + ".escalation"));
        List<LogEntity> log = await repository.ListLogAsync(agreementId, CancellationToken.None);
        Assert.Equal(3, log.Count(entry => entry.Kind == "reminder"));
        Assert.DoesNotContain(log, entry => entry.Kind == "escalation");
    }

    [Fact]
    public async Task Lifecycle_NoSubmission_EscalatesOnceAndEnds()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = "PC-T-" + suffix[1..7].ToUpperInvariant();
        DateOnly due = new(2027, 3, 31);
        PlanScript plans = new();
        plans.Enqueue(now => Plan(agreementId, due, now, reminderSeconds: [1], overdueSeconds: 2, endSeconds: 5));
        await using DurableTaskTestHost host = await StartHostAsync(plans, suffix);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        Agreement agreement = TestServices.Agreement(agreementId, new DateOnly(2026, 3, 31), new DateOnly(2030, 3, 31));
        await TestServices.StoreAsync(repository, agreement);

        string instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            LifecycleNames.Orchestration, new LifecycleInput(agreementId), new StartOrchestrationOptions(LifecycleNames.InstanceId(agreementId)));
        OrchestrationMetadata completed = await WaitForCompletionAsync(host.Client, instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        MimeMessage reminder = Assert.Single(fixture.Smtp.Matching(To(agreementId, "reminder")));
        Assert.Equal(agreement.ContactEmail, reminder.To.Mailboxes.Single().Address);
        MimeMessage notice = Assert.Single(fixture.Smtp.Matching(To(agreementId, "overdue")));
        Assert.Equal([agreement.ContactEmail, agreement.RepresentativeEmail], notice.To.Mailboxes.Select(mailbox => mailbox.Address));
        MimeMessage escalation = Assert.Single(fixture.Smtp.Matching(To(agreementId, "escalation")));
        Assert.Equal("otpc@example.org", escalation.To.Mailboxes.Single().Address);
        Assert.Contains(agreement.EntityName, escalation.TextBody, StringComparison.Ordinal);
        AgreementEntity? stored = await repository.GetAgreementAsync(agreementId, CancellationToken.None);
        Assert.Equal(due, stored!.EscalatedDueDateValue);
    }

    [Fact]
    public async Task Lifecycle_EventForEarlierDueDate_IsIgnored()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = "PC-T-" + suffix[1..7].ToUpperInvariant();
        DateOnly due = new(2027, 6, 30);
        PlanScript plans = new();
        plans.Enqueue(now => Plan(agreementId, due, now, reminderSeconds: [3], overdueSeconds: 60, endSeconds: 90));
        plans.Enqueue(now => new CyclePlan(agreementId, null, [], null, now, Finished: true));
        await using DurableTaskTestHost host = await StartHostAsync(plans, suffix);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, new DateOnly(2025, 6, 30), new DateOnly(2030, 6, 30)));

        string instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            LifecycleNames.Orchestration, new LifecycleInput(agreementId), new StartOrchestrationOptions(LifecycleNames.InstanceId(agreementId)));
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("old", due.AddYears(-1), DateTimeOffset.UtcNow));
        IReadOnlyList<MimeMessage> reminders = await fixture.Smtp.WaitForAsync(To(agreementId, "reminder"), 1, Timeout);
        await host.Client.RaiseEventAsync(instanceId, LifecycleNames.BalanceSubmittedEvent, new BalanceSubmitted("current", due, DateTimeOffset.UtcNow));
        OrchestrationMetadata completed = await WaitForCompletionAsync(host.Client, instanceId);

        Assert.Single(reminders);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(2, plans.Calls);
    }

    private static CyclePlan Plan(string agreementId, DateOnly dueDate, DateTimeOffset now, int[] reminderSeconds, int overdueSeconds, int endSeconds)
    {
        string[] steps = ["D-30", "D-7", "D-1"];
        ReminderInstant[] reminders = [.. reminderSeconds.Select((seconds, index) => new ReminderInstant(steps[index], dueDate, now.AddSeconds(seconds)))];
        return new CyclePlan(agreementId, dueDate, reminders, now.AddSeconds(overdueSeconds), now.AddSeconds(endSeconds), Finished: false);
    }

    private static Func<MimeMessage, bool> To(string agreementId, string kind) =>
        message => TestSmtpServer.IdStartsWith(message, $"{agreementId}.{kind}");

    private async Task<DurableTaskTestHost> StartHostAsync(PlanScript plans, string suffix)
    {
        DurableTaskTestHost host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                registry.AddLifecycleOrchestration();
                registry.AddActivityFunc<string, CyclePlan>(nameof(LifecycleActivities.PlanCycle), (_, _) => plans.Next(DateTimeOffset.UtcNow));
                registry.AddActivity<LifecycleTasks.SendReminderActivity>(nameof(LifecycleActivities.SendReminder));
                registry.AddActivity<LifecycleTasks.EscalateOverdueActivity>(nameof(LifecycleActivities.EscalateOverdue));
            },
            new DurableTaskTestHostOptions { ConfigureServices = services => TestServices.Configure(services, fixture, suffix) });
        return host;
    }

    private static async Task<OrchestrationMetadata> WaitForCompletionAsync(DurableTaskClient client, string instanceId)
    {
        using CancellationTokenSource timeout = new(Timeout);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, timeout.Token);
    }

    /// <summary>The plans that the test activity returns, one per cycle, each built when the orchestration requests it.</summary>
    private sealed class PlanScript
    {
        private readonly ConcurrentQueue<Func<DateTimeOffset, CyclePlan>> plans = new();
        private int calls;

        public int Calls => this.calls;

        public void Enqueue(Func<DateTimeOffset, CyclePlan> plan) => this.plans.Enqueue(plan);

        public CyclePlan Next(DateTimeOffset now)
        {
            Interlocked.Increment(ref this.calls);
            return this.plans.TryDequeue(out Func<DateTimeOffset, CyclePlan>? plan)
                ? plan(now)
                : throw new InvalidOperationException("The test planned no further cycle.");
        }
    }
}
