using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

public class LocalFormatTests
{
    [Theory]
    [InlineData("0", Language.Ca, "0")]
    [InlineData("1.50", Language.Ca, "1,5")]
    [InlineData("42.0", Language.Es, "42")]
    [InlineData("999", Language.Ca, "999")]
    [InlineData("2300", Language.Ca, "2.300")]
    [InlineData("2300", Language.Es, "2300")]
    [InlineData("23000", Language.Es, "23.000")]
    [InlineData("1000000", Language.Ca, "1.000.000")]
    [InlineData("1000000.5", Language.Es, "1.000.000,5")]
    [InlineData("-3", Language.Ca, "-3")]
    [InlineData("-1234.5", Language.Ca, "-1.234,5")]
    public void Number_FormatsLikeCatalanAndSpanish(string input, Language language, string expected)
    {
        decimal value = decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, LocalFormat.Number(value, language));
    }

    [Fact]
    public void Date_IsDayMonthYear()
    {
        Assert.Equal("04/12/2026", LocalFormat.Date(new DateOnly(2026, 12, 4)));
    }

    [Fact]
    public void DateTime_ShowsLocalTimeAndOffset()
    {
        var summer = new DateTimeOffset(2026, 7, 1, 9, 5, 0, TimeSpan.FromHours(2));

        Assert.Equal("01/07/2026 09:05 (UTC+02:00)", LocalFormat.DateTime(summer));
    }
}
