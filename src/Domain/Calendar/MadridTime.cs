namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// Conversions between UTC instants and local dates and times in Europe/Madrid, where
/// every date of the programme is a local calendar date.
/// </summary>
public static class MadridTime
{
    /// <summary>The IANA zone of Barcelona.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    /// <summary>Returns the UTC instant of a local date and time in Madrid.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time) => throw new NotImplementedException();

    /// <summary>Returns the local date in Madrid at a UTC instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => throw new NotImplementedException();

    /// <summary>Returns the instant a local day ends (local midnight after it), as UTC.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => throw new NotImplementedException();
}
