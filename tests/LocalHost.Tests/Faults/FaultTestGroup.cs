namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>
/// The burst fault tests run one at a time, after the other tests of this assembly, because each
/// one loads both cores, and its reminders fall due seconds after they are scheduled.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTestGroup
{
    public const string Name = "LocalHost faults";
}
