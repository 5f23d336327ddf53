using BalancFunctions.Domain.Lifecycle;
using Microsoft.DurableTask;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>
/// Registers the lifecycle orchestration and its activities on a Durable Task worker outside the
/// Functions host, under the same names as the Functions triggers. The activity classes are
/// created per call from dependency injection and delegate to <see cref="LifecycleActivities"/>.
/// </summary>
public static class LifecycleTasks
{
    public static DurableTaskRegistry AddLifecycleTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddLifecycleOrchestration();
        registry.AddActivity<PlanCycleActivity>(nameof(LifecycleActivities.PlanCycle));
        registry.AddActivity<RunStepActivity>(nameof(LifecycleActivities.RunStep));
        return registry;
    }

    internal sealed class PlanCycleActivity(LifecycleActivities activities) : TaskActivity<string, CyclePlan>
    {
        public override Task<CyclePlan> RunAsync(TaskActivityContext context, string input) => activities.PlanCycle(input);
    }

    internal sealed class RunStepActivity(LifecycleActivities activities) : TaskActivity<StepRequest, bool>
    {
        public override async Task<bool> RunAsync(TaskActivityContext context, StepRequest input)
        {
            await activities.RunStep(input);
            return true;
        }
    }
}
