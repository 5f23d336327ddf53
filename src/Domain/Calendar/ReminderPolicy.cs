using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// When the entity's contact is reminded of a due date, as data: offsets before the due date,
/// an optional repeat of reminders after it becomes overdue, and the local hour in Europe/Madrid.
/// </summary>
/// <param name="Before">
/// Offsets before the due date. A date-only offset (days, weeks, months) fires at
/// <paramref name="LocalTime"/> on the local date that far before the due date. An offset with a
/// time part is subtracted from the end of the due date's local day, and ignores <paramref name="LocalTime"/>.
/// </param>
/// <param name="OverdueRepeat">Reminders after the due date, such as <c>R4/P7D</c>; null for none.</param>
/// <param name="LocalTime">The local hour of date-only reminders and of the planner's other local-hour steps.</param>
public sealed record ReminderPolicy(IReadOnlyList<IsoDuration> Before, IsoRepeat? OverdueRepeat, TimeOnly LocalTime)
{
    /// <summary>The largest number of offsets in <see cref="Before"/>.</summary>
    public const int MaxOffsets = 10;

    /// <summary>30, 7 and 1 days before each due date, then weekly four times after it, at 09:00 local time.</summary>
    public static ReminderPolicy Default { get; } = new(
        [IsoDuration.FromDays(30), IsoDuration.FromDays(7), IsoDuration.FromDays(1)],
        new IsoRepeat(4, IsoDuration.FromDays(7)),
        new TimeOnly(9, 0));

    /// <summary>
    /// Parses a policy stored as JSON, such as
    /// <c>{"before":["P30D","P7D","P1D"],"overdueRepeat":"R4/P7D","localTime":"09:00"}</c>.
    /// <c>before</c> and <c>localTime</c> are required; <c>overdueRepeat</c> may be null or absent.
    /// </summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="InvalidReminderPolicyException">The text is not a valid policy; the exception lists every problem found.</exception>
    public static ReminderPolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        const string source = "reminder policy";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new InvalidReminderPolicyException(source, [$"the text is not valid JSON: {error.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            ReminderPolicy? policy = ReminderPolicyJson.Read(document.RootElement, string.Empty, problems);
            if (policy is null || problems.Count > 0)
            {
                throw new InvalidReminderPolicyException(source, problems);
            }

            return policy;
        }
    }

    /// <summary>Returns the policy as compact JSON in the form <see cref="Parse"/> reads, with canonical durations.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(ReminderPolicyJson.BeforeField);
            foreach (IsoDuration offset in this.Before)
            {
                writer.WriteStringValue(offset.ToString());
            }

            writer.WriteEndArray();
            if (this.OverdueRepeat is IsoRepeat repeat)
            {
                writer.WriteString(ReminderPolicyJson.OverdueRepeatField, repeat.ToString());
            }
            else
            {
                writer.WriteNull(ReminderPolicyJson.OverdueRepeatField);
            }

            writer.WriteString(ReminderPolicyJson.LocalTimeField, this.LocalTime.ToString(ReminderPolicyJson.TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Lists what is wrong with the policy, one sentence each, or nothing when it is valid:
    /// no offset, more than <see cref="MaxOffsets"/>, the same offset twice, or an unset repeat.
    /// </summary>
    public IReadOnlyList<string> FindProblems()
    {
        var problems = new List<string>();
        if (this.Before is null)
        {
            problems.Add("before is missing. Give at least one offset, such as [\"P30D\", \"P7D\", \"P1D\"].");
        }
        else
        {
            if (this.Before.Count == 0)
            {
                problems.Add("before has no offset. Give at least one, such as [\"P30D\", \"P7D\", \"P1D\"].");
            }

            if (this.Before.Count > MaxOffsets)
            {
                problems.Add($"before has {this.Before.Count} offsets, but at most {MaxOffsets} are allowed.");
            }

            foreach (IsoDuration repeated in this.Before.GroupBy(offset => offset).Where(group => group.Count() > 1).Select(group => group.Key))
            {
                problems.Add($"before has the offset {repeated} more than once (P1W and P7D are the same offset).");
            }
        }

        // A default(IsoRepeat) bypasses the constructor's checks.
        if (this.OverdueRepeat is IsoRepeat repeat && (repeat.Count < 1 || repeat.Period.IsZero))
        {
            problems.Add("overdueRepeat is not set up: it needs 1 or more events and a non-zero period, such as R4/P7D.");
        }

        return problems;
    }

    /// <summary>Compares the offsets in order, the repeat and the local time.</summary>
    public bool Equals(ReminderPolicy? other) =>
        other is not null
        && this.OverdueRepeat == other.OverdueRepeat
        && this.LocalTime == other.LocalTime
        && (ReferenceEquals(this.Before, other.Before)
            || (this.Before is not null && other.Before is not null && this.Before.SequenceEqual(other.Before)));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(this.OverdueRepeat);
        hash.Add(this.LocalTime);
        foreach (IsoDuration offset in this.Before ?? [])
        {
            hash.Add(offset);
        }

        return hash.ToHashCode();
    }
}
