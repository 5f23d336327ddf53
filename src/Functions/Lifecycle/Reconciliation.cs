using System.Text.Json;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>What a reconciliation repaired, by agreement id.</summary>
public sealed record ReconciliationReport(int Checked, IReadOnlyList<string> Started, IReadOnlyList<string> Restarted, IReadOnlyList<string> EventsRaised, int ProjectionsRepaired);

/// <summary>
/// Compares the agreement register with the orchestration instances and repairs what differs. It
/// starts a missing instance, and restarts a failed or terminated one, or a completed one whose
/// agreement was extended since. It also raises again the event of a stored balance that its
/// orchestration is still waiting for. Last, it projects every agreement into the OTPC's read
/// model again, which repairs what a crash between a write and its refresh left behind.
/// </summary>
public sealed partial class Reconciliation(AgreementRepository repository, AgreementIndex index, TimeProvider clock, ILogger<Reconciliation> logger)
{
    public Task<ReconciliationReport> RunAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        this.RunAsync(client, rebuildIndex: false, cancellationToken);

    /// <summary>Reconciles; with <paramref name="rebuildIndex"/>, rewrites the whole read model from the source (see <see cref="AgreementIndex.RepairAsync"/>).</summary>
    public async Task<ReconciliationReport> RunAsync(DurableTaskClient client, bool rebuildIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
        List<AgreementEntity> agreements = await repository.ListAgreementsAsync(cancellationToken);
        List<string> started = [];
        List<string> restarted = [];
        List<string> eventsRaised = [];

        foreach (AgreementEntity agreement in agreements)
        {
            string agreementId = agreement.PartitionKey;
            string instanceId = LifecycleNames.InstanceId(agreementId);
            OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance is null)
            {
                await AgreementImporter.StartLifecycleAsync(client, agreementId, cancellationToken);
                started.Add(agreementId);
                continue;
            }

            bool broken = instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
            bool endedTooSoon = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && agreement.ToAgreement().EndDate >= today;
            if (broken || endedTooSoon)
            {
                await client.PurgeInstanceAsync(instanceId, options: null, cancellationToken);
                await AgreementImporter.StartLifecycleAsync(client, agreementId, cancellationToken);
                restarted.Add(agreementId);
                continue;
            }

            if (instance.IsRunning && await this.ReraiseLostBalanceAsync(client, agreement, instance, cancellationToken))
            {
                eventsRaised.Add(agreementId);
            }
        }

        int projectionsRepaired = await index.RepairAsync([.. agreements.Select(agreement => agreement.PartitionKey)], full: rebuildIndex, cancellationToken);
        ReconciliationReport report = new(agreements.Count, started, restarted, eventsRaised, projectionsRepaired);
        this.LogReconciled(report.Checked, started.Count, restarted.Count, eventsRaised.Count);
        return report;
    }

    /// <summary>True when a reconcile request asks for the read model to be rewritten (<c>?rebuildIndex=true</c>).</summary>
    public static bool RebuildIndexRequested(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return bool.TryParse(request.Query["rebuildIndex"], out bool rebuild) && rebuild;
    }

    /// <summary>Raises the balance event again when the orchestration waits on a due date that a stored balance covers.</summary>
    private async Task<bool> ReraiseLostBalanceAsync(DurableTaskClient client, AgreementEntity agreement, OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        if (instance.SerializedCustomStatus is null || agreement.CoveredThroughDate is not DateOnly coveredThrough)
        {
            return false;
        }

        LifecycleProgress? progress = JsonSerializer.Deserialize<LifecycleProgress>(instance.SerializedCustomStatus, ApiResult.JsonOptions);
        if (progress?.DueDate is not DateOnly waitingOn || waitingOn > coveredThrough)
        {
            return false;
        }

        List<SubmissionEntity> submissions = await repository.ListSubmissionsAsync(agreement.PartitionKey, cancellationToken);
        SubmissionEntity? covering = submissions.FirstOrDefault(submission => AgreementEntity.ParseDate(submission.CoveredDueDate) >= waitingOn);
        BalanceSubmitted submitted = covering is null
            ? new BalanceSubmitted("register", coveredThrough, clock.GetUtcNow())
            : new BalanceSubmitted(covering.SubmissionId, AgreementEntity.ParseDate(covering.CoveredDueDate)!.Value, covering.SubmittedAtUtc);
        await client.RaiseEventAsync(instance.InstanceId, LifecycleNames.BalanceSubmittedEvent, submitted, cancellationToken);
        this.LogReraised(agreement.PartitionKey, waitingOn);
        return true;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Reconciliation checked {Checked} agreements: {Started} orchestrations started, {Restarted} restarted, {Reraised} balance events raised again")]
    private partial void LogReconciled(int @checked, int started, int restarted, int reraised);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: its orchestration still waited on {DueDate:yyyy-MM-dd}, which a stored balance covers; event raised again")]
    private partial void LogReraised(string agreementId, DateOnly dueDate);
}
