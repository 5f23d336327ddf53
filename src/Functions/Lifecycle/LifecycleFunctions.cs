using BalancFunctions.Domain.Lifecycle;
using Microsoft.Azure.Functions.Worker;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>The activity triggers of the Functions app: thin wrappers over <see cref="LifecycleActivities"/>.</summary>
public sealed class LifecycleFunctions(LifecycleActivities activities)
{
    [Function(nameof(LifecycleActivities.PlanCycle))]
    public Task<CyclePlan> PlanCycle([ActivityTrigger] string agreementId, FunctionContext context) =>
        activities.PlanCycle(agreementId, context.CancellationToken);

    [Function(nameof(LifecycleActivities.SendReminder))]
    public Task SendReminder([ActivityTrigger] ReminderRequest request, FunctionContext context) =>
        activities.SendReminder(request, context.CancellationToken);

    [Function(nameof(LifecycleActivities.EscalateOverdue))]
    public Task EscalateOverdue([ActivityTrigger] EscalationRequest request, FunctionContext context) =>
        activities.EscalateOverdue(request, context.CancellationToken);
}
