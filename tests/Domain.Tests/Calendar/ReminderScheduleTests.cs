using BalancFunctions.Domain.Calendar;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;
using static BalancFunctions.Domain.Tests.Calendar.MadridTimeTests;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class ReminderScheduleTests
{
    public static TheoryData<string, string[]> DefaultPolicyCases => new()
    {
        // D-7 falls on the day the clocks go forward: 09:00 is already summer time.
        { "2027-04-04", ["D-30 2027-03-05T08:00:00Z", "D-7 2027-03-28T07:00:00Z", "D-1 2027-04-03T07:00:00Z"] },

        // D-1 is the Saturday before the change, still winter time.
        { "2027-03-28", ["D-30 2027-02-26T08:00:00Z", "D-7 2027-03-21T08:00:00Z", "D-1 2027-03-27T08:00:00Z"] },

        // D-7 falls on the day the clocks go back: 09:00 is already winter time.
        { "2027-11-07", ["D-30 2027-10-08T07:00:00Z", "D-7 2027-10-31T08:00:00Z", "D-1 2027-11-06T08:00:00Z"] },

        // D-1 is the Saturday before the change, still summer time.
        { "2027-10-31", ["D-30 2027-10-01T07:00:00Z", "D-7 2027-10-24T07:00:00Z", "D-1 2027-10-30T07:00:00Z"] },

        // 30 days before 31 March is 1 March.
        { "2027-03-31", ["D-30 2027-03-01T08:00:00Z", "D-7 2027-03-24T08:00:00Z", "D-1 2027-03-30T07:00:00Z"] },

        // A due date on 29 February of a leap year.
        { "2028-02-29", ["D-30 2028-01-30T08:00:00Z", "D-7 2028-02-22T08:00:00Z", "D-1 2028-02-28T08:00:00Z"] },

        // D-30 on 29 February.
        { "2028-03-30", ["D-30 2028-02-29T08:00:00Z", "D-7 2028-03-23T08:00:00Z", "D-1 2028-03-29T07:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(DefaultPolicyCases))]
    public void Compute_DefaultPolicy_FiresAtNineLocal(string dueDate, string[] expected)
    {
        IReadOnlyList<ReminderInstant> reminders = ReminderSchedule.Compute(Date(dueDate), ReminderPolicy.Default);

        Assert.Equal(expected, reminders.Select(Format));
        Assert.All(reminders, reminder => Assert.Equal(Date(dueDate), reminder.DueDate));
    }

    [Fact]
    public void Compute_SkippedLocalTime_MovesForwardByGap()
    {
        // 02:30 local on 2027-03-28 does not exist; the reminder fires at 03:30 summer time.
        var policy = new ReminderPolicy([1], Time("02:30"));

        ReminderInstant reminder = Assert.Single(ReminderSchedule.Compute(Date("2027-03-29"), policy));

        Assert.Equal(Instant("2027-03-28T01:30:00Z"), reminder.FireAtUtc);
    }

    [Fact]
    public void Compute_RepeatedLocalTime_FiresAtFirstOccurrence()
    {
        var policy = new ReminderPolicy([1], Time("02:30"));

        ReminderInstant reminder = Assert.Single(ReminderSchedule.Compute(Date("2027-11-01"), policy));

        Assert.Equal(Instant("2027-10-31T00:30:00Z"), reminder.FireAtUtc);
    }

    [Fact]
    public void Compute_UnsortedDuplicateDays_SortsEarliestFirst()
    {
        var policy = new ReminderPolicy([1, 30, 7, 7, 0], Time("09:00"));

        IReadOnlyList<ReminderInstant> reminders = ReminderSchedule.Compute(Date("2027-06-30"), policy);

        Assert.Equal(["D-30", "D-7", "D-1", "D-0"], reminders.Select(reminder => reminder.Step));
        Assert.Equal(reminders.OrderBy(reminder => reminder.FireAtUtc), reminders);
        Assert.Equal(Instant("2027-06-30T07:00:00Z"), reminders[^1].FireAtUtc);
    }

    [Fact]
    public void Compute_NoDays_ThrowsArgumentException()
    {
        var policy = new ReminderPolicy([], Time("09:00"));

        ArgumentException error = Assert.Throws<ArgumentException>(() => ReminderSchedule.Compute(Date("2027-06-30"), policy));

        Assert.Contains("at least one", error.Message, StringComparison.Ordinal);
        Assert.Equal("policy", error.ParamName);
    }

    [Fact]
    public void Compute_NegativeDays_ThrowsArgumentException()
    {
        var policy = new ReminderPolicy([7, -1], Time("09:00"));

        ArgumentException error = Assert.Throws<ArgumentException>(() => ReminderSchedule.Compute(Date("2027-06-30"), policy));

        Assert.Contains("-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 or more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NullDays_ThrowsArgumentException()
    {
        var policy = new ReminderPolicy(null!, Time("09:00"));

        Assert.Throws<ArgumentException>(() => ReminderSchedule.Compute(Date("2027-06-30"), policy));
    }

    [Theory]
    [InlineData(30, "D-30")]
    [InlineData(1, "D-1")]
    [InlineData(0, "D-0")]
    public void StepCode_Days_FormatsAsDMinusN(int days, string expected)
    {
        Assert.Equal(expected, ReminderSchedule.StepCode(days));
    }

    private static string Format(ReminderInstant reminder) =>
        $"{reminder.Step} {reminder.FireAtUtc.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";
}
