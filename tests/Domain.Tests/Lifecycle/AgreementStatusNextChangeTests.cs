using System.Globalization;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Domain.Tests.Agreements;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Lifecycle;

public sealed class AgreementStatusNextChangeTests
{
    // The first day checked in the sample test, so that agreements from 2002 do not add decades.
    private static readonly DateOnly SampleFirstDay = new(2024, 1, 1);

    // Days checked before an agreement's start and after its end.
    private const int MarginDays = 10;

    // The sample test checks every day this close to a status change, and every nth day elsewhere.
    private const int NearChangeDays = 2;
    private const int CheckEveryNthDay = 5;

    private static readonly Dictionary<string, Agreement> Agreements = new(StringComparer.Ordinal)
    {
        // Due dates 2025-01-15, 2026-01-15, 2027-01-15 and the renewal 2027-10-17; ends 2028-01-15.
        ["yearly"] = Create("2024-01-15", "2028-01-15"),

        // Due dates 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29, 2029-02-28 and the renewal
        // 2029-11-30; ends 2030-02-28.
        ["leap"] = Create("2024-02-29", "2030-02-28"),

        // Due dates 2025-02-28, 2025-08-31, 2026-02-28 and the renewal 2026-05-02; ends 2026-07-31.
        ["month-end"] = Create("2024-08-31", "2026-07-31", periodMonths: 6),

        // 60 days of term and a 90-day lead: no due date at all.
        ["short"] = Create("2024-01-01", "2024-03-01", periodMonths: 6),
    };

