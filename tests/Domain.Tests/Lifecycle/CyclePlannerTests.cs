using System.Globalization;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;
using static BalancFunctions.Domain.Tests.Calendar.MadridTimeTests;

namespace BalancFunctions.Domain.Tests.Lifecycle;

public sealed class CyclePlannerTests
{
    // Due dates 2025-01-15, 2026-01-15, 2027-01-15 and the renewal 2027-10-17; ends 2028-01-15,
    // which is in force until 2028-01-15T23:00Z.
    private static readonly Agreement Yearly = Create("2024-01-15", "2028-01-15");

    private const string Expiry = "Expiry expiry 2027-10-17 2028-01-15T23:00:00Z";

    [Fact]
    public void Plan_DefaultCycle_ListsEveryStep()
    {
        CyclePlan plan = CyclePlanner.Plan(State(Yearly), Instant("2024-06-01T10:00:00Z"));

        Assert.Equal("PC-TEST-0001", plan.AgreementId);
        Assert.Equal(Date("2025-01-15"), plan.DueDate);
        Assert.Equal(Date("2025-01-15"), plan.EffectiveDueDate);
        Assert.Equal(DueDateKind.Periodic, plan.DueKind);
        Assert.Equal(Instant("2028-01-15T23:00:00Z"), plan.EndsAtUtc);
        Assert.False(plan.Finished);
        Assert.Equal(
            [
                "Reminder before:P30D 2025-01-15 2024-12-16T08:00:00Z",
                "Reminder before:P7D 2025-01-15 2025-01-08T08:00:00Z",
                "Reminder before:P1D 2025-01-15 2025-01-14T08:00:00Z",
                "Overdue overdue 2025-01-15 2025-01-15T23:00:00Z",
                "OverdueReminder overdue-reminder:1 2025-01-15 2025-01-22T08:00:00Z",
                "OverdueReminder overdue-reminder:2 2025-01-15 2025-01-29T08:00:00Z",
                "OverdueReminder overdue-reminder:3 2025-01-15 2025-02-05T08:00:00Z",
                "OverdueReminder overdue-reminder:4 2025-01-15 2025-02-12T08:00:00Z",
                "EscalationLevel2 escalation-2 2025-01-15 2025-02-14T08:00:00Z",
                Expiry,
            ],
            plan.Steps.Select(Format));
    }

    [Theory]
    // P30D fires 2024-12-16T08:00Z, P7D 2025-01-08T08:00Z, P1D 2025-01-14T08:00Z.
    [InlineData("2024-12-16T07:59:59Z", new[] { "before:P30D", "before:P7D", "before:P1D" })]
    [InlineData("2024-12-16T08:00:00Z", new[] { "before:P7D", "before:P1D" })]
    [InlineData("2025-01-10T12:00:00Z", new[] { "before:P1D" })]
    [InlineData("2025-01-14T08:00:00Z", new string[0])]
    public void Plan_PastReminders_AreDropped(string now, string[] expected)
    {
        CyclePlan plan = CyclePlanner.Plan(State(Yearly), Instant(now));

        Assert.Equal(expected, Codes(plan, LifecycleStepKind.Reminder));
        Assert.All(Steps(plan, LifecycleStepKind.Reminder), step => Assert.True(step.AtUtc > Instant(now)));
    }

    [Fact]
    public void Plan_ExtensionBetweenReminders_MovesLaterSteps()
    {
        // The P7D reminder of 2025-01-15 went out on 2025-01-08; on 2025-01-12 the office extends
        // the due date to 2025-01-17.
        var state = State(Yearly) with { Extensions = Extension("2025-01-15", "2025-01-17") };

        CyclePlan plan = CyclePlanner.Plan(state, Instant("2025-01-12T12:00:00Z"));

        Assert.Equal(Date("2025-01-15"), plan.DueDate);
        Assert.Equal(Date("2025-01-17"), plan.EffectiveDueDate);
        Assert.Equal(
            [
                "Reminder before:P1D 2025-01-15 2025-01-16T08:00:00Z",
                "Overdue overdue 2025-01-15 2025-01-17T23:00:00Z",
                "OverdueReminder overdue-reminder:1 2025-01-15 2025-01-24T08:00:00Z",
                "OverdueReminder overdue-reminder:2 2025-01-15 2025-01-31T08:00:00Z",
                "OverdueReminder overdue-reminder:3 2025-01-15 2025-02-07T08:00:00Z",
                "OverdueReminder overdue-reminder:4 2025-01-15 2025-02-14T08:00:00Z",
                "EscalationLevel2 escalation-2 2025-01-15 2025-02-16T08:00:00Z",
                Expiry,
            ],
            plan.Steps.Select(Format));

        // Nothing is left at the old date's instants.
        Assert.DoesNotContain(plan.Steps, step => step.AtUtc == Instant("2025-01-14T08:00:00Z"));
        Assert.DoesNotContain(plan.Steps, step => step.AtUtc == Instant("2025-01-15T23:00:00Z"));
    }

