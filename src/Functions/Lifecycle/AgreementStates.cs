using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Storage;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>An agreement's stored row and the lifecycle state that Domain plans from.</summary>
public sealed record LoadedAgreement(AgreementEntity Entity, LifecycleState State, IReadOnlyList<SubmissionEntity> Submissions);

/// <summary>Reads an agreement's lifecycle state from storage: its row, extensions, policy and submissions.</summary>
public sealed class AgreementStates(AgreementRepository repository)
{
    public async Task<LoadedAgreement?> LoadAsync(string agreementId, CancellationToken cancellationToken)
    {
        AgreementEntity? entity = await repository.GetAgreementAsync(agreementId, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        List<SubmissionEntity> submissions = await repository.ListSubmissionsAsync(agreementId, cancellationToken);
        return new LoadedAgreement(entity, StateOf(entity, submissions), submissions);
    }

    /// <summary>Builds the lifecycle state of a stored agreement and its submissions.</summary>
    public static LifecycleState StateOf(AgreementEntity entity, IReadOnlyList<SubmissionEntity> submissions)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(submissions);
        Domain.Agreements.Agreement agreement = entity.ToAgreement();
        PendingRegistration[] pending = [.. submissions
            .Where(submission => string.IsNullOrEmpty(submission.RegistryNumber))
            .Select(submission => new PendingRegistration(AgreementEntity.ParseDate(submission.CoveredDueDate)!.Value, submission.SubmittedAtUtc))];
        ReminderPolicy policy = ReminderPolicies.Resolve(agreement.Type, entity.ReminderPolicyJson);
        IReadOnlyDictionary<DateOnly, DateOnly> extensions = entity.Extensions();
        DateOnly? coveredThrough = entity.CoveredThroughDate;

        // An agreement the OTPC ended early owes no further balance: every due date up to its end counts as waived.
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(agreement, extensions);
        if (entity.EndedEarlyOn is not null && dueDates.Count > 0 && dueDates[^1] is DueDate last)
        {
            coveredThrough = coveredThrough is DateOnly covered && covered > last.Date ? covered : last.Date;
        }

        return new LifecycleState(agreement, coveredThrough, extensions, pending, policy);
    }

    /// <summary>Returns an agreement's status on a local date; one the OTPC ended early shows as ended from then on.</summary>
    public static AgreementStatus StatusOn(AgreementEntity entity, LifecycleState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.EndedEarlyOn is not null)
        {
            AgreementStatusDescription finished = AgreementStatusCalculator.Describe(AgreementStatusCode.Finished);
            return new AgreementStatus(finished.Code, finished.CodeText, finished.Label, null);
        }

        return AgreementStatusCalculator.Compute(state, entity.EscalationLevel, entity.EscalatedDueDateValue, today);
    }

    /// <summary>Returns the first local date after <paramref name="today"/> on which the status may change, or null.</summary>
    public static DateOnly? NextStatusChange(AgreementEntity entity, LifecycleState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.EndedEarlyOn is not null
            ? null
            : AgreementStatusCalculator.NextChange(state, entity.EscalationLevel, entity.EscalatedDueDateValue, today);
    }
}
