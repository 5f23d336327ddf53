using BalancFunctions.Domain.Lifecycle;
using Microsoft.Azure.Functions.Worker;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>The activity triggers of the Functions app: thin wrappers over <see cref="LifecycleActivities"/>.</summary>
public sealed class LifecycleFunctions(LifecycleActivities activities)
{
    [Function(nameof(LifecycleActivities.PlanCycle))]
    public Task<CyclePlan> PlanCycle([ActivityTrigger] string agreementId, FunctionContext context) =>
        activities.PlanCycle(agreementId, context.CancellationToken);

    [Function(nameof(LifecycleActivities.RunStep))]
    public Task RunStep([ActivityTrigger] StepRequest request, FunctionContext context) =>
        activities.RunStep(request, context.CancellationToken);
}