    [Fact]
    public void Plan_LongExtension_PlansRemindersBeforeNewDate()
    {
        // Reminders before the new date are planned again under their usual codes and the original
        // due date, so a log keyed by due date and code still contains the ones already sent.
        var state = State(Yearly) with { Extensions = Extension("2025-01-15", "2025-03-31") };

        CyclePlan plan = CyclePlanner.Plan(state, Instant("2025-01-10T12:00:00Z"));

        Assert.Equal(
            [
                "Reminder before:P30D 2025-01-15 2025-03-01T08:00:00Z",
                "Reminder before:P7D 2025-01-15 2025-03-24T08:00:00Z",
                "Reminder before:P1D 2025-01-15 2025-03-30T07:00:00Z",
            ],
            Steps(plan, LifecycleStepKind.Reminder).Select(Format));
        Assert.Equal("Overdue overdue 2025-01-15 2025-03-31T22:00:00Z", Format(Assert.Single(Steps(plan, LifecycleStepKind.Overdue))));
        Assert.Equal("EscalationLevel2 escalation-2 2025-01-15 2025-04-30T07:00:00Z", Format(Assert.Single(Steps(plan, LifecycleStepKind.EscalationLevel2))));
    }

    [Fact]
    public void Plan_OverdueAtImport_KeepsPastOverdueAndEscalation()
    {
        // Imported with no balance ever filed: the first due date passed long ago.
        var now = Instant("2026-06-01T10:00:00Z");

        CyclePlan plan = CyclePlanner.Plan(State(Yearly), now);

        Assert.Equal(Date("2025-01-15"), plan.DueDate);
        Assert.Equal(
            [
                "Overdue overdue 2025-01-15 2025-01-15T23:00:00Z",
                "EscalationLevel2 escalation-2 2025-01-15 2025-02-14T08:00:00Z",
                Expiry,
            ],
            plan.Steps.Select(Format));
        Assert.True(plan.Steps[0].AtUtc < now);
        Assert.False(plan.Finished);
    }

    [Theory]
    // Overdue reminders fire 2025-01-22, 01-29, 02-05 and 02-12 at 08:00Z; escalation-2 on 2025-02-14.
    [InlineData("2025-01-20T00:00:00Z", new[] { "overdue-reminder:1", "overdue-reminder:2", "overdue-reminder:3", "overdue-reminder:4" })]
    [InlineData("2025-01-22T08:00:00Z", new[] { "overdue-reminder:2", "overdue-reminder:3", "overdue-reminder:4" })]
    [InlineData("2025-02-12T07:59:59Z", new[] { "overdue-reminder:4" })]
    [InlineData("2025-02-20T00:00:00Z", new string[0])]
    public void Plan_OverdueReminders_OnlyAhead(string now, string[] expected)
    {
        CyclePlan plan = CyclePlanner.Plan(State(Yearly), Instant(now));

        Assert.Equal(expected, Codes(plan, LifecycleStepKind.OverdueReminder));
        Assert.Single(Steps(plan, LifecycleStepKind.Overdue));
        Assert.Single(Steps(plan, LifecycleStepKind.EscalationLevel2));
    }

