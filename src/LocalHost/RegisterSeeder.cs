using BalancFunctions.Functions.Lifecycle;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace BalancFunctions.LocalHost;

/// <summary>
/// Imports the register named in <c>LocalHost:SeedRegister</c> once the host has started, with
/// the same importer as the OTPC's import endpoint, so a restart imports nothing twice.
/// </summary>
public sealed partial class RegisterSeeder(
    AgreementImporter importer,
    DurableTaskClient client,
    IOptions<LocalHostOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<RegisterSeeder> logger) : BackgroundService
{
    /// <summary>"none", "pending", "done" or "failed".</summary>
    public string Status { get; private set; } = "pending";

    /// <summary>The report of the seed import, once it is done.</summary>
    public ImportReport? Report { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string register = options.Value.SeedRegister;
        if (string.IsNullOrWhiteSpace(register))
        {
            this.Status = "none";
            return;
        }

        await WaitForStartAsync(lifetime, stoppingToken);
        string path = Path.IsPathRooted(register) ? register : Path.Combine(RepositoryRoot.Find(), register);
        try
        {
            using StreamReader reader = new(path);
            this.Report = await importer.ImportAsync(reader, client, stoppingToken);
            this.Status = "done";
            this.LogSeeded(path, this.Report.Created, this.Report.Unchanged, this.Report.Rejected.Count, this.Report.OrchestrationsStarted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The API stays up so that the failure shows on /api/health and the OTPC can import by hand.
            this.Status = "failed";
            this.LogSeedFailed(exception, path);
        }
    }

    private static Task WaitForStartAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Seed register {Path}: {Created} created, {Unchanged} unchanged, {Rejected} rows rejected, {Started} orchestrations started")]
    private partial void LogSeeded(string path, int created, int unchanged, int rejected, int started);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Seed register {Path} could not be imported")]
    private partial void LogSeedFailed(Exception exception, string path);
}
