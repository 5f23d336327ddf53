using System.Globalization;
using BalancFunctions.Domain.Calendar;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Calendar;

// In 2027 the clocks go forward on Sunday 28 March (02:00 CET to 03:00 CEST) and back on
// Sunday 31 October (03:00 CEST to 02:00 CET).
public sealed class MadridTimeTests
{
    [Theory]
    [InlineData("2027-01-15", "09:00", "2027-01-15T08:00:00Z")]
    [InlineData("2027-07-15", "09:00", "2027-07-15T07:00:00Z")]
    [InlineData("2027-03-27", "09:00", "2027-03-27T08:00:00Z")]
    [InlineData("2027-03-28", "01:59", "2027-03-28T00:59:00Z")]
    [InlineData("2027-03-28", "03:00", "2027-03-28T01:00:00Z")]
    [InlineData("2027-03-28", "09:00", "2027-03-28T07:00:00Z")]
    [InlineData("2027-10-30", "09:00", "2027-10-30T07:00:00Z")]
    [InlineData("2027-10-31", "01:59", "2027-10-30T23:59:00Z")]
    [InlineData("2027-10-31", "03:00", "2027-10-31T02:00:00Z")]
    [InlineData("2027-10-31", "09:00", "2027-10-31T08:00:00Z")]
    public void ToUtc_LocalTime_AppliesOffsetOfTheDay(string date, string time, string expected)
    {
        Assert.Equal(Instant(expected), MadridTime.ToUtc(Date(date), Time(time)));
    }

    [Theory]
    [InlineData("02:00", "2027-03-28T01:00:00Z")]
    [InlineData("02:30", "2027-03-28T01:30:00Z")]
    [InlineData("02:59", "2027-03-28T01:59:00Z")]
    public void ToUtc_SkippedHour_MovesForwardByGap(string time, string expected)
    {
        DateTimeOffset instant = MadridTime.ToUtc(Date("2027-03-28"), Time(time));

        Assert.Equal(Instant(expected), instant);

        // 02:30, which does not exist, becomes 03:30 summer time.
        DateTimeOffset local = TimeZoneInfo.ConvertTime(instant, MadridTime.Zone);
        Assert.Equal(Time(time).AddHours(1), TimeOnly.FromDateTime(local.DateTime));
    }

    [Theory]
    [InlineData("02:00", "2027-10-31T00:00:00Z")]
    [InlineData("02:30", "2027-10-31T00:30:00Z")]
    [InlineData("02:59", "2027-10-31T00:59:00Z")]
    public void ToUtc_RepeatedHour_TakesSummerOccurrence(string time, string expected)
    {
        Assert.Equal(Instant(expected), MadridTime.ToUtc(Date("2027-10-31"), Time(time)));
    }

    [Theory]
    [InlineData("2027-01-15", "2027-01-15T23:00:00Z")]
    [InlineData("2027-03-27", "2027-03-27T23:00:00Z")]
    [InlineData("2027-03-28", "2027-03-28T22:00:00Z")]
    [InlineData("2027-10-30", "2027-10-30T22:00:00Z")]
    [InlineData("2027-10-31", "2027-10-31T23:00:00Z")]
    [InlineData("2028-02-29", "2028-02-29T23:00:00Z")]
    [InlineData("2027-12-31", "2027-12-31T23:00:00Z")]
    public void EndOfDay_Date_IsNextLocalMidnight(string date, string expected)
    {
        Assert.Equal(Instant(expected), MadridTime.EndOfDay(Date(date)));
    }

    [Theory]
    [InlineData("2027-03-27T22:59:59Z", "2027-03-27")]
    [InlineData("2027-03-27T23:00:00Z", "2027-03-28")]
    [InlineData("2027-03-28T21:59:59Z", "2027-03-28")]
    [InlineData("2027-03-28T22:00:00Z", "2027-03-29")]
    [InlineData("2027-10-31T22:59:59Z", "2027-10-31")]
    [InlineData("2027-10-31T23:00:00Z", "2027-11-01")]
    [InlineData("2027-12-31T23:30:00Z", "2028-01-01")]
    public void LocalDate_Instant_ReturnsMadridDate(string instant, string expected)
    {
        Assert.Equal(Date(expected), MadridTime.LocalDate(Instant(instant)));
    }

    [Fact]
    public void LocalDate_NonUtcOffset_UsesInstant()
    {
        // 2027-03-27 23:30 in New York (UTC-4) is 2027-03-28 03:30 UTC, 05:30 in Madrid.
        var instant = new DateTimeOffset(2027, 3, 27, 23, 30, 0, TimeSpan.FromHours(-4));

        Assert.Equal(Date("2027-03-28"), MadridTime.LocalDate(instant));
    }

    [Fact]
    public void ToUtc_Result_HasZeroOffset()
    {
        Assert.Equal(TimeSpan.Zero, MadridTime.ToUtc(Date("2027-07-15"), Time("09:00")).Offset);
    }

    internal static DateTimeOffset Instant(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal static TimeOnly Time(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);
}
