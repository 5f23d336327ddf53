namespace BalancFunctions.Domain.Calendar;

/// <summary>One reminder of a due date: its step code (such as <c>before:P7D</c>) and when it fires.</summary>
public sealed record ReminderInstant(string Step, DateOnly DueDate, DateTimeOffset FireAtUtc);

/// <summary>Reminder instants of a due date, as pure functions.</summary>
public static class ReminderSchedule
{
    /// <summary>The prefix of the step code of a reminder before a due date.</summary>
    public const string BeforeStepPrefix = "before:";

    /// <summary>
    /// Computes the reminders of a due date under a policy, earliest first (ties by step code), one
    /// per offset in <see cref="ReminderPolicy.Before"/>. A date-only offset fires at the policy's
    /// local time on the local date that far before <paramref name="dueDate"/>, months counted from
    /// <paramref name="dueDate"/>. An offset with a time part fires that long before the end of the
    /// due date's local day.
    /// </summary>
    /// <exception cref="ArgumentException">The policy is invalid (see <see cref="ReminderPolicy.FindProblems"/>).</exception>
    public static IReadOnlyList<ReminderInstant> Compute(DateOnly dueDate, ReminderPolicy policy)
    {
        Validate(policy);

        return policy.Before
            .Select(offset => new ReminderInstant(StepCode(offset), dueDate, FireAt(dueDate, offset, policy.LocalTime)))
            .OrderBy(reminder => reminder.FireAtUtc)
            .ThenBy(reminder => reminder.Step, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Returns the instant of a reminder <paramref name="offset"/> before a due date.</summary>
    public static DateTimeOffset FireAt(DateOnly dueDate, IsoDuration offset, TimeOnly localTime) =>
        offset.HasTimePart ? offset.SubtractFromEndOfDay(dueDate) : MadridTime.ToUtc(offset.SubtractFrom(dueDate), localTime);

    /// <summary>Returns the step code of a reminder before its due date: <c>before:</c> and the offset's canonical text, such as <c>before:P7D</c>.</summary>
    public static string StepCode(IsoDuration offset) => BeforeStepPrefix + offset;

    /// <summary>Parses a step code made by <see cref="StepCode"/>; returns false for any other text.</summary>
    public static bool TryParseStepCode(string? step, out IsoDuration offset)
    {
        offset = default;
        return step is not null
            && step.StartsWith(BeforeStepPrefix, StringComparison.Ordinal)
            && IsoDuration.TryParse(step[BeforeStepPrefix.Length..], out offset);
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem of a policy built in code.</summary>
    public static void Validate(ReminderPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        IReadOnlyList<string> problems = policy.FindProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The reminder policy is invalid: {string.Join(" ", problems)}", nameof(policy));
        }
    }
}
