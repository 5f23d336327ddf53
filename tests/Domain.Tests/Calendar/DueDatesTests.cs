using BalancFunctions.Domain.Calendar;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class DueDatesTests
{
    // Start 2024-01-15, end 2028-01-15, yearly, renewal 90 days before the end: 2027-10-17.
    private static readonly IReadOnlyList<DueDate> YearlyDueDates = DueDates.Compute(Create("2024-01-15", "2028-01-15"));

    public static TheoryData<string, string, int, int, string[]> PeriodCases => new()
    {
        // Every 6 months; the renewal is 60 days before the end.
        { "2024-03-01", "2026-03-01", 6, 60, ["P2024-09-01", "P2025-03-01", "P2025-09-01", "R2025-12-31"] },

        // Every 12 months; 2028-01-15 is after the renewal date and is dropped.
        { "2024-01-15", "2028-01-15", 12, 90, ["P2025-01-15", "P2026-01-15", "P2027-01-15", "R2027-10-17"] },

        // Every 24 months; the renewal is 120 days before the end.
        { "2020-06-10", "2030-06-10", 24, 120, ["P2022-06-10", "P2024-06-10", "P2026-06-10", "P2028-06-10", "R2030-02-10"] },
    };

    [Theory]
    [MemberData(nameof(PeriodCases))]
    public void Compute_Periods_ListsPeriodicThenRenewal(string start, string end, int period, int lead, string[] expected)
    {
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Create(start, end, period, lead));

        Assert.Equal(expected, dueDates.Select(Format));
    }

    [Theory]
    [InlineData("2024-01-31", 1, 1, "2024-02-29")]
    [InlineData("2024-01-31", 1, 2, "2024-03-31")]
    [InlineData("2024-01-31", 1, 3, "2024-04-30")]
    [InlineData("2024-01-31", 1, 13, "2025-02-28")]
    [InlineData("2023-08-31", 6, 1, "2024-02-29")]
    [InlineData("2023-08-31", 6, 2, "2024-08-31")]
    [InlineData("2023-08-31", 6, 3, "2025-02-28")]
    [InlineData("2023-08-31", 6, 4, "2025-08-31")]
    [InlineData("2024-02-29", 12, 1, "2025-02-28")]
    [InlineData("2024-02-29", 12, 2, "2026-02-28")]
    [InlineData("2024-02-29", 12, 4, "2028-02-29")]
    [InlineData("2024-02-29", 24, 1, "2026-02-28")]
    [InlineData("2024-02-29", 24, 2, "2028-02-29")]
    public void Compute_MonthEnd_CountsFromStartDate(string start, int period, int index, string expected)
    {
        // A long agreement, so that the k-th periodic date is far from the renewal date.
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Create(start, "2040-01-01", period));

        DueDate dueDate = dueDates[index - 1];

        Assert.Equal(Date(expected), dueDate.Date);
        Assert.Equal(DueDateKind.Periodic, dueDate.Kind);
    }

    [Theory]
    [InlineData(60, "2027-05-01")]
    [InlineData(90, "2027-04-01")]
    [InlineData(120, "2027-03-02")]
    [InlineData(0, "2027-06-30")]
    public void Compute_RenewalLead_SetsRenewalDate(int lead, string expected)
    {
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Create("2025-06-30", "2027-06-30", 24, lead));

        DueDate renewal = Assert.Single(dueDates);
        Assert.Equal(new DueDate(Date(expected), DueDateKind.Renewal), renewal);
    }

    [Theory]
    // Renewal 2025-04-01: the periodic date 2025-01-01 is exactly 90 days before it and is absorbed.
    [InlineData("2025-06-30", new[] { "R2025-04-01" })]
    // Renewal 2025-04-02: the periodic date is 91 days before it and stays.
    [InlineData("2025-07-01", new[] { "P2025-01-01", "R2025-04-02" })]
    public void Compute_WithinNinetyDaysOfRenewal_IsAbsorbed(string end, string[] expected)
    {
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Create("2024-01-01", end, 12, 90));

        Assert.Equal(expected, dueDates.Select(Format));
    }

    [Fact]
    public void Compute_PeriodicShortlyBeforeRenewal_IsAbsorbed()
    {
        // Renewal 2025-01-31; the periodic date 2025-01-01 falls 30 days before it.
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Create("2024-01-01", "2025-04-01", 6, 60));

        Assert.Equal(["P2024-07-01", "R2025-01-31"], dueDates.Select(Format));
    }

    [Fact]
    public void Compute_PeriodicAfterRenewal_IsDropped()
    {
        // Renewal 2025-10-03; the periodic date 2026-01-01 (the end date) comes after it.
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Create("2024-01-01", "2026-01-01", 12, 90));

        Assert.Equal(["P2025-01-01", "R2025-10-03"], dueDates.Select(Format));
    }

    [Fact]
    public void Compute_RenewalOnOrBeforeStart_HasNoDueDates()
    {
        // 60 days of term and a 90-day lead: the renewal date would precede the start date.
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(Create("2024-01-01", "2024-03-01", 6, 90));

        Assert.Empty(dueDates);
    }

    [Fact]
    public void Compute_DueDates_AreAscendingAndAfterStart()
    {
        var agreement = Create("2019-02-25", "2029-02-25", 6, 120);

        IReadOnlyList<DueDate> dueDates = DueDates.Compute(agreement);

        Assert.All(dueDates, dueDate => Assert.True(dueDate.Date > agreement.StartDate));
        Assert.Equal(dueDates.OrderBy(dueDate => dueDate.Date), dueDates);
        Assert.Equal(DueDateKind.Renewal, dueDates[^1].Kind);
    }

    [Fact]
    public void Compute_NonPositivePeriod_Throws()
    {
        Assert.Throws<ArgumentException>(() => DueDates.Compute(Create("2024-01-01", "2026-01-01", 0)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2024-01-01", null)]
    [InlineData("2024-10-16", null)]
    [InlineData("2024-10-17", "2025-01-15")]
    [InlineData("2024-11-01", "2025-01-15")]
    [InlineData("2025-10-17", "2026-01-15")]
    [InlineData("2026-12-01", "2027-01-15")]
    [InlineData("2027-07-19", "2027-10-17")]
    [InlineData("2030-01-01", "2027-10-17")]
    public void CoveredThroughOnImport_LastBalance_CoversUpToNinetyDaysAfter(string? lastBalance, string? expected)
    {
        var agreement = Create("2024-01-15", "2028-01-15", lastBalance: lastBalance);

        DateOnly? coveredThrough = DueDates.CoveredThroughOnImport(agreement, YearlyDueDates);

        Assert.Equal(OptionalDate(expected), coveredThrough);
    }

    [Fact]
    public void CoveredThroughOnImport_SeveralDueDates_CoversEveryOne()
    {
        // A balance filed long after its due dates (a late filing) covers all of them.
        var agreement = Create("2024-01-15", "2028-01-15", lastBalance: "2026-02-01");

        DateOnly? coveredThrough = DueDates.CoveredThroughOnImport(agreement, YearlyDueDates);

        Assert.Equal(Date("2026-01-15"), coveredThrough);
        Assert.Equal(Date("2027-01-15"), DueDates.FirstOpen(YearlyDueDates, coveredThrough)?.Date);
    }

    [Theory]
    [InlineData(null, "2025-01-15")]
    [InlineData("2025-01-14", "2025-01-15")]
    [InlineData("2025-01-15", "2026-01-15")]
    [InlineData("2027-01-15", "2027-10-17")]
    [InlineData("2027-10-17", null)]
    public void FirstOpen_CoveredThrough_ReturnsNextDueDate(string? coveredThrough, string? expected)
    {
        DueDate? open = DueDates.FirstOpen(YearlyDueDates, OptionalDate(coveredThrough));

        Assert.Equal(OptionalDate(expected), open?.Date);
    }

    [Fact]
    public void FirstOpen_NoDueDates_ReturnsNull()
    {
        Assert.Null(DueDates.FirstOpen([], null));
    }

    [Theory]
    // Filing opens 90 days before the first due date, 2025-01-15: on 2024-10-17.
    [InlineData(null, "2024-06-01", FilingOutcome.TooEarly, "2025-01-15", "2024-10-17")]
    [InlineData(null, "2024-10-16", FilingOutcome.TooEarly, "2025-01-15", "2024-10-17")]
    [InlineData(null, "2024-10-17", FilingOutcome.Covers, "2025-01-15", null)]
    [InlineData(null, "2025-01-15", FilingOutcome.Covers, "2025-01-15", null)]
    // A late filing covers the past due date, even a year after it.
    [InlineData(null, "2026-01-10", FilingOutcome.Covers, "2025-01-15", null)]
    [InlineData("2025-01-15", "2026-03-01", FilingOutcome.Covers, "2026-01-15", null)]
    [InlineData("2025-01-15", "2025-02-01", FilingOutcome.TooEarly, "2026-01-15", "2025-10-17")]
    [InlineData("2027-01-15", "2027-07-19", FilingOutcome.Covers, "2027-10-17", null)]
    [InlineData("2027-10-17", "2027-11-01", FilingOutcome.NothingOpen, null, null)]
    public void DecideFiling_Cases_ReturnsOutcome(
        string? coveredThrough, string filingDate, FilingOutcome outcome, string? dueDate, string? firstFilingDay)
    {
        FilingDecision decision = DueDates.DecideFiling(YearlyDueDates, OptionalDate(coveredThrough), Date(filingDate));

        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal(OptionalDate(dueDate), decision.DueDate?.Date);
        Assert.Equal(OptionalDate(firstFilingDay), decision.FirstFilingDay);
    }

    // "P2025-01-15" for a periodic date, "R2027-10-17" for the renewal date.
    private static string Format(DueDate dueDate) =>
        (dueDate.Kind == DueDateKind.Renewal ? "R" : "P") + dueDate.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
