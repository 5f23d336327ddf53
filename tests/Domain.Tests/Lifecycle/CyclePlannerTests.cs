using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;
using static BalancFunctions.Domain.Tests.Calendar.MadridTimeTests;

namespace BalancFunctions.Domain.Tests.Lifecycle;

public sealed class CyclePlannerTests
{
    // Due dates 2025-01-15, 2026-01-15, 2027-01-15 and the renewal 2027-10-17; ends 2028-01-15.
    private static readonly Agreement Yearly = Create("2024-01-15", "2028-01-15");

    [Fact]
    public void Plan_BeforeFirstReminder_ReturnsAllReminders()
    {
        CyclePlan plan = CyclePlanner.Plan(Yearly, null, Instant("2024-06-01T10:00:00Z"), ReminderPolicy.Default);

        Assert.Equal("PC-TEST-0001", plan.AgreementId);
        Assert.Equal(Date("2025-01-15"), plan.DueDate);
        Assert.Equal(["D-30", "D-7", "D-1"], plan.Reminders.Select(reminder => reminder.Step));
        Assert.Equal(Instant("2025-01-15T23:00:00Z"), plan.OverdueAtUtc);
        Assert.Equal(Instant("2028-01-15T23:00:00Z"), plan.EndsAtUtc);
        Assert.False(plan.Finished);
    }

    [Theory]
    // D-30 fires 2024-12-16T08:00Z, D-7 2025-01-08T08:00Z, D-1 2025-01-14T08:00Z.
    [InlineData("2024-12-16T07:59:59Z", new[] { "D-30", "D-7", "D-1" })]
    [InlineData("2024-12-16T08:00:00Z", new[] { "D-7", "D-1" })]
    [InlineData("2025-01-10T12:00:00Z", new[] { "D-1" })]
    [InlineData("2025-01-14T08:00:00Z", new string[0])]
    public void Plan_PastReminders_AreDropped(string now, string[] expected)
    {
        CyclePlan plan = CyclePlanner.Plan(Yearly, null, Instant(now), ReminderPolicy.Default);

        Assert.Equal(expected, plan.Reminders.Select(reminder => reminder.Step));
        Assert.All(plan.Reminders, reminder => Assert.True(reminder.FireAtUtc > Instant(now)));
    }

    [Fact]
    public void Plan_CoveredThrough_PlansNextDueDate()
    {
        CyclePlan plan = CyclePlanner.Plan(Yearly, Date("2025-01-15"), Instant("2025-01-10T12:00:00Z"), ReminderPolicy.Default);

        Assert.Equal(Date("2026-01-15"), plan.DueDate);
        Assert.Equal(3, plan.Reminders.Count);
        Assert.Equal(Instant("2026-01-15T23:00:00Z"), plan.OverdueAtUtc);
    }

    [Fact]
    public void Plan_OverdueAtPlanning_ReturnsPastOverdueInstant()
    {
        // Imported with no balance ever filed: the first due date passed long ago.
        var now = Instant("2026-06-01T10:00:00Z");

        CyclePlan plan = CyclePlanner.Plan(Yearly, null, now, ReminderPolicy.Default);

        Assert.Equal(Date("2025-01-15"), plan.DueDate);
        Assert.Empty(plan.Reminders);
        Assert.Equal(Instant("2025-01-15T23:00:00Z"), plan.OverdueAtUtc);
        Assert.True(plan.OverdueAtUtc < now);
        Assert.False(plan.Finished);
    }

    [Fact]
    public void Plan_NothingOpen_HasNoDueDate()
    {
        CyclePlan plan = CyclePlanner.Plan(Yearly, Date("2027-10-17"), Instant("2027-11-01T10:00:00Z"), ReminderPolicy.Default);

        Assert.Null(plan.DueDate);
        Assert.Empty(plan.Reminders);
        Assert.Null(plan.OverdueAtUtc);
        Assert.Equal(Instant("2028-01-15T23:00:00Z"), plan.EndsAtUtc);
        Assert.False(plan.Finished);
    }

    [Fact]
    public void Plan_EndedAgreement_IsFinished()
    {
        // PC-2023-0050 of the sample register: 2023-11-18 to 2026-11-18, yearly, last balance 2026-07-27.
        var agreement = Create("2023-11-18", "2026-11-18", 12, 90, "2026-07-27", "PC-2023-0050");
        DateOnly? coveredThrough = DueDates.CoveredThroughOnImport(agreement, DueDates.Compute(agreement));

        CyclePlan plan = CyclePlanner.Plan(agreement, coveredThrough, Instant("2026-12-01T10:00:00Z"), ReminderPolicy.Default);

        Assert.True(plan.Finished);
        Assert.Null(plan.DueDate);
        Assert.Empty(plan.Reminders);
        Assert.Null(plan.OverdueAtUtc);
        Assert.Equal(Instant("2026-11-18T23:00:00Z"), plan.EndsAtUtc);
    }

    [Fact]
    public void Plan_EndedWithOpenDueDate_IsFinished()
    {
        CyclePlan plan = CyclePlanner.Plan(Yearly, null, Instant("2028-03-01T10:00:00Z"), ReminderPolicy.Default);

        Assert.True(plan.Finished);
        Assert.Null(plan.DueDate);
        Assert.Null(plan.OverdueAtUtc);
    }

    [Theory]
    // The end date 2028-01-15 ends at local midnight, 2028-01-15T23:00Z.
    [InlineData("2028-01-15T22:59:59Z", false)]
    [InlineData("2028-01-15T23:00:00Z", true)]
    public void Plan_EndDate_IsInForceThroughItsLocalDay(string now, bool finished)
    {
        CyclePlan plan = CyclePlanner.Plan(Yearly, Date("2027-10-17"), Instant(now), ReminderPolicy.Default);

        Assert.Equal(finished, plan.Finished);
    }

    [Fact]
    public void Plan_InvalidPolicy_ThrowsArgumentException()
    {
        var policy = new ReminderPolicy([], Time("09:00"));

        Assert.Throws<ArgumentException>(() => CyclePlanner.Plan(Yearly, null, Instant("2024-06-01T10:00:00Z"), policy));
    }
}
