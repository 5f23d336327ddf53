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
    /// <summary>Computes the reminders of a due date under a policy, earliest first.</summary>
    public static IReadOnlyList<ReminderInstant> Compute(DateOnly dueDate, ReminderPolicy policy) => throw new NotImplementedException();
}
