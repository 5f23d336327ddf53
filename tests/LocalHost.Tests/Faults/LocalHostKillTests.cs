using Xunit.Abstractions;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>
/// The LocalHost killed (SIGKILL) in the middle of a burst of balances, then started again on the
/// same Azurite and task hub: every balance is stored once, with its PDF and its event.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class LocalHostKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KillDuringBurst_EachBalanceStoredOnce()
    {
        await using FaultHarness harness = await FaultHarness.StartAsync(output);
        BurstScenario scenario = new(harness, "KILL");
        List<BalanceRequest> requests = await scenario.PrepareAsync();

        SubmissionBurst burst = new(harness.BaseAddress, requests);
        Task<IReadOnlyList<SubmissionAttempt>> running = burst.RunAsync(BurstScenario.Clients);
        await burst.WhenCompletedAsync(12).WaitAsync(TimeSpan.FromSeconds(120));
        scenario.FaultAtUtc = DateTimeOffset.UtcNow;
        await harness.KillHostAsync();
        harness.Log("LocalHost killed");
        await harness.StartHostAsync();
        scenario.Record("downtime.s", FaultHarness.Seconds(DateTimeOffset.UtcNow - scenario.FaultAtUtc));
        IReadOnlyList<SubmissionAttempt> firstPass = await running;
        scenario.Record("burst.s", FaultHarness.Seconds(burst.Elapsed));

        try
        {
            await scenario.CheckAsync(requests, firstPass, allowKnownEmailGap: true);
        }
        finally
        {
            scenario.WriteFigures();
        }
    }
}
