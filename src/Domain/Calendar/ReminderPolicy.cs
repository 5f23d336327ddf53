using System.Globalization;

namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// When the entity's contact is reminded of a due date: a number of days before it, at a
/// local hour in Europe/Madrid.
/// </summary>
public sealed record ReminderPolicy(IReadOnlyList<int> DaysBefore, TimeOnly LocalTime)
{
    /// <summary>30, 7 and 1 days before each due date, at 09:00 local time.</summary>
    public static ReminderPolicy Default { get; } = new([30, 7, 1], new TimeOnly(9, 0));
}

/// <summary>One reminder of a due date: its step code (such as <c>D-30</c>) and when it fires.</summary>
public sealed record ReminderInstant(string Step, DateOnly DueDate, DateTimeOffset FireAtUtc);

/// <summary>Reminder instants of a due date, as pure functions.</summary>
public static class ReminderSchedule
{
    /// <summary>
    /// Computes the reminders of a due date under a policy, earliest first: one per distinct
    /// number of days n, at the policy's local time on the date n days before, with step <c>D-n</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The policy has no days, or a negative number of days.</exception>
    public static IReadOnlyList<ReminderInstant> Compute(DateOnly dueDate, ReminderPolicy policy)
    {
        Validate(policy);

        var reminders = new List<ReminderInstant>();
        foreach (int daysBefore in policy.DaysBefore.Distinct().OrderDescending())
        {
            DateTimeOffset fireAt = MadridTime.ToUtc(dueDate.AddDays(-daysBefore), policy.LocalTime);
            reminders.Add(new ReminderInstant(StepCode(daysBefore), dueDate, fireAt));
        }

        return reminders;
    }

    /// <summary>Returns the step code of a reminder sent a number of days before its due date, such as <c>D-7</c>.</summary>
    public static string StepCode(int daysBefore) => $"D-{daysBefore.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Throws <see cref="ArgumentException"/> unless the policy has at least one day and no negative day.</summary>
    public static void Validate(ReminderPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.DaysBefore is null || policy.DaysBefore.Count == 0)
        {
            throw new ArgumentException(
                "The reminder policy has no days before the due date. Give at least one, such as [30, 7, 1].",
                nameof(policy));
        }

        foreach (int daysBefore in policy.DaysBefore)
        {
            if (daysBefore < 0)
            {
                throw new ArgumentException(
                    $"The reminder policy has {daysBefore} days before the due date, but each number of days must be 0 or more.",
                    nameof(policy));
            }
        }
    }
}
