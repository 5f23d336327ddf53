using System.Text;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class AgreementCalendarTests
{
    private static readonly Agreement Sample = new(
        "PC-2019-0001", AgreementType.CessioUs, "Coordinadora Intercultural d'Hostafrancs, secció; joves", "G52690781",
        "Antiga escola d'Aragó", "Carrer de Sant Pau, 1", "Sants-Montjuïc", "Hostafrancs",
        new DateOnly(2019, 2, 25), new DateOnly(2029, 2, 25), 24, 90, null,
        "Montserrat Benet", "coordinadora1@example.org", "presidencia@example.net", Language.Ca);

    private static string Write(IReadOnlyDictionary<DateOnly, DateOnly>? extensions = null) => AgreementCalendar.Write(
        Sample,
        DueDates.Compute(Sample, extensions),
        ReminderPolicy.Default,
        new Uri("https://balanc.example.org/balanc/?agreement=PC-2019-0001&token=abc"),
        new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Write_EveryLine_EndsInCrlfWithin75Octets()
    {
        string calendar = Write();

        Assert.EndsWith("END:VCALENDAR\r\n", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", calendar.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(calendar.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Fact]
    public void Write_DueDates_OneEventEachWithAlarms()
    {
        string unfolded = Write().Replace("\r\n ", string.Empty, StringComparison.Ordinal);

        Assert.Equal(DueDates.Compute(Sample).Count, CountOf(unfolded, "BEGIN:VEVENT"));
        Assert.Contains("DTSTART;VALUE=DATE:20210225", unfolded, StringComparison.Ordinal);
        Assert.Contains("TRIGGER:-PT711H0M", unfolded, StringComparison.Ordinal);
        Assert.Contains("Hostafrancs\\, secció\\; joves", unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Extension_MovesEventKeepsUid()
    {
        string extended = Write(new Dictionary<DateOnly, DateOnly> { [new DateOnly(2027, 2, 25)] = new DateOnly(2027, 4, 15) }).Replace("\r\n ", string.Empty, StringComparison.Ordinal);

        Assert.Contains("UID:PC-2019-0001-20270225@balancfunctions", extended, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20270415", extended, StringComparison.Ordinal);
        Assert.DoesNotContain("DTSTART;VALUE=DATE:20270225", extended, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;
}
