using BalancFunctions.Domain.Calendar;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class DueDateExtensionTests
{
    // Due dates 2025-01-15, 2026-01-15, 2027-01-15 and the renewal 2027-10-17.
    private static readonly BalancFunctions.Domain.Agreements.Agreement Yearly = Create("2024-01-15", "2028-01-15");

    private static readonly Dictionary<DateOnly, DateOnly> FirstExtended = new() { [Date("2025-01-15")] = Date("2025-03-01") };

    [Fact]
    public void Compute_Extension_SetsEffectiveDate()
    {
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Yearly, FirstExtended);

        Assert.Equal(new DueDate(Date("2025-01-15"), DueDateKind.Periodic, Date("2025-03-01")), dueDates[0]);
        Assert.Equal(Date("2025-03-01"), dueDates[0].Effective);
        Assert.All(dueDates.Skip(1), dueDate => Assert.Null(dueDate.ExtendedTo));
        Assert.All(dueDates.Skip(1), dueDate => Assert.Equal(dueDate.Date, dueDate.Effective));
    }

    [Fact]
    public void Compute_NoExtensions_MatchesOldResult()
    {
        Assert.Equal(DueDates.Compute(Yearly), DueDates.Compute(Yearly, new Dictionary<DateOnly, DateOnly>()));
        Assert.Equal(DueDates.Compute(Yearly), DueDates.Compute(Yearly, null));
    }

    [Fact]
    public void Compute_ExtensionOfUnknownDate_IsIgnored()
    {
        var extensions = new Dictionary<DateOnly, DateOnly> { [Date("2025-02-01")] = Date("2025-03-01") };

        Assert.Equal(DueDates.Compute(Yearly), DueDates.Compute(Yearly, extensions));
    }

    [Fact]
    public void Compute_RenewalExtension_KeepsKind()
    {
        var extensions = new Dictionary<DateOnly, DateOnly> { [Date("2027-10-17")] = Date("2027-12-01") };

        DueDate renewal = DueDates.Compute(Yearly, extensions)[^1];

        Assert.Equal(DueDateKind.Renewal, renewal.Kind);
        Assert.Equal(Date("2027-12-01"), renewal.Effective);
        Assert.Equal(renewal, DueDates.Renewal(DueDates.Compute(Yearly, extensions)));
    }

    [Fact]
    public void Compute_EarlierExtension_ThrowsArgumentException()
    {
        var extensions = new Dictionary<DateOnly, DateOnly> { [Date("2025-01-15")] = Date("2025-01-14") };

        ArgumentException error = Assert.Throws<ArgumentException>(() => DueDates.Compute(Yearly, extensions));

        Assert.Contains("2025-01-15", error.Message, StringComparison.Ordinal);
        Assert.Contains("2025-01-14", error.Message, StringComparison.Ordinal);
        Assert.Equal("extensions", error.ParamName);
    }

    [Theory]
    [InlineData(null, "2025-01-15")]
    [InlineData("2025-01-15", "2026-01-15")]
    public void FirstOpen_Extension_ComparesOriginalDates(string? coveredThrough, string expected)
    {
        DueDate? open = DueDates.FirstOpen(DueDates.Compute(Yearly, FirstExtended), OptionalDate(coveredThrough));

        Assert.Equal(Date(expected), open?.Date);
    }

    [Theory]
    // The window opens 90 days before the original date, 2025-01-15, not before the extension.
    [InlineData("2024-10-16", FilingOutcome.TooEarly, false, "2024-10-17")]
    [InlineData("2024-10-17", FilingOutcome.Covers, false, null)]
    [InlineData("2025-01-16", FilingOutcome.Covers, false, null)]
    [InlineData("2025-03-01", FilingOutcome.Covers, false, null)]
    [InlineData("2025-03-02", FilingOutcome.Covers, true, null)]
    public void DecideFiling_Extension_WindowFromOriginalLateFromEffective(string filingDate, FilingOutcome outcome, bool late, string? firstFilingDay)
    {
        FilingDecision decision = DueDates.DecideFiling(DueDates.Compute(Yearly, FirstExtended), null, Date(filingDate));

        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal(Date("2025-01-15"), decision.DueDate?.Date);
        Assert.Equal(late, decision.Late);
        Assert.Equal(OptionalDate(firstFilingDay), decision.FirstFilingDay);
    }

    [Theory]
    [InlineData("2025-01-15", false)]
    [InlineData("2025-01-16", true)]
    public void DecideFiling_NoExtension_LateAfterDueDate(string filingDate, bool late)
    {
        FilingDecision decision = DueDates.DecideFiling(DueDates.Compute(Yearly), null, Date(filingDate));

        Assert.Equal(FilingOutcome.Covers, decision.Outcome);
        Assert.Equal(late, decision.Late);
    }
}