    [Theory]
    // Weekly in summer: the due date 2025-06-15 ends at 2025-06-15T22:00Z.
    [InlineData("R2/P1W", "2025-06-15", new[] { "overdue-reminder:1 2025-06-22T07:00:00Z", "overdue-reminder:2 2025-06-29T07:00:00Z" })]
    // Crossing the change to winter time on 2025-10-26.
    [InlineData("R2/P7D", "2025-10-20", new[] { "overdue-reminder:1 2025-10-27T08:00:00Z", "overdue-reminder:2 2025-11-03T08:00:00Z" })]
    // Monthly, counted from the due date: 31 January, then 28 February and 31 March.
    [InlineData("R2/P1M", "2025-01-31", new[] { "overdue-reminder:1 2025-02-28T08:00:00Z", "overdue-reminder:2 2025-03-31T07:00:00Z" })]
    // A period with a time part counts from the end of the due day.
    [InlineData("R3/PT12H", "2025-06-15", new[] { "overdue-reminder:1 2025-06-16T10:00:00Z", "overdue-reminder:2 2025-06-16T22:00:00Z", "overdue-reminder:3 2025-06-17T10:00:00Z" })]
    public void Plan_OverdueRepeat_FollowsPeriod(string repeat, string dueDate, string[] expected)
    {
        // A renewal-only agreement: start far enough back, end so that the renewal date is the due date.
        Agreement agreement = Create("2024-01-01", Date(dueDate).AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 24, 90);
        ReminderPolicy policy = new([IsoDuration.FromDays(1)], IsoRepeat.Parse(repeat), Time("09:00"));

        CyclePlan plan = CyclePlanner.Plan(State(agreement) with { Policy = policy }, Instant("2024-06-01T00:00:00Z"));

        Assert.Equal(Date(dueDate), plan.DueDate);
        Assert.Equal(expected, Steps(plan, LifecycleStepKind.OverdueReminder).Select(step => $"{step.Code} {Utc(step.AtUtc)}"));
        DateTimeOffset overdueAt = Assert.Single(Steps(plan, LifecycleStepKind.Overdue)).AtUtc;
        Assert.All(Steps(plan, LifecycleStepKind.OverdueReminder), step => Assert.True(step.AtUtc >= overdueAt));
    }

    [Fact]
    public void Plan_NoRepeat_HasNoOverdueReminders()
    {
        ReminderPolicy policy = ReminderPolicy.Default with { OverdueRepeat = null };

        CyclePlan plan = CyclePlanner.Plan(State(Yearly) with { Policy = policy }, Instant("2024-06-01T10:00:00Z"));

        Assert.Empty(Steps(plan, LifecycleStepKind.OverdueReminder));
        Assert.Single(Steps(plan, LifecycleStepKind.EscalationLevel2));
    }

    [Fact]
    public void Plan_StepsAfterEnd_AreDropped()
    {
        // Start 2024-01-15, end 2025-03-01, lead 20 days: the only due date is the renewal, 2025-02-09.
        // The agreement is in force until 2025-03-01T23:00Z.
        Agreement agreement = Create("2024-01-15", "2025-03-01", 12, 20);

        CyclePlan plan = CyclePlanner.Plan(State(agreement), Instant("2025-02-01T00:00:00Z"));

        Assert.Equal(DueDateKind.Renewal, plan.DueKind);
        Assert.Equal(
            [
                "Reminder before:P7D 2025-02-09 2025-02-02T08:00:00Z",
                "Reminder before:P1D 2025-02-09 2025-02-08T08:00:00Z",
                "Overdue overdue 2025-02-09 2025-02-09T23:00:00Z",
                "OverdueReminder overdue-reminder:1 2025-02-09 2025-02-16T08:00:00Z",
                "OverdueReminder overdue-reminder:2 2025-02-09 2025-02-23T08:00:00Z",
                "Expiry expiry 2025-02-09 2025-03-01T23:00:00Z",
            ],
            plan.Steps.Select(Format));
    }

    [Fact]
    public void Plan_ExtensionPastEnd_KeepsOnlyExpiry()
    {
        Agreement agreement = Create("2024-01-15", "2025-03-01", 12, 20);
        var state = State(agreement) with { Extensions = Extension("2025-02-09", "2025-03-05") };

        // The P7D reminder of the new date, 2025-02-26, has passed; P1D, Overdue and later fall after the end.
        CyclePlan plan = CyclePlanner.Plan(state, Instant("2025-02-27T00:00:00Z"));

        Assert.Equal(Date("2025-03-05"), plan.EffectiveDueDate);
        Assert.Equal(["Expiry expiry 2025-02-09 2025-03-01T23:00:00Z"], plan.Steps.Select(Format));
    }

