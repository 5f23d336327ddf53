using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>
/// The lifecycle of one agreement, one balance cycle per execution: sleep until each reminder,
/// then until the due date, escalate if no balance arrived, and start the next cycle with
/// ContinueAsNew once a balance covers the due date. The instance completes when the agreement ends.
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

        // Plan this cycle from the stored agreement: the schedule comes in as data.
        CyclePlan plan = await context.CallActivityAsync<CyclePlan>(nameof(LifecycleActivities.PlanCycle), input.AgreementId);
        if (plan.Finished)
        {
            LifecycleLog.Ended(logger, input.AgreementId);
            return;
        }

        // One event waiter for the whole cycle: a cancelled waiter would stay registered and swallow the next event.
        SubmissionWaiter waiter = new(context, plan.DueDate);

        // Remind the entity at each step, unless a balance arrives first.
        foreach (LifecycleStep reminder in plan.Steps.Where(step => step.Kind == LifecycleStepKind.Reminder))
        {
            if (await waiter.WaitUntilAsync(reminder.AtUtc))
            {
                ContinueWithNextCycle(context, input, logger);
                return;
            }

            ReminderRequest request = new(input.AgreementId, reminder.DueDate, reminder.Code, reminder.AtUtc);
            await context.CallActivityAsync(nameof(LifecycleActivities.SendReminder), request, ActivityRetry);
        }

        // At the end of the due date without a balance, the balance is overdue: tell the entity and escalate.
        LifecycleStep? overdueStep = plan.Steps.FirstOrDefault(step => step.Kind == LifecycleStepKind.Overdue);
        if (plan.DueDate is DateOnly dueDate && overdueStep?.AtUtc is DateTimeOffset overdueAt)
        {
            if (await waiter.WaitUntilAsync(overdueAt))
            {
                ContinueWithNextCycle(context, input, logger);
                return;
            }

            LifecycleLog.Overdue(logger, input.AgreementId, dueDate);
            await context.CallActivityAsync(nameof(LifecycleActivities.EscalateOverdue), new EscalationRequest(input.AgreementId, dueDate), ActivityRetry);
        }

        // Wait for a (late) balance until the agreement ends.
        if (await waiter.WaitUntilAsync(plan.EndsAtUtc))
        {
            ContinueWithNextCycle(context, input, logger);
            return;
        }

        LifecycleLog.Ended(logger, input.AgreementId);
    }

    /// <summary>Retries of an activity: e-mail servers and storage fail for a while and recover.</summary>
    internal static TaskOptions ActivityRetry { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(5)));

    private static void ContinueWithNextCycle(TaskOrchestrationContext context, LifecycleInput input, ILogger logger)
    {
        LifecycleLog.NextCycle(logger, input.AgreementId);
        context.ContinueAsNew(input, preserveUnprocessedEvents: true);
    }

    /// <summary>Races the cycle's one event waiter against a timer per step, and cancels the timer that loses.</summary>
    private sealed class SubmissionWaiter(TaskOrchestrationContext context, DateOnly? dueDate)
    {
        /// <summary>Repeated events for earlier cycles ignored in one wait; it bounds the history one step can add.</summary>
        private const int MaxIgnoredEvents = 20;

        private Task<BalanceSubmitted> submitted = context.WaitForExternalEvent<BalanceSubmitted>(LifecycleNames.BalanceSubmittedEvent);

        /// <summary>Returns true when a balance covering this cycle's due date arrived before the instant.</summary>
        public async Task<bool> WaitUntilAsync(DateTimeOffset fireAtUtc)
        {
            using CancellationTokenSource timerCancellation = new();
            Task timer = context.CreateTimer(fireAtUtc.UtcDateTime, timerCancellation.Token);
            for (int ignored = 0; ignored < MaxIgnoredEvents; ignored++)
            {
                Task winner = await Task.WhenAny(this.submitted, timer);
                if (winner == timer)
                {
                    return false;
                }

                BalanceSubmitted balance = await this.submitted;
                if (dueDate is null || balance.CoveredDueDate >= dueDate.Value)
                {
                    timerCancellation.Cancel();
                    return true;
                }

                // A repeated event for an earlier cycle: listen again.
                this.submitted = context.WaitForExternalEvent<BalanceSubmitted>(LifecycleNames.BalanceSubmittedEvent);
            }

            // So many stale events that something upstream is wrong: stop listening until the timer fires.
            await timer;
            return false;
        }
    }
}

/// <summary>Log messages of the lifecycle orchestration.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Agreement {AgreementId}: balance received, next cycle")]
    public static partial void NextCycle(ILogger logger, string agreementId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Agreement {AgreementId}: balance due {DueDate} is overdue")]
    public static partial void Overdue(ILogger logger, string agreementId, DateOnly dueDate);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Agreement {AgreementId}: lifecycle ended")]
    public static partial void Ended(ILogger logger, string agreementId);
}
