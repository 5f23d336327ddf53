using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class IsoRepeatTests
{
    [Theory]
    [InlineData("R4/P7D", "R4/P7D", 4, "P7D")]
    [InlineData("R1/P1M", "R1/P1M", 1, "P1M")]
    [InlineData("R52/P1W", "R52/P7D", 52, "P7D")]
    [InlineData("R03/PT12H", "R3/PT12H", 3, "PT12H")]
    public void Parse_Valid_ReturnsCountAndPeriod(string text, string canonical, int count, string period)
    {
        IsoRepeat repeat = IsoRepeat.Parse(text);

        Assert.Equal(count, repeat.Count);
        Assert.Equal(IsoDuration.Parse(period), repeat.Period);
        Assert.Equal(canonical, repeat.ToString());
    }

    [Theory]
    [InlineData("R0/P7D", "the number of events must be 1 to 52")]
    [InlineData("R53/P7D", "the number of events must be 1 to 52")]
    [InlineData("R-1/P7D", "the number of events must be 1 to 52")]
    [InlineData("R/P7D", "an unbounded repeat is not supported")]
    [InlineData("R4/P0D", "the period must not be zero")]
    [InlineData("R4/PT0S", "the period must not be zero")]
    [InlineData("R4/P1Y", "years are not supported")]
    [InlineData("R4/", "the text is empty")]
    [InlineData("R4/P7D/P1D", "'P7D/P1D' is not a valid duration")]
    [InlineData("R4", "expected Rn/<duration>")]
    [InlineData("4/P7D", "expected Rn/<duration>")]
    [InlineData("r4/P7D", "expected Rn/<duration>")]
    [InlineData("", "expected Rn/<duration>")]
    public void Parse_Invalid_ThrowsNamingValue(string text, string reason)
    {
        FormatException error = Assert.Throws<FormatException>(() => IsoRepeat.Parse(text));

        Assert.Contains($"'{text}' is not a valid repeat", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ZeroPeriod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoRepeat(4, IsoDuration.FromDays(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoRepeat(0, IsoDuration.FromDays(7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoRepeat(53, IsoDuration.FromDays(7)));
    }
}
