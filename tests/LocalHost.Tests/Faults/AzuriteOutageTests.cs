using Xunit.Abstractions;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>
/// Azurite stopped for 10 s in the middle of a burst of balances, then started again on the same
/// ports and data folder, while the LocalHost keeps running: every balance is stored once, with
/// its PDF and its event.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class AzuriteOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AzuriteStoppedDuringBurst_EachBalanceStoredOnce()
    {
        await using FaultHarness harness = await FaultHarness.StartAsync(output);
        BurstScenario scenario = new(harness, "AZURITE");
        List<BalanceRequest> requests = await scenario.PrepareAsync();

        SubmissionBurst burst = new(harness.BaseAddress, requests);
        Task<IReadOnlyList<SubmissionAttempt>> running = burst.RunAsync(BurstScenario.Clients);
        await burst.WhenCompletedAsync(12).WaitAsync(TimeSpan.FromSeconds(120));
        scenario.FaultAtUtc = DateTimeOffset.UtcNow;
        await harness.Azurite.StopAsync();
        DateTimeOffset stopped = DateTimeOffset.UtcNow;
        harness.Log("Azurite stopped");
        await Task.Delay(Outage);
        DateTimeOffset starting = DateTimeOffset.UtcNow;
        await harness.Azurite.StartAgainAsync();
        harness.Log("Azurite started again");
        scenario.Record("azurite.stopping.s", FaultHarness.Seconds(stopped - scenario.FaultAtUtc));
        scenario.Record("azurite.down.s", FaultHarness.Seconds(DateTimeOffset.UtcNow - stopped));
        scenario.Record("azurite.starting.s", FaultHarness.Seconds(DateTimeOffset.UtcNow - starting));
        IReadOnlyList<SubmissionAttempt> firstPass = await running;
        scenario.Record("burst.s", FaultHarness.Seconds(burst.Elapsed));
        await harness.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        scenario.Record("localhost.healthy-after-restart.s", FaultHarness.Seconds(DateTimeOffset.UtcNow - starting));
        harness.Log("LocalHost healthy again");

        try
        {
            await scenario.CheckAsync(requests, firstPass, allowKnownEmailGap: false);
        }
        finally
        {
            scenario.WriteFigures();
        }
    }
}
