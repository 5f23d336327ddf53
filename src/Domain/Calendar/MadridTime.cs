namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// Conversions between UTC instants and local dates and times in Europe/Madrid, where
/// every date of the programme is a local calendar date.
/// </summary>
public static class MadridTime
{
    /// <summary>The IANA zone of Barcelona.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    /// <summary>
    /// Returns the UTC instant of a local date and time in Madrid. A time that does not exist
    /// (the hour skipped when clocks go forward on the last Sunday of March) moves forward by
    /// the gap, so 02:30 becomes 03:30 summer time. A time that occurs twice (the hour repeated
    /// on the last Sunday of October) is taken at its first occurrence, in summer time.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        DateTime local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (Zone.IsInvalidTime(local))
        {
            // Reading the skipped time with the offset in force before the gap gives the
            // instant that lies the length of the gap later on the local clock. Madrid never
            // has two transitions within a day, so one day earlier is before the gap.
            offset = Zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (Zone.IsAmbiguousTime(local))
        {
            // The larger offset is summer time, whose instant comes first.
            offset = Zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }

    /// <summary>Returns the local date in Madrid at a UTC instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Returns the instant a local day ends (local midnight after it), as UTC.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => ToUtc(date.AddDays(1), TimeOnly.MinValue);
}
