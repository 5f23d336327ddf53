using BalancFunctions.Domain.Lifecycle;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>The input of an agreement's lifecycle orchestration: only the agreement's id, the rest is read by activities.</summary>
public sealed record LifecycleInput(string AgreementId);

/// <summary>
/// The event raised when a balance is stored. It names the due date the balance covers, so that
/// the orchestration can recognise and ignore a duplicate event for an earlier cycle.
/// </summary>
public sealed record BalanceSubmitted(string SubmissionId, DateOnly CoveredDueDate, DateTimeOffset SubmittedAtUtc);

/// <summary>
/// The event raised after the OTPC or the entity changed what the schedule depends on (a due date
/// extended, the agreement renewed or ended, contacts, policy, a registry entry): the orchestration
/// plans its cycle again from storage.
/// </summary>
public sealed record AgreementChanged(string Change, DateTimeOffset ChangedAtUtc);

/// <summary>One planned step for the step activity to carry out.</summary>
public sealed record StepRequest(string AgreementId, LifecycleStepKind Kind, string Code, DateOnly DueDate, DateTimeOffset ScheduledAtUtc);

/// <summary>What the orchestration waits for, published as its custom status for the OTPC and the reconciliation.</summary>
public sealed record LifecycleProgress(DateOnly? DueDate, string? NextStep, DateTimeOffset? NextStepAtUtc, DateTimeOffset EndsAtUtc);

/// <summary>Names shared by the orchestration, its triggers and the code that raises its events.</summary>
public static class LifecycleNames
{
    public const string Orchestration = "AgreementLifecycle";

    public const string BalanceSubmittedEvent = "BalanceSubmitted";

    public const string AgreementChangedEvent = "AgreementChanged";

    /// <summary>Returns the instance id of an agreement's orchestration: one instance per agreement.</summary>
    public static string InstanceId(string agreementId) => "lifecycle-" + agreementId;
}
