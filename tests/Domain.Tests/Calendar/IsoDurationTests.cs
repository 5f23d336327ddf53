using BalancFunctions.Domain.Calendar;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;
using static BalancFunctions.Domain.Tests.Calendar.MadridTimeTests;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P7D", "P7D", 0, 7, 0L, false)]
    [InlineData("P2W", "P14D", 0, 14, 0L, false)]
    [InlineData("P1M", "P1M", 1, 0, 0L, false)]
    [InlineData("P12M", "P12M", 12, 0, 0L, false)]
    [InlineData("P1M15D", "P1M15D", 1, 15, 0L, false)]
    [InlineData("P0D", "P0D", 0, 0, 0L, false)]
    [InlineData("P007D", "P7D", 0, 7, 0L, false)]
    [InlineData("PT12H", "PT12H", 0, 0, 43200L, true)]
    [InlineData("PT30M", "PT30M", 0, 0, 1800L, true)]
    [InlineData("PT30S", "PT30S", 0, 0, 30L, true)]
    [InlineData("PT1H1M1S", "PT1H1M1S", 0, 0, 3661L, true)]
    [InlineData("PT90M", "PT1H30M", 0, 0, 5400L, true)]
    [InlineData("PT3600S", "PT1H", 0, 0, 3600L, true)]
    [InlineData("PT0S", "PT0S", 0, 0, 0L, true)]
    [InlineData("P1DT12H", "P1DT12H", 0, 1, 43200L, true)]
    [InlineData("P1DT0H", "P1DT0S", 0, 1, 0L, true)]
    [InlineData("P1M2DT3H4M5S", "P1M2DT3H4M5S", 1, 2, 11045L, true)]
    public void Parse_Valid_ReturnsParts(string text, string canonical, int months, int days, long timeSeconds, bool hasTimePart)
    {
        IsoDuration duration = IsoDuration.Parse(text);

        Assert.Equal(months, duration.Months);
        Assert.Equal(days, duration.Days);
        Assert.Equal(timeSeconds, duration.TimeSeconds);
        Assert.Equal(hasTimePart, duration.HasTimePart);
        Assert.Equal(canonical, duration.ToString());
        Assert.Equal(duration, IsoDuration.Parse(canonical));
    }

    [Theory]
    [InlineData("P1Y", "years are not supported")]
    [InlineData("P1Y2M", "years are not supported")]
    [InlineData("-P7D", "negative")]
    [InlineData("P-7D", "negative")]
    [InlineData("PT-1H", "negative")]
    [InlineData("P1.5D", "fractions are not supported")]
    [InlineData("PT0,5H", "fractions are not supported")]
    [InlineData("P", "no number")]
    [InlineData("PT", "no number")]
    [InlineData("P1DT", "T must be followed")]
    [InlineData("", "empty")]
    [InlineData("7D", "expected an ISO-8601 duration")]
    [InlineData("p7d", "expected an ISO-8601 duration")]
    [InlineData("P7d", "expected an ISO-8601 duration")]
    [InlineData("P1W2D", "expected an ISO-8601 duration")]
    [InlineData("P7D1M", "expected an ISO-8601 duration")]
    [InlineData("PT1D", "expected an ISO-8601 duration")]
    [InlineData(" P7D", "expected an ISO-8601 duration")]
    [InlineData("P7D ", "expected an ISO-8601 duration")]
    [InlineData("P\u0663D", "expected an ISO-8601 duration")]
    [InlineData("hello", "expected an ISO-8601 duration")]
    [InlineData("P1201M", "at most 1200 months")]
    [InlineData("P36526D", "at most 36525 days")]
    [InlineData("P5218W", "at most 36525 days")]
    [InlineData("PT876601H", "at most 876600 hours")]
    [InlineData("P99999999999999D", "too large")]
    public void Parse_Invalid_ThrowsNamingValue(string text, string reason)
    {
        FormatException error = Assert.Throws<FormatException>(() => IsoDuration.Parse(text));

        Assert.Contains($"'{text}' is not a valid duration", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => IsoDuration.Parse(null!));
        Assert.False(IsoDuration.TryParse(null, out _));
    }

    [Fact]
    public void Equality_WeeksAndDays_AreEqual()
    {
        Assert.Equal(IsoDuration.Parse("P1W"), IsoDuration.Parse("P7D"));
        Assert.Equal(IsoDuration.FromDays(7), IsoDuration.Parse("P1W"));
        Assert.NotEqual(IsoDuration.Parse("P0D"), IsoDuration.Parse("PT0S"));
        Assert.NotEqual(IsoDuration.Parse("P1D"), IsoDuration.Parse("PT24H"));
    }

    [Theory]
    // Months count from the anchor date: 31 March minus one month is the last day of February.
    [InlineData("P1M", "2027-03-31", "2027-02-28", "2027-04-30")]
    [InlineData("P1M", "2028-03-31", "2028-02-29", "2028-04-30")]
    [InlineData("P1M", "2028-03-29", "2028-02-29", "2028-04-29")]
    [InlineData("P12M", "2028-02-29", "2027-02-28", "2029-02-28")]
    [InlineData("P1M1D", "2027-03-31", "2027-02-27", "2027-05-01")]
    [InlineData("P2W", "2027-06-30", "2027-06-16", "2027-07-14")]
    [InlineData("P0D", "2027-06-30", "2027-06-30", "2027-06-30")]
    public void SubtractFromAndAddTo_Date_CountFromAnchor(string text, string anchor, string before, string after)
    {
        IsoDuration duration = IsoDuration.Parse(text);

        Assert.Equal(Date(before), duration.SubtractFrom(Date(anchor)));
        Assert.Equal(Date(after), duration.AddTo(Date(anchor)));
    }

    [Fact]
    public void SubtractFrom_TimePart_ThrowsInvalidOperation()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => IsoDuration.Parse("PT1H").SubtractFrom(Date("2027-06-30")));

        Assert.Contains("PT1H", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // 2027-06-30 ends at 2027-06-30T22:00Z (CEST).
    [InlineData("PT30S", "2027-06-30", "2027-06-30T21:59:30Z", "2027-06-30T22:00:30Z")]
    [InlineData("PT0S", "2027-06-30", "2027-06-30T22:00:00Z", "2027-06-30T22:00:00Z")]
    [InlineData("P1DT12H", "2027-06-30", "2027-06-29T10:00:00Z", "2027-07-02T10:00:00Z")]
    // 28 March 2027 has 23 hours: 12 hours before its end is 12:00 summer time.
    [InlineData("PT12H", "2027-03-28", "2027-03-28T10:00:00Z", "2027-03-29T10:00:00Z")]
    // 31 October 2027 has 25 hours: 12 hours before its end is 12:00 winter time.
    [InlineData("PT12H", "2027-10-31", "2027-10-31T11:00:00Z", "2027-11-01T11:00:00Z")]
    public void EndOfDayOffsets_TimePart_AreExact(string text, string date, string before, string after)
    {
        IsoDuration duration = IsoDuration.Parse(text);

        Assert.Equal(Instant(before), duration.SubtractFromEndOfDay(Date(date)));
        Assert.Equal(Instant(after), duration.AddToEndOfDay(Date(date)));
    }

    [Theory]
    [InlineData("P7D", 3, "P21D")]
    [InlineData("P1M", 2, "P2M")]
    [InlineData("PT12H", 3, "PT36H")]
    [InlineData("P1DT1H", 2, "P2DT2H")]
    public void Multiply_Factor_MultipliesEveryPart(string text, int factor, string expected)
    {
        Assert.Equal(expected, IsoDuration.Parse(text).Multiply(factor).ToString());
    }
}
