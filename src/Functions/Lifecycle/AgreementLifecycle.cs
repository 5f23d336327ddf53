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
                return WaitOutcome.InstantReached;
            },
            new RetryTarget(input.AgreementId, nameof(LifecycleActivities.PlanCycle)));
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
            if (await waiter.WaitUntilAsync(step.AtUtc) != WaitOutcome.InstantReached)
            {
                LifecycleLog.Replanning(logger, input.AgreementId);
                context.ContinueAsNew(input, preserveUnprocessedEvents: true);
                return;
            }

            StepRequest request = new(input.AgreementId, step.Kind, step.Code, step.DueDate, step.AtUtc);
            bool ran = await CallWithRetriesAsync(
                context,
                retry,
                () => context.CallActivityAsync(nameof(LifecycleActivities.RunStep), request),
                waiter.WaitUntilAsync,
                new RetryTarget(input.AgreementId, step.Code));
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
    /// Calls an activity until it succeeds, waiting between attempts as <paramref name="retry"/> sets,
    /// with the last attempt when the schedule's time is up. Returns true when the call succeeded.
    /// Returns false when a wait ended early: after a balance that covers the due date at once,
    /// because the step is no longer needed. After a change to the agreement, it returns false
    /// after one more attempt, so that a reminder is still sent when the server is back. The
    /// caller then plans again, and the new plan runs an overdue step that is still due.
    /// </summary>
    private static async Task<bool> CallWithRetriesAsync(
        TaskOrchestrationContext context,
        ActivityRetrySchedule retry,
        Func<Task> call,
        Func<DateTimeOffset, Task<WaitOutcome>> waitUntil,
        RetryTarget target)
    {
        ILogger logger = context.CreateReplaySafeLogger(typeof(AgreementLifecycle));
        DateTimeOffset giveUpAt = context.CurrentUtcDateTime + retry.GiveUpAfter;
        TimeSpan wait = retry.FirstInterval;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return true;
            }
            catch (TaskFailedException exception) when (context.CurrentUtcDateTime < giveUpAt)
            {
                TimeSpan left = giveUpAt - context.CurrentUtcDateTime;
                TimeSpan thisWait = wait < left ? wait : left;
                LifecycleLog.ActivityFailed(logger, target.AgreementId, target.Activity, attempt, thisWait, exception.Message);
                switch (await waitUntil(context.CurrentUtcDateTime + thisWait))
                {
                    case WaitOutcome.BalanceCovered:
                        return false;
                    case WaitOutcome.AgreementChanged:
                        await TryOnceAsync(context, call, attempt + 1, target);
                        return false;
                }

                wait = retry.Next(wait);
            }
        }
    }

    /// <summary>Makes one last attempt, and logs its failure instead of throwing it.</summary>
    private static async Task TryOnceAsync(TaskOrchestrationContext context, Func<Task> call, int attempt, RetryTarget target)
    {
        try
        {
            await call();
        }
        catch (TaskFailedException exception)
        {
            ILogger logger = context.CreateReplaySafeLogger(typeof(AgreementLifecycle));
            LifecycleLog.LastAttemptFailed(logger, target.AgreementId, target.Activity, attempt, exception.Message);
        }
    }

    /// <summary>The agreement and the activity or step that a retried call's log lines name.</summary>
    private sealed record RetryTarget(string AgreementId, string Activity);

    /// <summary>How a wait ended: at its instant, or early because of a covering balance or a change.</summary>
    private enum WaitOutcome
    {
        InstantReached,
        BalanceCovered,
        AgreementChanged,
    }

    /// <summary>Races the cycle's event waiters against a timer per step, and cancels the timer that loses.</summary>
    private sealed class ChangeWaiter(TaskOrchestrationContext context, DateOnly? dueDate)
    {
        /// <summary>Repeated balance events for earlier cycles ignored in one wait; it bounds the history that one wait can add.</summary>
        private const int MaxIgnoredEvents = 20;

        private readonly Task<AgreementChanged> changed = context.WaitForExternalEvent<AgreementChanged>(LifecycleNames.AgreementChangedEvent);
        private Task<BalanceSubmitted> submitted = context.WaitForExternalEvent<BalanceSubmitted>(LifecycleNames.BalanceSubmittedEvent);

        /// <summary>Waits until the instant, unless the agreement changes or a balance covering this cycle's due date arrives first.</summary>
        public async Task<WaitOutcome> WaitUntilAsync(DateTimeOffset fireAtUtc)
        {
            using CancellationTokenSource timerCancellation = new();
            Task timer = context.CreateTimer(fireAtUtc.UtcDateTime, timerCancellation.Token);
            for (int ignored = 0; ignored < MaxIgnoredEvents; ignored++)
            {
                Task winner = await Task.WhenAny(this.submitted, this.changed, timer);
                if (winner == timer)
                {
                    return WaitOutcome.InstantReached;
                }

                if (winner == this.changed)
                {
                    timerCancellation.Cancel();
                    return WaitOutcome.AgreementChanged;
                }

                if (dueDate is null || (await this.submitted).CoveredDueDate >= dueDate.Value)
                {
                    timerCancellation.Cancel();
                    return WaitOutcome.BalanceCovered;
                }

                // A repeated event for an earlier cycle: listen again.
                this.submitted = context.WaitForExternalEvent<BalanceSubmitted>(LifecycleNames.BalanceSubmittedEvent);
            }

            // So many stale events that something upstream is wrong: stop listening for them until the timer fires.
            Task last = await Task.WhenAny(this.changed, timer);
            if (last == this.changed)
            {
                timerCancellation.Cancel();
                return WaitOutcome.AgreementChanged;
            }

            return WaitOutcome.InstantReached;
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

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: {Activity} failed on attempt {Attempt} after a change to the agreement, so the cycle is planned again: {Error}")]
    public static partial void LastAttemptFailed(ILogger logger, string agreementId, string activity, int attempt, string error);
}
