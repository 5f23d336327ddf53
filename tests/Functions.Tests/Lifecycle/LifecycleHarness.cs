using System.Collections.Concurrent;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace BalancFunctions.Functions.Tests.Lifecycle;

/// <summary>
/// Starts the lifecycle orchestration in the in-process Durable host with the real step activity
/// against Azurite and the test SMTP server. The plan comes either from the real planner or from a
/// script of plans measured in seconds.
/// </summary>
internal static class LifecycleHarness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<DurableTaskTestHost> StartAsync(StorageFixture fixture, string suffix, PlanScript? plans = null)
    {
        return await DurableTaskTestHost.StartAsync(
            registry =>
            {
                registry.AddLifecycleOrchestration();
                if (plans is null)
                {
                    registry.AddActivity<LifecycleTasks.PlanCycleActivity>(nameof(LifecycleActivities.PlanCycle));
                }
                else
                {
                    registry.AddActivityFunc<string, CyclePlan>(nameof(LifecycleActivities.PlanCycle), (_, agreementId) => plans.Next(agreementId, DateTimeOffset.UtcNow));
                }

                registry.AddActivity<LifecycleTasks.RunStepActivity>(nameof(LifecycleActivities.RunStep));
            },
            new DurableTaskTestHostOptions { ConfigureServices = services => TestServices.Configure(services, fixture, suffix) });
    }

    /// <param name="retry">The retries of failed activities, or null for the production schedule.</param>
    public static async Task<string> StartLifecycleAsync(DurableTaskClient client, string agreementId, ActivityRetrySchedule? retry = null) =>
        await client.ScheduleNewOrchestrationInstanceAsync(
            LifecycleNames.Orchestration, new LifecycleInput(agreementId, retry), new StartOrchestrationOptions(LifecycleNames.InstanceId(agreementId)));

    public static async Task<OrchestrationMetadata> WaitForCompletionAsync(DurableTaskClient client, string instanceId)
    {
        using CancellationTokenSource timeout = new(Timeout);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, timeout.Token);
    }

    /// <summary>Waits until the orchestration publishes progress that matches, and returns it.</summary>
    public static async Task<LifecycleProgress> WaitForProgressAsync(DurableTaskClient client, string instanceId, Func<LifecycleProgress, bool> match)
    {
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            LifecycleProgress? progress = instance?.ReadCustomStatusAs<LifecycleProgress>();
            if (progress is not null && match(progress))
            {
                return progress;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{instanceId} did not reach the expected progress; last: {progress}");
            }

            await Task.Delay(200);
        }
    }

    public static string NewAgreementId(string suffix) => "PC-T-" + suffix[1..9].ToUpperInvariant();

    /// <summary>Marks a due date covered in storage, as a stored submission does.</summary>
    public static async Task CoverAsync(AgreementRepository repository, string agreementId, DateOnly dueDate)
    {
        AgreementEntity entity = (await repository.GetAgreementAsync(agreementId, CancellationToken.None))!;
        entity.CoveredThrough = AgreementEntity.FormatDate(dueDate);
        await repository.Table.UpdateEntityAsync(entity, entity.ETag);
    }

    public static LifecycleStep Step(LifecycleStepKind kind, string code, DateOnly dueDate, DateTimeOffset now, double seconds) =>
        new(kind, code, dueDate, now.AddSeconds(seconds));

    public static CyclePlan Plan(string agreementId, DateOnly dueDate, DateTimeOffset now, double endSeconds, params LifecycleStep[] steps) =>
        new(agreementId, dueDate, DueDateKind.Periodic, [.. steps, Step(LifecycleStepKind.Expiry, "expiry", dueDate, now, endSeconds)], now.AddSeconds(endSeconds), Finished: false);

    public static CyclePlan Finished(string agreementId, DateTimeOffset now) => new(agreementId, null, null, [], now, Finished: true);
}

/// <summary>
/// The plans that the test planner returns, one per cycle, each built when the orchestration
/// requests it: from the agreement's own queue when it has one, else from the shared queue.
/// </summary>
internal sealed class PlanScript
{
    private readonly ConcurrentQueue<Func<DateTimeOffset, CyclePlan>> plans = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<DateTimeOffset, CyclePlan>>> plansByAgreement = new();
    private int calls;

    public int Calls => this.calls;

    public void Enqueue(Func<DateTimeOffset, CyclePlan> plan) => this.plans.Enqueue(plan);

    public void Enqueue(string agreementId, Func<DateTimeOffset, CyclePlan> plan) =>
        this.plansByAgreement.GetOrAdd(agreementId, _ => new()).Enqueue(plan);

    public CyclePlan Next(string agreementId, DateTimeOffset now)
    {
        Interlocked.Increment(ref this.calls);
        ConcurrentQueue<Func<DateTimeOffset, CyclePlan>> queue = this.plansByAgreement.TryGetValue(agreementId, out var own) ? own : this.plans;
        return queue.TryDequeue(out Func<DateTimeOffset, CyclePlan>? plan) ? plan(now) : LifecycleHarness.Finished(agreementId, now);
    }
}
