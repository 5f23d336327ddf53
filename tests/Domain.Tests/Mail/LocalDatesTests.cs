using BalancFunctions.Domain.Mail;

namespace BalancFunctions.Domain.Tests.Mail;

public sealed class LocalDatesTests
{
    [Theory]
    [InlineData(2027, 1, 1, "1 de gener de 2027")]
    [InlineData(2027, 2, 28, "28 de febrer de 2027")]
    [InlineData(2027, 3, 31, "31 de març de 2027")]
    [InlineData(2027, 4, 1, "1 d'abril de 2027")]
    [InlineData(2027, 5, 15, "15 de maig de 2027")]
    [InlineData(2027, 6, 30, "30 de juny de 2027")]
    [InlineData(2027, 7, 4, "4 de juliol de 2027")]
    [InlineData(2027, 8, 15, "15 d'agost de 2027")]
    [InlineData(2027, 9, 11, "11 de setembre de 2027")]
    [InlineData(2027, 10, 12, "12 d'octubre de 2027")]
    [InlineData(2027, 11, 2, "2 de novembre de 2027")]
    [InlineData(2027, 12, 31, "31 de desembre de 2027")]
    public void Format_Catalan_ElidesBeforeVowels(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, LocalDates.Format(new DateOnly(year, month, day), Language.Ca));
    }

    [Theory]
    [InlineData(2027, 3, 31, "31 de marzo de 2027")]
    [InlineData(2027, 4, 1, "1 de abril de 2027")]
    [InlineData(2027, 8, 15, "15 de agosto de 2027")]
    [InlineData(2027, 9, 11, "11 de septiembre de 2027")]
    [InlineData(2027, 10, 12, "12 de octubre de 2027")]
    public void Format_Spanish_NeverElides(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, LocalDates.Format(new DateOnly(year, month, day), Language.Es));
    }
}
