using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Lifecycle;

/// <summary>
/// The schedule of one balance cycle of an agreement, computed by Domain and handed to the
/// lifecycle orchestration as data: the reminders still to send, when the balance becomes
/// overdue, and when the agreement ends. All instants are UTC.
/// </summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="DueDate">The open due date of this cycle, or null when none is left.</param>
/// <param name="Reminders">Reminders whose instant is still ahead, earliest first.</param>
/// <param name="OverdueAtUtc">The end of the due date's local day, or null when no due date is open.</param>
/// <param name="EndsAtUtc">The end of the agreement's end date.</param>
/// <param name="Finished">True when the agreement has ended and the orchestration should complete.</param>
public sealed record CyclePlan(
    string AgreementId,
    DateOnly? DueDate,
    IReadOnlyList<ReminderInstant> Reminders,
    DateTimeOffset? OverdueAtUtc,
    DateTimeOffset EndsAtUtc,
    bool Finished);

/// <summary>Plans a balance cycle from an agreement's dates and what is covered.</summary>
public static class CyclePlanner
{
    /// <summary>
    /// Plans the cycle that follows <paramref name="coveredThrough"/> at instant <paramref name="now"/>:
    /// reminders already past are left out; an agreement whose end has passed is finished.
    /// </summary>
    /// <remarks>
    /// An open due date that is already past still gets its <see cref="CyclePlan.OverdueAtUtc"/>,
    /// an instant in the past, so that the orchestration escalates at once.
    /// </remarks>
    public static CyclePlan Plan(Agreements.Agreement agreement, DateOnly? coveredThrough, DateTimeOffset now, ReminderPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ReminderSchedule.Validate(policy);

        // The agreement is in force through its whole end date.
        DateTimeOffset endsAtUtc = MadridTime.EndOfDay(agreement.EndDate);
        if (now >= endsAtUtc)
        {
            return new CyclePlan(agreement.AgreementId, null, [], null, endsAtUtc, Finished: true);
        }

        DueDate? open = DueDates.FirstOpen(DueDates.Compute(agreement), coveredThrough);
        if (open is null)
        {
            return new CyclePlan(agreement.AgreementId, null, [], null, endsAtUtc, Finished: false);
        }

        var reminders = ReminderSchedule.Compute(open.Date, policy)
            .Where(reminder => reminder.FireAtUtc > now)
            .ToList();
        return new CyclePlan(agreement.AgreementId, open.Date, reminders, MadridTime.EndOfDay(open.Date), endsAtUtc, Finished: false);
    }
}
