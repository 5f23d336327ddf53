using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// An ISO-8601 duration of the subset that reminder policies use: weeks (<c>P2W</c>), months and
/// days (<c>P1M</c>, <c>P7D</c>), and hours, minutes and seconds (<c>PT12H</c>, <c>P1DT30M</c>).
/// Years, negative values and fractions are rejected.
/// </summary>
/// <remarks>
/// The date part (months and days) counts local calendar dates, with months applied by
/// <see cref="DateOnly.AddMonths(int)"/> from the anchor date, so 31 March minus one month is
/// 28 or 29 February. The time part is an exact length of time applied to an instant.
/// Weeks are stored as 7 days, so <c>P1W</c> and <c>P7D</c> are equal and both print as <c>P7D</c>.
/// </remarks>
public readonly partial record struct IsoDuration
{
    /// <summary>The largest number of months accepted (100 years).</summary>
    public const int MaxMonths = 1200;

    /// <summary>The largest number of days accepted, weeks included (about 100 years).</summary>
    public const int MaxDays = 36525;

    /// <summary>The largest time part accepted, in seconds (the same 36525 days).</summary>
    public const long MaxTimeSeconds = MaxDays * 86400L;

    private IsoDuration(int months, int days, long timeSeconds, bool hasTimePart)
    {
        this.Months = months;
        this.Days = days;
        this.TimeSeconds = timeSeconds;
        this.HasTimePart = hasTimePart;
    }

    /// <summary>Months of the date part.</summary>
    public int Months { get; }

    /// <summary>Days of the date part, weeks included as 7 days each.</summary>
    public int Days { get; }

    /// <summary>Length of the time part in seconds; 0 when there is none or when it is written as zero.</summary>
    public long TimeSeconds { get; }

    /// <summary>
    /// True when the text had a <c>T</c> part, even a zero one such as <c>PT0S</c>. An offset with a
    /// time part is measured from the end of the due date's local day instead of a local hour.
    /// </summary>
    public bool HasTimePart { get; }

    /// <summary>The time part as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan TimePart => TimeSpan.FromSeconds(this.TimeSeconds);

    /// <summary>True when the date part and the time part are both zero.</summary>
    public bool IsZero => this.Months == 0 && this.Days == 0 && this.TimeSeconds == 0;

    /// <summary>Creates a duration of whole days, such as the 7 of <c>P7D</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative or above <see cref="MaxDays"/>.</exception>
    public static IsoDuration FromDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        return new IsoDuration(0, days, 0, hasTimePart: false);
    }

    /// <summary>Parses an ISO-8601 duration such as <c>P7D</c>, <c>P1M</c> or <c>P1DT12H</c>.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not a duration of the supported subset; the message names the value and the reason.</exception>
    public static IsoDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out IsoDuration duration, out string? error) ? duration : throw new FormatException(error);
    }

    /// <summary>Parses an ISO-8601 duration; returns false for null or invalid text.</summary>
    public static bool TryParse(string? text, out IsoDuration duration) => TryParse(text, out duration, out _);

    /// <summary>
    /// Parses an ISO-8601 duration. On failure, <paramref name="error"/> is an English sentence that
    /// names the value and explains what is wrong with it.
    /// </summary>
    public static bool TryParse(string? text, out IsoDuration duration, out string? error)
    {
        duration = default;
        if (text is null)
        {
            error = "The duration is missing. Give an ISO-8601 duration such as P7D.";
            return false;
        }

        string? reason = FindReason(text, out duration);
        error = reason is null ? null : $"'{text}' is not a valid duration: {reason}";
        return reason is null;
    }

    /// <summary>Returns this duration with every part multiplied by <paramref name="factor"/>, such as the third of a weekly repeat.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative.</exception>
    /// <exception cref="OverflowException">The result does not fit.</exception>
    public IsoDuration Multiply(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(factor);
        return new IsoDuration(
            checked(this.Months * factor),
            checked(this.Days * factor),
            checked(this.TimeSeconds * factor),
            this.HasTimePart);
    }

    /// <summary>Returns the local date this duration before <paramref name="date"/>, months first, each counted from <paramref name="date"/>.</summary>
    /// <exception cref="InvalidOperationException">The duration has a time part, which a date cannot carry.</exception>
    public DateOnly SubtractFrom(DateOnly date)
    {
        this.ThrowIfTimePart();
        return date.AddMonths(-this.Months).AddDays(-this.Days);
    }

    /// <summary>Returns the local date this duration after <paramref name="date"/>, months first, each counted from <paramref name="date"/>.</summary>
    /// <exception cref="InvalidOperationException">The duration has a time part, which a date cannot carry.</exception>
    public DateOnly AddTo(DateOnly date)
    {
        this.ThrowIfTimePart();
        return date.AddMonths(this.Months).AddDays(this.Days);
    }

    /// <summary>
    /// Returns the instant this duration before the end of a local day: the date part moves the
    /// local date back, then the time part is subtracted from the end of that day (local midnight
    /// after it). For example <c>PT30S</c> before 2027-06-30 is 2027-06-30 23:59:30 local time.
    /// </summary>
    public DateTimeOffset SubtractFromEndOfDay(DateOnly date)
    {
        DateOnly shifted = date.AddMonths(-this.Months).AddDays(-this.Days);
        return MadridTime.EndOfDay(shifted) - this.TimePart;
    }

    /// <summary>
    /// Returns the instant this duration after the end of a local day: the date part moves the
    /// local date forward, then the time part is added to the end of that day.
    /// </summary>
    public DateTimeOffset AddToEndOfDay(DateOnly date)
    {
        DateOnly shifted = date.AddMonths(this.Months).AddDays(this.Days);
        return MadridTime.EndOfDay(shifted) + this.TimePart;
    }

    /// <summary>
    /// Returns the canonical text: months then days, then a time part in hours, minutes and
    /// seconds with zero components left out and seconds carried into minutes and hours.
    /// Weeks print as days. A zero date-only duration prints as <c>P0D</c> and a zero time part as <c>T0S</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder("P");
        if (this.Months > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{this.Months}M");
        }

        if (this.Days > 0 || (this.Months == 0 && !this.HasTimePart))
        {
            text.Append(CultureInfo.InvariantCulture, $"{this.Days}D");
        }

        if (this.HasTimePart)
        {
            text.Append('T');
            long hours = this.TimeSeconds / 3600;
            long minutes = this.TimeSeconds / 60 % 60;
            long seconds = this.TimeSeconds % 60;
            if (hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{hours}H");
            }

            if (minutes > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{minutes}M");
            }

            if (seconds > 0 || this.TimeSeconds == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{seconds}S");
            }
        }

        return text.ToString();
    }

    // ASCII digits only: \d would also match other scripts' digits. Weeks stand alone, as ISO 8601 requires.
    [GeneratedRegex(
        "^P(?:(?<weeks>[0-9]+)W|(?:(?<months>[0-9]+)M)?(?:(?<days>[0-9]+)D)?(?:T(?:(?<hours>[0-9]+)H)?(?:(?<minutes>[0-9]+)M)?(?:(?<seconds>[0-9]+)S)?)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex("[0-9][.,][0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex FractionPattern();

    private static string? FindReason(string text, out IsoDuration duration)
    {
        duration = default;
        if (text.Length == 0)
        {
            return "the text is empty. Give an ISO-8601 duration such as P7D.";
        }

        if (text[0] == '-' || text[0] == '+' || text.StartsWith("P-", StringComparison.Ordinal) || text.Contains("T-", StringComparison.Ordinal))
        {
            return "negative or signed durations are not supported. Give a duration such as P7D.";
        }

        if (FractionPattern().IsMatch(text))
        {
            return "fractions are not supported. Use a smaller unit, such as PT36H for one and a half days.";
        }

        if (text.StartsWith('P') && text.Contains('Y', StringComparison.Ordinal))
        {
            return "years are not supported. Use months instead, such as P12M.";
        }

        if (text == "P" || text == "PT")
        {
            return "the duration has no number. Give at least one part, such as P7D or PT12H.";
        }

        if (text.EndsWith('T'))
        {
            return "the T must be followed by hours, minutes or seconds, such as PT12H.";
        }

        Match match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return "expected an ISO-8601 duration in upper case such as P7D, P2W, P1M, PT12H or P1DT12H, "
                + "with weeks alone and the parts in the order M, D, T, H, M, S.";
        }

        if (!TryReadNumber(match, "weeks", out long weeks)
            || !TryReadNumber(match, "months", out long months)
            || !TryReadNumber(match, "days", out long days)
            || !TryReadNumber(match, "hours", out long hours)
            || !TryReadNumber(match, "minutes", out long minutes)
            || !TryReadNumber(match, "seconds", out long seconds))
        {
            return "a number is too large.";
        }

        long totalDays = (weeks * 7) + days;
        long timeSeconds = (hours * 3600) + (minutes * 60) + seconds;
        if (months > MaxMonths)
        {
            return $"at most {MaxMonths} months are supported.";
        }

        if (totalDays > MaxDays)
        {
            return $"at most {MaxDays} days are supported.";
        }

        if (timeSeconds > MaxTimeSeconds)
        {
            return $"a time part of at most {MaxTimeSeconds / 3600} hours is supported.";
        }

        duration = new IsoDuration((int)months, (int)totalDays, timeSeconds, match.Groups["hours"].Success || match.Groups["minutes"].Success || match.Groups["seconds"].Success);
        return null;
    }

    // Up to 12 digits keeps every product below within a long; the caller checks the real limits.
    private static bool TryReadNumber(Match match, string group, out long value)
    {
        value = 0;
        Group digits = match.Groups[group];
        if (!digits.Success)
        {
            return true;
        }

        string trimmed = digits.Value.TrimStart('0');
        return trimmed.Length <= 12 && long.TryParse(digits.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private void ThrowIfTimePart()
    {
        if (this.HasTimePart)
        {
            throw new InvalidOperationException(
                $"The duration {this} has a time part, so it applies to an instant, not to a date. Use SubtractFromEndOfDay or AddToEndOfDay.");
        }
    }
}