    [Fact]
    public void Plan_PendingRegistration_AddsRegistryReminder()
    {
        // The balance for 2025-01-15 was submitted on 2025-01-05; its registry entry is missing.
        // A submission at 2025-01-05T23:30Z is 00:30 on 2025-01-06 in Madrid.
        var state = State(Yearly) with
        {
            CoveredThrough = Date("2025-01-15"),
            PendingRegistrations =
            [
                new PendingRegistration(Date("2025-01-15"), Instant("2025-01-05T10:00:00Z")),
                new PendingRegistration(Date("2025-01-15"), Instant("2025-01-05T23:30:00Z")),
                new PendingRegistration(Date("2025-01-15"), Instant("2024-12-20T10:00:00Z")),
            ],
        };

        CyclePlan plan = CyclePlanner.Plan(state, Instant("2025-01-06T12:00:00Z"));

        Assert.Equal(Date("2026-01-15"), plan.DueDate);
        Assert.Equal(
            [
                "RegistryReminder registry-reminder 2025-01-15 2025-01-12T08:00:00Z",
                "RegistryReminder registry-reminder 2025-01-15 2025-01-13T08:00:00Z",
            ],
            Steps(plan, LifecycleStepKind.RegistryReminder).Select(Format));
        Assert.Equal("Reminder before:P30D 2026-01-15 2025-12-16T08:00:00Z", Format(plan.Steps[2]));
    }

    [Fact]
    public void Plan_NoOpenDueDate_KeepsRegistryReminderAndExpiry()
    {
        var state = State(Yearly) with
        {
            CoveredThrough = Date("2027-10-17"),
            PendingRegistrations = [new PendingRegistration(Date("2027-10-17"), Instant("2027-10-30T10:00:00Z"))],
        };

        CyclePlan plan = CyclePlanner.Plan(state, Instant("2027-11-01T10:00:00Z"));

        Assert.Null(plan.DueDate);
        Assert.Null(plan.DueKind);
        Assert.Null(plan.EffectiveDueDate);
        Assert.False(plan.Finished);
        Assert.Equal(
            ["RegistryReminder registry-reminder 2027-10-17 2027-11-06T08:00:00Z", Expiry],
            plan.Steps.Select(Format));
    }

    [Fact]
    public void Plan_NoDueDates_ExpiryUsesEndDate()
    {
        // 60 days of term and a 90-day lead: no due date at all.
        Agreement agreement = Create("2024-01-01", "2024-03-01", 6, 90);

        CyclePlan plan = CyclePlanner.Plan(State(agreement), Instant("2024-01-10T00:00:00Z"));

        Assert.Null(plan.DueDate);
        Assert.Equal(["Expiry expiry 2024-03-01 2024-03-01T23:00:00Z"], plan.Steps.Select(Format));
    }

    [Fact]
    public void Plan_EndedAtImport_IsFinished()
    {
        // PC-2023-0050 of the sample register: 2023-11-18 to 2026-11-18, yearly, last balance 2026-07-27.
        Agreement agreement = Create("2023-11-18", "2026-11-18", 12, 90, "2026-07-27", "PC-2023-0050");
        DateOnly? coveredThrough = DueDates.CoveredThroughOnImport(agreement, DueDates.Compute(agreement));

        CyclePlan plan = CyclePlanner.Plan(State(agreement) with { CoveredThrough = coveredThrough }, Instant("2026-12-01T10:00:00Z"));

        Assert.True(plan.Finished);
        Assert.Null(plan.DueDate);
        Assert.Null(plan.DueKind);
        Assert.Empty(plan.Steps);
        Assert.Equal(Instant("2026-11-18T23:00:00Z"), plan.EndsAtUtc);
    }

    [Fact]
    public void Plan_EndedWithOpenDueDate_IsFinished()
    {
        CyclePlan plan = CyclePlanner.Plan(State(Yearly), Instant("2028-03-01T10:00:00Z"));

        Assert.True(plan.Finished);
        Assert.Null(plan.DueDate);
        Assert.Empty(plan.Steps);
    }

