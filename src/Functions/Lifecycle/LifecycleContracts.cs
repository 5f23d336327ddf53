namespace BalancFunctions.Functions.Lifecycle;

/// <summary>The input of an agreement's lifecycle orchestration: only the agreement's id, the rest is read by activities.</summary>
public sealed record LifecycleInput(string AgreementId);

/// <summary>
/// The event raised when a balance is stored. It names the due date the balance covers, so that
/// the orchestration can recognise and ignore a duplicate event for an earlier cycle.
/// </summary>
public sealed record BalanceSubmitted(string SubmissionId, DateOnly CoveredDueDate, DateTimeOffset SubmittedAtUtc);

/// <summary>A reminder to send to the entity's contact.</summary>
public sealed record ReminderRequest(string AgreementId, DateOnly DueDate, string Step, DateTimeOffset ScheduledAtUtc);

/// <summary>An overdue balance to notify and escalate.</summary>
public sealed record EscalationRequest(string AgreementId, DateOnly DueDate);

/// <summary>Names shared by the orchestration, its triggers and the code that raises its events.</summary>
public static class LifecycleNames
{
    public const string Orchestration = "AgreementLifecycle";

    public const string BalanceSubmittedEvent = "BalanceSubmitted";

    /// <summary>Returns the instance id of an agreement's orchestration: one instance per agreement.</summary>
    public static string InstanceId(string agreementId) => "lifecycle-" + agreementId;
}