    [Theory]
    // Nothing covered: due soon from 30 days before, overdue from the day after, expired after the end.
    [InlineData("yearly", null, null, 0, null, "2024-01-15", "2024-12-16")]
    [InlineData("yearly", null, null, 0, null, "2024-12-15", "2024-12-16")]
    [InlineData("yearly", null, null, 0, null, "2024-12-16", "2025-01-16")]
    [InlineData("yearly", null, null, 0, null, "2025-01-15", "2025-01-16")]
    [InlineData("yearly", null, null, 0, null, "2025-01-16", "2028-01-16")]
    [InlineData("yearly", null, null, 0, null, "2028-01-15", "2028-01-16")]
    [InlineData("yearly", null, null, 0, null, "2028-01-16", null)]
    [InlineData("yearly", null, null, 0, null, "2035-06-01", null)]
    // Covered on time: submitted until the covered due date ends.
    [InlineData("yearly", "2025-01-15", null, 0, null, "2024-11-01", "2025-01-16")]
    [InlineData("yearly", "2025-01-15", null, 0, null, "2025-01-16", "2025-12-16")]
    [InlineData("yearly", "2026-01-15", null, 0, null, "2025-12-01", "2026-01-16")]
    [InlineData("yearly", "2026-01-15", null, 0, null, "2026-01-16", "2026-12-16")]
    // Renewal covered: submitted, up to date with nothing open, then finished.
    [InlineData("yearly", "2027-10-17", null, 0, null, "2027-09-01", "2027-10-18")]
    [InlineData("yearly", "2027-10-17", null, 0, null, "2027-10-18", "2028-01-16")]
    [InlineData("yearly", "2027-10-17", null, 0, null, "2028-01-16", null)]
    // Escalated: the level applies before the due date too, and then only the end changes the status.
    [InlineData("yearly", null, null, 1, "2025-01-15", "2025-01-10", "2025-01-16")]
    [InlineData("yearly", null, null, 1, "2025-01-15", "2025-01-16", "2028-01-16")]
    [InlineData("yearly", null, null, 2, "2025-01-15", "2025-03-01", "2028-01-16")]
    [InlineData("yearly", null, null, 1, null, "2025-01-16", "2028-01-16")]
    // An escalation of an earlier due date does not carry over.
    [InlineData("yearly", "2025-01-15", null, 2, "2025-01-15", "2026-02-01", "2028-01-16")]
    // Open due date 2025-01-15 extended to 2025-03-01: due soon from 2025-01-30, overdue from 2025-03-02.
    [InlineData("yearly", null, "2025-01-15>2025-03-01", 0, null, "2025-01-10", "2025-01-30")]
    [InlineData("yearly", null, "2025-01-15>2025-03-01", 0, null, "2025-01-16", "2025-01-30")]
    [InlineData("yearly", null, "2025-01-15>2025-03-01", 0, null, "2025-01-30", "2025-03-02")]
    [InlineData("yearly", null, "2025-01-15>2025-03-01", 1, "2025-01-15", "2025-02-01", "2025-03-02")]
    // Covered due date 2025-01-15 extended to 2025-12-31: submitted until then, past the start of
    // the next due date's due-soon window (2025-12-16), so the status goes straight to due soon.
    [InlineData("yearly", "2025-01-15", "2025-01-15>2025-12-31", 0, null, "2025-12-01", "2026-01-01")]
    [InlineData("yearly", "2025-01-15", "2025-01-15>2025-12-31", 0, null, "2026-01-01", "2026-01-16")]
    // Renewal extended past the end date, or to the last representable date: the end decides.
    [InlineData("yearly", "2027-01-15", "2027-10-17>2028-03-01", 0, null, "2027-12-01", "2028-01-16")]
    [InlineData("yearly", "2027-01-15", "2027-10-17>9999-12-31", 0, null, "2027-12-01", "2028-01-16")]
    [InlineData("yearly", "2027-01-15", "2027-10-17>9999-12-31", 0, null, "2028-01-16", null)]
    // Month ends and leap days: 2025-02-28 is due soon from 2025-01-29, overdue from 2025-03-01.
    [InlineData("leap", null, null, 0, null, "2025-01-28", "2025-01-29")]
    [InlineData("leap", null, null, 0, null, "2025-01-29", "2025-03-01")]
    [InlineData("leap", "2027-02-28", null, 0, null, "2027-06-01", "2028-01-30")]
    [InlineData("leap", "2027-02-28", null, 0, null, "2028-01-30", "2028-03-01")]
    [InlineData("leap", "2027-02-28", null, 0, null, "2028-02-29", "2028-03-01")]
    [InlineData("leap", "2027-02-28", null, 0, null, "2028-03-01", "2030-03-01")]
    [InlineData("leap", "2028-02-29", null, 0, null, "2028-02-01", "2028-03-01")]
    [InlineData("month-end", "2025-02-28", null, 0, null, "2025-03-01", "2025-08-01")]
    [InlineData("month-end", "2025-02-28", null, 0, null, "2025-08-01", "2025-09-01")]
    [InlineData("month-end", "2026-02-28", null, 0, null, "2026-03-01", "2026-04-02")]
    [InlineData("month-end", "2026-05-02", null, 0, null, "2026-05-03", "2026-08-01")]
    // No due date at all: up to date until the end, then finished.
    [InlineData("short", null, null, 0, null, "2024-02-01", "2024-03-02")]
    [InlineData("short", null, null, 0, null, "2024-03-02", null)]
    public void NextChange_Cases_ReturnsFirstChangeDay(
        string agreement,
        string? coveredThrough,
        string? extension,
        int escalationLevel,
        string? escalatedDueDate,
        string today,
        string? expected)
    {
        LifecycleState state = CyclePlannerTests.State(Agreements[agreement]) with
        {
            CoveredThrough = OptionalDate(coveredThrough),
            Extensions = extension is null ? new Dictionary<DateOnly, DateOnly>() : CyclePlannerTests.Extension(extension[..10], extension[11..]),
        };

        DateOnly? nextChange = AgreementStatusCalculator.NextChange(state, escalationLevel, OptionalDate(escalatedDueDate), Date(today));

        Assert.Equal(OptionalDate(expected), nextChange);
    }