    [Theory]
    // The end date 2028-01-15 ends at local midnight, 2028-01-15T23:00Z.
    [InlineData("2028-01-15T22:59:59Z", false)]
    [InlineData("2028-01-15T23:00:00Z", true)]
    public void Plan_EndDate_IsInForceThroughItsLocalDay(string now, bool finished)
    {
        CyclePlan plan = CyclePlanner.Plan(State(Yearly) with { CoveredThrough = Date("2027-10-17") }, Instant(now));

        Assert.Equal(finished, plan.Finished);
        Assert.Equal(finished ? 0 : 1, plan.Steps.Count);
    }

    [Fact]
    public void Plan_Steps_AreSortedByInstantThenKind()
    {
        // PT0S before the due date, and one day after it at 00:00, both fall at the end of the due
        // day, the instant of the Overdue step.
        ReminderPolicy policy = new([IsoDuration.Parse("PT0S")], IsoRepeat.Parse("R1/P1D"), Time("00:00"));

        CyclePlan plan = CyclePlanner.Plan(State(Yearly) with { Policy = policy }, Instant("2024-06-01T10:00:00Z"));

        Assert.Equal(
            ["Reminder before:PT0S", "Overdue overdue", "OverdueReminder overdue-reminder:1", "EscalationLevel2 escalation-2", "Expiry expiry"],
            plan.Steps.Select(step => $"{step.Kind} {step.Code}"));
        Assert.Equal(plan.Steps[0].AtUtc, plan.Steps[1].AtUtc);
        Assert.Equal(plan.Steps[1].AtUtc, plan.Steps[2].AtUtc);
    }

    [Fact]
    public void Plan_InvalidPolicy_ThrowsArgumentException()
    {
        var state = State(Yearly) with { Policy = new ReminderPolicy([], null, Time("09:00")) };

        Assert.Throws<ArgumentException>(() => CyclePlanner.Plan(state, Instant("2024-06-01T10:00:00Z")));
    }

    [Fact]
    public void Plan_EarlierExtension_ThrowsArgumentException()
    {
        var state = State(Yearly) with { Extensions = Extension("2025-01-15", "2025-01-10") };

        ArgumentException error = Assert.Throws<ArgumentException>(() => CyclePlanner.Plan(state, Instant("2024-06-01T10:00:00Z")));

        Assert.Contains("2025-01-10", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("2027-01-15", null, false)]
    [InlineData("2027-10-17", null, true)]
    // An extension does not change which due date is the renewal: coverage is by the original date.
    [InlineData("2027-10-17", "2027-12-01", true)]
    [InlineData("2027-01-15", "2027-12-01", false)]
    public void RenewalCovered_CoveredThrough_ComparesOriginalDate(string? coveredThrough, string? extendedTo, bool expected)
    {
        var state = State(Yearly) with
        {
            CoveredThrough = OptionalDate(coveredThrough),
            Extensions = extendedTo is null ? new Dictionary<DateOnly, DateOnly>() : Extension("2027-10-17", extendedTo),
        };

        Assert.Equal(expected, CyclePlanner.RenewalCovered(state));
    }

    [Fact]
    public void RenewalCovered_NoDueDates_IsTrue()
    {
        Assert.True(CyclePlanner.RenewalCovered(State(Create("2024-01-01", "2024-03-01", 6, 90))));
    }

    internal static LifecycleState State(Agreement agreement) =>
        new(agreement, null, new Dictionary<DateOnly, DateOnly>(), [], ReminderPolicy.Default);

    internal static Dictionary<DateOnly, DateOnly> Extension(string original, string extendedTo) =>
        new() { [Date(original)] = Date(extendedTo) };

    private static IEnumerable<LifecycleStep> Steps(CyclePlan plan, LifecycleStepKind kind) => plan.Steps.Where(step => step.Kind == kind);

    private static IEnumerable<string> Codes(CyclePlan plan, LifecycleStepKind kind) => Steps(plan, kind).Select(step => step.Code);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Format(LifecycleStep step) =>
        $"{step.Kind} {step.Code} {step.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Utc(step.AtUtc)}";
}
