using BalancFunctions.Domain.Lifecycle;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>The input of an agreement's lifecycle orchestration: the agreement's id, as the rest is read by activities.</summary>
/// <param name="AgreementId">The agreement the orchestration follows.</param>
/// <param name="Retry">How failed activities are retried, or null for <see cref="ActivityRetrySchedule.Default"/>; tests shorten it.</param>
public sealed record LifecycleInput(string AgreementId, ActivityRetrySchedule? Retry = null);

/// <summary>
/// The retries of the lifecycle's activities after a failure such as an e-mail server or storage
/// that is down: the first retry <paramref name="FirstInterval"/> after the failure, each later one
/// twice as long after the one before, at most <paramref name="MaxInterval"/> apart, until
/// <paramref name="GiveUpAfter"/> has passed since the first attempt. Then the orchestration fails,
/// and the daily reconciliation starts it again.
/// </summary>
public sealed record ActivityRetrySchedule(TimeSpan FirstInterval, TimeSpan MaxInterval, TimeSpan GiveUpAfter)
{
    /// <summary>Retries 5, 15, 35, 75 and 155 s after the first attempt, then at most an hour apart, for a day.</summary>
    public static ActivityRetrySchedule Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), TimeSpan.FromDays(1));

    /// <summary>Returns the wait before the retry that follows a wait of <paramref name="previous"/>.</summary>
    public TimeSpan Next(TimeSpan previous) => previous * 2 < this.MaxInterval ? previous * 2 : this.MaxInterval;
}

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
