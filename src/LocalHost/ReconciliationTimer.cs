using BalancFunctions.Functions.Lifecycle;
using Microsoft.DurableTask.Client;

namespace BalancFunctions.LocalHost;

/// <summary>
/// Runs the reconciliation once a day, as the Functions app's timer trigger does in Azure. The
/// first run is a day after start-up, so that it never races the seed import.
/// </summary>
public sealed partial class ReconciliationTimer(Reconciliation reconciliation, DurableTaskClient client, ILogger<ReconciliationTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using PeriodicTimer timer = new(TimeSpan.FromDays(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await reconciliation.RunAsync(client, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                this.LogFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "The daily reconciliation failed; it runs again tomorrow, or now with POST /api/otpc/reconcile")]
    private partial void LogFailed(Exception exception);
}
