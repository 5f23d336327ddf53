using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>What an import did: counts per outcome and every rejected row.</summary>
public sealed record ImportReport(
    int Received,
    int Created,
    int Updated,
    int Unchanged,
    int OrchestrationsStarted,
    IReadOnlyList<ImportRowError> Rejected);

/// <summary>
/// Imports the agreement register: stores every valid row and makes sure each stored agreement
/// has its lifecycle orchestration. Importing the same file again changes nothing and starts nothing.
/// </summary>
public sealed partial class AgreementImporter(AgreementRepository repository, AgreementIndex index, TimeProvider clock, ILogger<AgreementImporter> logger)
{
    /// <summary>Rows stored and orchestrations started at once; storage calls dominate, not CPU.</summary>
    private const int Parallelism = 8;

    public async Task<ImportReport> ImportAsync(TextReader register, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        AgreementImportResult parsed = AgreementCsvReader.Read(register);
        ConcurrentBag<string> outcomes = [];
        int started = 0;

        await Parallel.ForEachAsync(
            parsed.Agreements,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (agreement, token) =>
            {
                outcomes.Add(await this.StoreAsync(agreement, token));
                await index.RefreshAsync(agreement.AgreementId, token);
                if (await StartLifecycleAsync(client, agreement.AgreementId, token))
                {
                    Interlocked.Increment(ref started);
                }
            });

        ImportReport report = new(
            parsed.Agreements.Count + parsed.Errors.Select(error => error.Row).Distinct().Count(),
            outcomes.Count(outcome => outcome == "created"),
            outcomes.Count(outcome => outcome == "updated"),
            outcomes.Count(outcome => outcome == "unchanged"),
            started,
            parsed.Errors);
        this.LogImported(report.Created, report.Updated, report.Unchanged, report.Rejected.Count, report.OrchestrationsStarted);
        return report;
    }

    /// <summary>
    /// Starts an agreement's orchestration unless an instance exists; returns true when it started one.
    /// The instance id derives from the agreement id, so two concurrent starts make one instance.
    /// </summary>
    public static async Task<bool> StartLifecycleAsync(DurableTaskClient client, string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string instanceId = LifecycleNames.InstanceId(agreementId);
        OrchestrationMetadata? existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                LifecycleNames.Orchestration,
                new LifecycleInput(agreementId),
                new StartOrchestrationOptions(instanceId),
                cancellationToken);
            return true;
        }
        catch (Exception exception) when (IsAlreadyExists(exception))
        {
            return false;
        }
    }

    private static bool IsAlreadyExists(Exception exception) =>
        exception.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
        || exception.InnerException?.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true;

    private async Task<string> StoreAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        string registerHash = HashRow(agreement);
        AgreementEntity? existing = await repository.GetAgreementAsync(agreement.AgreementId, cancellationToken);
        if (existing is null)
        {
            DateOnly? coveredThrough = DueDates.CoveredThroughOnImport(agreement, DueDates.Compute(agreement));
            AgreementEntity entity = AgreementEntity.FromAgreement(agreement, coveredThrough, registerHash, clock.GetUtcNow());
            try
            {
                await repository.Table.AddEntityAsync(entity, cancellationToken);
                return "created";
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Another import stored it a moment ago: compare with that row instead.
                existing = await repository.GetAgreementAsync(agreement.AgreementId, cancellationToken)
                    ?? throw new InvalidOperationException($"Agreement {agreement.AgreementId} conflicted on insert but cannot be read.", exception);
            }
        }

        if (existing.RegisterHash == registerHash)
        {
            return "unchanged";
        }

        // NOTE: a re-import updates the register's columns (contacts, language, dates) but keeps the
        // coverage already recorded; the running orchestration follows new dates from its next cycle.
        existing.CopyRegisterColumns(agreement, registerHash);
        await repository.Table.UpdateEntityAsync(existing, existing.ETag, cancellationToken: cancellationToken);
        return "updated";
    }

    private static string HashRow(Agreement agreement) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(agreement, ApiResult.JsonOptions))));

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Register imported: {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected rows, {Started} orchestrations started")]
    private partial void LogImported(int created, int updated, int unchanged, int rejected, int started);
}