    [Fact]
    public void NextChange_NegativeLevel_Throws()
    {
        LifecycleState state = CyclePlannerTests.State(Agreements["yearly"]);

        Assert.Throws<ArgumentOutOfRangeException>(() => AgreementStatusCalculator.NextChange(state, -1, null, Date("2025-01-01")));
    }

    [Fact]
    public void NextChange_NullState_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => AgreementStatusCalculator.NextChange(null!, 0, null, Date("2025-01-01")));
    }

    public static TheoryData<string> SampleVariants() => [.. Variants.Keys];

    /// <summary>
    /// Checks every agreement of the sample register, in one variant of its state, on days from
    /// <see cref="SampleFirstDay"/> or from <see cref="MarginDays"/> days before its start,
    /// whichever is later, until <see cref="MarginDays"/> days after its end. NextChange must be the first later day whose status differs, or null when none does. So the
    /// status stays the same before NextChange, and it differs on NextChange.
    /// </summary>
    [Theory]
    [MemberData(nameof(SampleVariants))]
    public void NextChange_SampleRegister_IsFirstChangeDay(string variant)
    {
        var problems = new List<string>();
        int checkedDays = 0;
        foreach (Agreement agreement in AgreementCsvReaderSampleTests.Sample.Value.Agreements)
        {
            foreach (StatusInputs inputs in Variants[variant](agreement))
            {
                checkedDays += CheckDays(agreement, inputs, problems);
            }
        }

        Assert.True(problems.Count == 0, $"NextChange is wrong on {problems.Count} days, such as:\n{string.Join('\n', problems.Take(20))}");
        Assert.True(checkedDays > 10_000, $"Only {checkedDays} days were checked.");
    }

    /// <summary>The arguments of Compute and NextChange other than the date.</summary>
    private sealed record StatusInputs(string Name, LifecycleState State, int EscalationLevel, DateOnly? EscalatedDueDate);

    private static readonly Dictionary<string, Func<Agreement, IEnumerable<StatusInputs>>> Variants = new(StringComparer.Ordinal)
    {
        ["as imported"] = agreement => [Inputs("as imported", agreement, CoveredOnImport(agreement))],
        ["nothing covered"] = agreement => [Inputs("nothing covered", agreement, null)],
        ["each due date covered"] = CoverEach,
        ["open due date extended"] = agreement => ExtendOpen(agreement, 45),
        ["escalated"] = agreement =>
        [
            Inputs("level 1", agreement, CoveredOnImport(agreement), 1, OpenDueDate(agreement)),
            Inputs("level 2 without a date", agreement, CoveredOnImport(agreement), 2, null),
            Inputs("earlier due date escalated", agreement, CoveredOnImport(agreement), 1, CoveredOnImport(agreement)),
        ],
    };

    private static StatusInputs Inputs(
        string name,
        Agreement agreement,
        DateOnly? coveredThrough,
        int escalationLevel = 0,
        DateOnly? escalatedDueDate = null,
        Dictionary<DateOnly, DateOnly>? extensions = null) =>
        new(
            name,
            CyclePlannerTests.State(agreement) with { CoveredThrough = coveredThrough, Extensions = extensions ?? [] },
            escalationLevel,
            escalatedDueDate);

    // Due dates more than two years before the first day checked add little: covering one of them
    // leaves the next due date overdue on every day checked, as in the "nothing covered" variant.
    private static IReadOnlyList<DueDate> RecentDueDates(Agreement agreement) =>
        [.. DueDates.Compute(agreement).Where(dueDate => dueDate.Date >= SampleFirstDay.AddYears(-2))];

    private static DateOnly? CoveredOnImport(Agreement agreement) =>
        DueDates.CoveredThroughOnImport(agreement, DueDates.Compute(agreement));

    private static DateOnly? OpenDueDate(Agreement agreement) =>
        DueDates.FirstOpen(DueDates.Compute(agreement), CoveredOnImport(agreement))?.Date;

    private static IEnumerable<StatusInputs> ExtendOpen(Agreement agreement, int days)
    {
        if (OpenDueDate(agreement) is not DateOnly open)
        {
            yield break;
        }

        var extensions = new Dictionary<DateOnly, DateOnly> { [open] = open.AddDays(days) };
        yield return Inputs($"open {Iso(open)} +{days}", agreement, CoveredOnImport(agreement), extensions: extensions);
        yield return Inputs($"open {Iso(open)} +{days}, escalated", agreement, CoveredOnImport(agreement), 1, open, extensions);
    }

    // Covers each recent due date in turn, as filed, or extended by 20 days, or by 400 days past
    // the next due date, taking the three in turn.
    private static IEnumerable<StatusInputs> CoverEach(Agreement agreement)
    {
        IReadOnlyList<DueDate> dueDates = RecentDueDates(agreement);
        for (int index = 0; index < dueDates.Count; index++)
        {
            DateOnly covered = dueDates[index].Date;
            int days = (index % 3) switch { 0 => 0, 1 => 20, _ => 400 };
            var extensions = new Dictionary<DateOnly, DateOnly>();
            if (days > 0)
            {
                extensions[covered] = covered.AddDays(days);
            }

            yield return Inputs($"covered {Iso(covered)} +{days}", agreement, covered, extensions: extensions);
        }
    }

    /// <summary>
    /// Checks NextChange on the days of the agreement's range that are at most
    /// <see cref="NearChangeDays"/> days from a status change, where an off-by-one error would
    /// show, and on every <see cref="CheckEveryNthDay"/>th day between them. Returns how many days it checked.
    /// </summary>
    private static int CheckDays(Agreement agreement, StatusInputs inputs, List<string> problems)
    {
        DateOnly first = Later(SampleFirstDay, agreement.StartDate.AddDays(-MarginDays));
        DateOnly last = agreement.EndDate.AddDays(MarginDays);

        // The statuses run one day past the range, so that the last day's next change is known
        // unless the status is constant from there on, which it is after the end date.
        int count = last.DayNumber - first.DayNumber + 2;
        var statuses = new (AgreementStatusCode Code, DateOnly? NextDueDate, int Level)[count];
        for (int offset = 0; offset < count; offset++)
        {
            AgreementStatus status = AgreementStatusCalculator.Compute(
                inputs.State, inputs.EscalationLevel, inputs.EscalatedDueDate, first.AddDays(offset));
            statuses[offset] = (status.Code, status.NextDueDate, status.EscalationLevel);
        }

        // firstChange[i] is the offset of the first later day whose status differs, or -1.
        int[] firstChange = new int[count];
        firstChange[count - 1] = -1;
        for (int offset = count - 2; offset >= 0; offset--)
        {
            firstChange[offset] = statuses[offset + 1] != statuses[offset] ? offset + 1 : firstChange[offset + 1];
        }

        int checkedDays = 0;
        int previousChange = int.MinValue / 2;
        for (int offset = 0; offset < count - 1; offset++)
        {
            if (offset > 0 && statuses[offset] != statuses[offset - 1])
            {
                previousChange = offset;
            }

            bool nearChange = offset - previousChange <= NearChangeDays
                || (firstChange[offset] >= 0 && firstChange[offset] - offset <= NearChangeDays);
            if (!nearChange && offset % CheckEveryNthDay != 0)
            {
                continue;
            }

            checkedDays++;
            DateOnly today = first.AddDays(offset);
            DateOnly? expected = firstChange[offset] < 0 ? null : first.AddDays(firstChange[offset]);
            DateOnly? actual = AgreementStatusCalculator.NextChange(inputs.State, inputs.EscalationLevel, inputs.EscalatedDueDate, today);
            if (actual == expected)
            {
                continue;
            }

            // Late: the status changes before the returned day. Early: it does not change on it.
            string kind = actual is null || (expected is not null && actual > expected) ? "late" : "early";
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{agreement.AgreementId} ({inputs.Name}) on {Iso(today)}: {kind}, returned {Iso(actual)} but the first change is on {Iso(expected)}"));
        }

        return checkedDays;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Iso(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "null";
}
