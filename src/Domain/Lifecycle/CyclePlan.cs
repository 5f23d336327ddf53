using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Lifecycle;

/// <summary>What a lifecycle step does; a step at the same instant as another runs in this order.</summary>
public enum LifecycleStepKind
{
    /// <summary>Remind the entity's contact before the due date.</summary>
    Reminder,

    /// <summary>Mark the balance overdue, tell the entity and its representative, and escalate to the OTPC (level 1).</summary>
    Overdue,

    /// <summary>Remind the entity again while the balance stays overdue.</summary>
    OverdueReminder,

    /// <summary>Raise the second escalation level to the OTPC.</summary>
    EscalationLevel2,

    /// <summary>Remind the entity to record the registry entry of a submitted balance.</summary>
    RegistryReminder,

    /// <summary>The agreement ends; flag it when the renewal balance is missing.</summary>
    Expiry,
}

/// <summary>Stable codes of lifecycle steps, which with the due date identify a step in logs and message ids.</summary>
public static class LifecycleStepCodes
{
    /// <summary>The code of the <see cref="LifecycleStepKind.Overdue"/> step.</summary>
    public const string Overdue = "overdue";

    /// <summary>The prefix of the <see cref="LifecycleStepKind.OverdueReminder"/> codes, followed by the repeat number from 1.</summary>
    public const string OverdueReminderPrefix = "overdue-reminder:";

    /// <summary>The code of the <see cref="LifecycleStepKind.EscalationLevel2"/> step.</summary>
    public const string EscalationLevel2 = "escalation-2";

    /// <summary>The code of the <see cref="LifecycleStepKind.RegistryReminder"/> steps.</summary>
    public const string RegistryReminder = "registry-reminder";

    /// <summary>The code of the <see cref="LifecycleStepKind.Expiry"/> step.</summary>
    public const string Expiry = "expiry";
}

/// <summary>One thing the orchestration does at an instant.</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Code">
/// The step's stable code: <c>before:P7D</c> for a reminder (see <see cref="ReminderSchedule.StepCode"/>),
/// else one of <see cref="LifecycleStepCodes"/>.
/// </param>
/// <param name="DueDate">The ORIGINAL due date the step is about, also under an extension.</param>
/// <param name="AtUtc">When the step runs; it may be in the past for Overdue and EscalationLevel2, which then run at once.</param>
public sealed record LifecycleStep(LifecycleStepKind Kind, string Code, DateOnly DueDate, DateTimeOffset AtUtc);

/// <summary>
/// The schedule of one balance cycle of an agreement, computed by Domain and handed to the
/// lifecycle orchestration as data. All instants are UTC.
/// </summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="DueDate">The original date of the first open due date, or null when none is open.</param>
/// <param name="DueKind">The kind of that due date, or null when none is open.</param>
/// <param name="Steps">The steps, sorted by instant and then by <see cref="LifecycleStepKind"/> order; empty when finished.</param>
/// <param name="EndsAtUtc">The end of the agreement's end date (local midnight after it).</param>
/// <param name="Finished">True when the agreement has ended and the orchestration should complete.</param>
public sealed record CyclePlan(
    string AgreementId,
    DateOnly? DueDate,
    DueDateKind? DueKind,
    IReadOnlyList<LifecycleStep> Steps,
    DateTimeOffset EndsAtUtc,
    bool Finished)
{
    /// <summary>The date the open due date must be met by, after any extension; null when none is open.</summary>
    public DateOnly? EffectiveDueDate { get; init; }
}
