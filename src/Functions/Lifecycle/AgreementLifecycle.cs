using BalancFunctions.Domain.Lifecycle;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>
/// The lifecycle of one agreement, one balance cycle per execution. Domain plans the cycle as a
/// list of steps: reminders, overdue, weekly overdue reminders, second escalation, registry
/// reminders and expiry. The orchestration sleeps until each step and runs it. A balance covering the
/// due date, or any change to the agreement, starts a new execution with ContinueAsNew, which plans
/// again from storage, so reminders for old dates never fire and the history stays bounded.
/// </summary>
/// <remarks>
/// NOTE: the Functions trigger and the Durable Task registration live in this file because
/// Microsoft.DurableTask.Analyzers 1.28.0 throws AD0001 ("Syntax node is not within syntax tree")
/// when an orchestration entry point calls an orchestrator method declared in another file.
/// </remarks>
public static class AgreementLifecycle
{
    /// <summary>The orchestrator trigger of the Functions app.</summary>
    [Function(LifecycleNames.Orchestration)]
    public static Task RunTrigger([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(context, context.GetInput<LifecycleInput>()!);
    }

    /// <summary>Registers the orchestration on a Durable Task worker outside the Functions host, under the trigger's name.</summary>
    public static DurableTaskRegistry AddLifecycleOrchestration(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddOrchestratorFunc<LifecycleInput>(LifecycleNames.Orchestration, RunAsync);
    }

    public static async Task RunAsync(TaskOrchestrationContext context, LifecycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger(typeof(AgreementLifecycle));
        ActivityRetrySchedule retry = input.Retry ?? ActivityRetrySchedule.Default;

        // Plan this cycle from the stored agreement: the schedule comes in as data. Events that
        // arrive while a retry waits stay queued for the waiter below.
        CyclePlan? planned = null;
        await CallWithRetriesAsync(
            context,
            retry,
            async () => planned = await context.CallActivityAsync<CyclePlan>(nameof(LifecycleActivities.PlanCycle), input.AgreementId),
            async retryAt =>
            {
                await context.CreateTimer(retryAt.UtcDateTime, CancellationToken.None);
                return false;
            },
            (attempt, wait, message) => LifecycleLog.ActivityFailed(logger, input.AgreementId, nameof(LifecycleActivities.PlanCycle), attempt, wait, message));
        CyclePlan plan = planned!;
        if (plan.Finished)
        {
            LifecycleLog.Ended(logger, input.AgreementId);
            return;
        }

        // One waiter per event for the whole cycle: a cancelled waiter would stay registered and swallow the next event.
        ChangeWaiter waiter = new(context, plan.DueDate);

        // Run each step at its instant, unless a balance or a change arrives first.
        foreach (LifecycleStep step in plan.Steps)
        {
            context.SetCustomStatus(new LifecycleProgress(plan.DueDate, step.Code, step.AtUtc, plan.EndsAtUtc));
            if (await waiter.WaitUntilAsync(step.AtUtc))
            {
                LifecycleLog.Replanning(logger, input.AgreementId);
                context.ContinueAsNew(input, preserveUnprocessedEvents: true);
                return;
            }

            // A balance or a change that arrives while a failed step waits for its retry ends the
            // retries, because the new plan decides whether the step is still needed.
            StepRequest request = new(input.AgreementId, step.Kind, step.Code, step.DueDate, step.AtUtc);
            bool ran = await CallWithRetriesAsync(
                context,
                retry,
                () => context.CallActivityAsync(nameof(LifecycleActivities.RunStep), request),
                waiter.WaitUntilAsync,
                (attempt, wait, message) => LifecycleLog.ActivityFailed(logger, input.AgreementId, step.Code, attempt, wait, message));
            if (!ran)
            {
                LifecycleLog.Replanning(logger, input.AgreementId);
                context.ContinueAsNew(input, preserveUnprocessedEvents: true);
                return;
            }

            if (step.Kind == LifecycleStepKind.Expiry)
            {
                break;
            }
        }

        LifecycleLog.Ended(logger, input.AgreementId);
    }

    /// <summary>
    /// Calls an activity until it succeeds, waiting between attempts as <paramref name="retry"/> sets.
    /// Returns true when the call succeeded, or false when <paramref name="waitUntil"/>
    /// returned true because the agreement changed during a wait. The last failure is rethrown
    /// once the schedule gives up.
    /// </summary>
    private static async Task<bool> CallWithRetriesAsync(
        TaskOrchestrationContext context,
        ActivityRetrySchedule retry,
        Func<Task> call,
        Func<DateTimeOffset, Task<bool>> waitUntil,
        Action<int, TimeSpan, string> logFailure)
    {
        DateTimeOffset giveUpAt = context.CurrentUtcDateTime + retry.GiveUpAfter;
        TimeSpan wait = retry.FirstInterval;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return true;
            }
            catch (TaskFailedException exception) when (context.CurrentUtcDateTime + wait <= giveUpAt)
            {
                logFailure(attempt, wait, exception.Message);
                if (await waitUntil(context.CurrentUtcDateTime + wait))
                {
                    return false;
                }

                wait = retry.Next(wait);
            }
        }
    }

    /// <summary>Races the cycle's event waiters against a timer per step, and cancels the timer that loses.</summary>
    private sealed class ChangeWaiter(TaskOrchestrationContext context, DateOnly? dueDate)
    {
        /// <summary>Repeated balance events for earlier cycles ignored in one wait; it bounds the history one step can add.</summary>
        private const int MaxIgnoredEvents = 20;

        private readonly Task<AgreementChanged> changed = context.WaitForExternalEvent<AgreementChanged>(LifecycleNames.AgreementChangedEvent);
        private Task<BalanceSubmitted> submitted = context.WaitForExternalEvent<BalanceSubmitted>(LifecycleNames.BalanceSubmittedEvent);

        /// <summary>Returns true when the agreement changed, or a balance covering this cycle's due date arrived, before the instant.</summary>
        public async Task<bool> WaitUntilAsync(DateTimeOffset fireAtUtc)
        {
            using CancellationTokenSource timerCancellation = new();
            Task timer = context.CreateTimer(fireAtUtc.UtcDateTime, timerCancellation.Token);
            for (int ignored = 0; ignored < MaxIgnoredEvents; ignored++)
            {
                Task winner = await Task.WhenAny(this.submitted, this.changed, timer);
                if (winner == timer)
                {
                    return false;
                }

                if (winner == this.changed || dueDate is null || (await this.submitted).CoveredDueDate >= dueDate.Value)
                {
                    timerCancellation.Cancel();
                    return true;
                }

                // A repeated event for an earlier cycle: listen again.
                this.submitted = context.WaitForExternalEvent<BalanceSubmitted>(LifecycleNames.BalanceSubmittedEvent);
            }

            // So many stale events that something upstream is wrong: stop listening for them until the timer fires.
            Task last = await Task.WhenAny(this.changed, timer);
            if (last == this.changed)
            {
                timerCancellation.Cancel();
                return true;
            }

            return false;
        }
    }
}

/// <summary>Log messages of the lifecycle orchestration.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Agreement {AgreementId}: balance received or agreement changed, planning again")]
    public static partial void Replanning(ILogger logger, string agreementId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Agreement {AgreementId}: lifecycle ended")]
    public static partial void Ended(ILogger logger, string agreementId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: {Activity} failed on attempt {Attempt}, retrying in {Wait}: {Error}")]
    public static partial void ActivityFailed(ILogger logger, string agreementId, string activity, int attempt, TimeSpan wait, string error);
}
