using System.Globalization;

namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// An ISO-8601 repeat <c>Rn/&lt;duration&gt;</c>, such as <c>R4/P7D</c>: <see cref="Count"/> events,
/// the k-th one k times <see cref="Period"/> after the anchor. Only bounded repeats of 1 to
/// <see cref="MaxCount"/> events with a non-zero period are accepted.
/// </summary>
public readonly record struct IsoRepeat
{
    /// <summary>The largest number of repetitions accepted (a year of weekly events).</summary>
    public const int MaxCount = 52;

    /// <summary>Creates a repeat of <paramref name="count"/> events every <paramref name="period"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is outside 1 to <see cref="MaxCount"/>, or the period is zero.</exception>
    public IsoRepeat(int count, IsoDuration period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        if (period.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period of a repeat must not be zero.");
        }

        this.Count = count;
        this.Period = period;
    }

    /// <summary>The number of events, 1 to <see cref="MaxCount"/>.</summary>
    public int Count { get; }

    /// <summary>The time between two events, and between the anchor and the first event.</summary>
    public IsoDuration Period { get; }

    /// <summary>Parses a repeat such as <c>R4/P7D</c>.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not a bounded repeat; the message names the value and the reason.</exception>
    public static IsoRepeat Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out IsoRepeat repeat, out string? error) ? repeat : throw new FormatException(error);
    }

    /// <summary>
    /// Parses a repeat such as <c>R4/P7D</c>. On failure, <paramref name="error"/> is an English
    /// sentence that names the value and explains what is wrong with it.
    /// </summary>
    public static bool TryParse(string? text, out IsoRepeat repeat, out string? error)
    {
        repeat = default;
        error = null;
        if (text is null)
        {
            error = "The repeat is missing. Give an ISO-8601 repeat such as R4/P7D.";
            return false;
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!text.StartsWith('R') || slash < 0)
        {
            error = $"'{text}' is not a valid repeat: expected Rn/<duration>, such as R4/P7D.";
            return false;
        }

        string countText = text[1..slash];
        string periodText = text[(slash + 1)..];
        if (countText.Length == 0)
        {
            error = $"'{text}' is not a valid repeat: an unbounded repeat is not supported. Give the number of events, such as R4/P7D.";
            return false;
        }

        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1 || count > MaxCount)
        {
            error = $"'{text}' is not a valid repeat: the number of events must be 1 to {MaxCount}, such as R4/P7D.";
            return false;
        }

        if (!IsoDuration.TryParse(periodText, out IsoDuration period, out string? periodError))
        {
            error = $"'{text}' is not a valid repeat: {periodError}";
            return false;
        }

        if (period.IsZero)
        {
            error = $"'{text}' is not a valid repeat: the period must not be zero.";
            return false;
        }

        repeat = new IsoRepeat(count, period);
        return true;
    }

    /// <summary>Returns the canonical text, such as <c>R4/P7D</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"R{this.Count}/{this.Period}");
}
