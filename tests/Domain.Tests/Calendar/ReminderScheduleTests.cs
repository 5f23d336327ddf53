using BalancFunctions.Domain.Calendar;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;
using static BalancFunctions.Domain.Tests.Calendar.MadridTimeTests;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class ReminderScheduleTests
{
    public static TheoryData<string, string[]> DefaultPolicyCases => new()
    {
        // P7D falls on the day the clocks go forward: 09:00 is already summer time.
        { "2027-04-04", ["before:P30D 2027-03-05T08:00:00Z", "before:P7D 2027-03-28T07:00:00Z", "before:P1D 2027-04-03T07:00:00Z"] },

        // P1D is the Saturday before the change, still winter time.
        { "2027-03-28", ["before:P30D 2027-02-26T08:00:00Z", "before:P7D 2027-03-21T08:00:00Z", "before:P1D 2027-03-27T08:00:00Z"] },

        // P7D falls on the day the clocks go back: 09:00 is already winter time.
        { "2027-11-07", ["before:P30D 2027-10-08T07:00:00Z", "before:P7D 2027-10-31T08:00:00Z", "before:P1D 2027-11-06T08:00:00Z"] },

        // P1D is the Saturday before the change, still summer time.
        { "2027-10-31", ["before:P30D 2027-10-01T07:00:00Z", "before:P7D 2027-10-24T07:00:00Z", "before:P1D 2027-10-30T07:00:00Z"] },

        // 30 days before 31 March is 1 March.
        { "2027-03-31", ["before:P30D 2027-03-01T08:00:00Z", "before:P7D 2027-03-24T08:00:00Z", "before:P1D 2027-03-30T07:00:00Z"] },

        // A due date on 29 February of a leap year.
        { "2028-02-29", ["before:P30D 2028-01-30T08:00:00Z", "before:P7D 2028-02-22T08:00:00Z", "before:P1D 2028-02-28T08:00:00Z"] },

        // P30D on 29 February.
        { "2028-03-30", ["before:P30D 2028-02-29T08:00:00Z", "before:P7D 2028-03-23T08:00:00Z", "before:P1D 2028-03-29T07:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(DefaultPolicyCases))]
    public void Compute_DefaultPolicy_FiresAtNineLocal(string dueDate, string[] expected)
    {
        IReadOnlyList<ReminderInstant> reminders = ReminderSchedule.Compute(Date(dueDate), ReminderPolicy.Default);

        Assert.Equal(expected, reminders.Select(Format));
        Assert.All(reminders, reminder => Assert.Equal(Date(dueDate), reminder.DueDate));
    }

    [Theory]
    // One month before 31 March is 28 February, at 09:00 winter time.
    [InlineData("2027-03-31", "P1M", "before:P1M 2027-02-28T08:00:00Z")]
    // In a leap year it is 29 February.
    [InlineData("2028-03-31", "P1M", "before:P1M 2028-02-29T08:00:00Z")]
    [InlineData("2028-03-29", "P1M", "before:P1M 2028-02-29T08:00:00Z")]
    // One month before 29 February 2028 is 29 January; twelve months before it is 28 February 2027.
    [InlineData("2028-02-29", "P1M", "before:P1M 2028-01-29T08:00:00Z")]
    [InlineData("2028-02-29", "P12M", "before:P12M 2027-02-28T08:00:00Z")]
    // One month before 31 May is 30 April, in summer time.
    [InlineData("2027-05-31", "P1M", "before:P1M 2027-04-30T07:00:00Z")]
    // One month before 28 April lands on the day the clocks go forward.
    [InlineData("2027-04-28", "P1M", "before:P1M 2027-03-28T07:00:00Z")]
    // Weeks are days: P2W prints as P14D.
    [InlineData("2027-06-30", "P2W", "before:P14D 2027-06-16T07:00:00Z")]
    // P0D is the due date itself, at the local time.
    [InlineData("2027-06-30", "P0D", "before:P0D 2027-06-30T07:00:00Z")]
    public void Compute_DateOffset_FiresAtLocalTimeOnShiftedDate(string dueDate, string offset, string expected)
    {
        var policy = new ReminderPolicy([IsoDuration.Parse(offset)], null, Time("09:00"));

        ReminderInstant reminder = Assert.Single(ReminderSchedule.Compute(Date(dueDate), policy));

        Assert.Equal(expected, Format(reminder));
    }

    [Theory]
    // The due day 2027-06-30 ends at 2027-06-30T22:00Z; the policy's local time does not apply.
    [InlineData("2027-06-30", "PT30S", "before:PT30S 2027-06-30T21:59:30Z")]
    [InlineData("2027-06-30", "PT0S", "before:PT0S 2027-06-30T22:00:00Z")]
    [InlineData("2027-06-30", "P1DT12H", "before:P1DT12H 2027-06-29T10:00:00Z")]
    // In winter the due day 2027-01-15 ends at 2027-01-15T23:00Z.
    [InlineData("2027-01-15", "PT30S", "before:PT30S 2027-01-15T22:59:30Z")]
    // The 23-hour day of 28 March 2027 ends at 2027-03-28T22:00Z, and 24 hours earlier is 23:00 on 27 March in winter time.
    [InlineData("2027-03-28", "PT24H", "before:PT24H 2027-03-27T22:00:00Z")]
    [InlineData("2027-03-28", "PT30S", "before:PT30S 2027-03-28T21:59:30Z")]
    // The 25-hour day of 31 October 2027 ends at 2027-10-31T23:00Z.
    [InlineData("2027-10-31", "PT24H", "before:PT24H 2027-10-30T23:00:00Z")]
    [InlineData("2027-10-31", "PT30S", "before:PT30S 2027-10-31T22:59:30Z")]
    public void Compute_TimeOffset_SubtractsFromEndOfDueDay(string dueDate, string offset, string expected)
    {
        var policy = new ReminderPolicy([IsoDuration.Parse(offset)], null, Time("09:00"));

        ReminderInstant reminder = Assert.Single(ReminderSchedule.Compute(Date(dueDate), policy));

        Assert.Equal(expected, Format(reminder));
    }

    [Fact]
    public void Compute_MixedOffsets_SortsEarliestFirst()
    {
        ReminderPolicy policy = ReminderPolicy.Parse("""{"before":["P1D","PT30S","P1M","P7D","PT12H"],"localTime":"09:00"}""");

        IReadOnlyList<ReminderInstant> reminders = ReminderSchedule.Compute(Date("2027-06-30"), policy);

        Assert.Equal(
            [
                "before:P1M 2027-05-30T07:00:00Z",
                "before:P7D 2027-06-23T07:00:00Z",
                "before:P1D 2027-06-29T07:00:00Z",
                "before:PT12H 2027-06-30T10:00:00Z",
                "before:PT30S 2027-06-30T21:59:30Z",
            ],
            reminders.Select(Format));
    }

    [Fact]
    public void Compute_SkippedLocalTime_MovesForwardByGap()
    {
        // 02:30 local on 2027-03-28 does not exist; the reminder fires at 03:30 summer time.
        var policy = new ReminderPolicy([IsoDuration.FromDays(1)], null, Time("02:30"));

        ReminderInstant reminder = Assert.Single(ReminderSchedule.Compute(Date("2027-03-29"), policy));

        Assert.Equal(Instant("2027-03-28T01:30:00Z"), reminder.FireAtUtc);
    }

    [Fact]
    public void Compute_RepeatedLocalTime_FiresAtFirstOccurrence()
    {
        var policy = new ReminderPolicy([IsoDuration.FromDays(1)], null, Time("02:30"));

        ReminderInstant reminder = Assert.Single(ReminderSchedule.Compute(Date("2027-11-01"), policy));

        Assert.Equal(Instant("2027-10-31T00:30:00Z"), reminder.FireAtUtc);
    }

    [Fact]
    public void Compute_NoOffsets_ThrowsArgumentException()
    {
        var policy = new ReminderPolicy([], null, Time("09:00"));

        ArgumentException error = Assert.Throws<ArgumentException>(() => ReminderSchedule.Compute(Date("2027-06-30"), policy));

        Assert.Contains("at least one", error.Message, StringComparison.Ordinal);
        Assert.Equal("policy", error.ParamName);
    }

    [Fact]
    public void Compute_NullOffsets_ThrowsArgumentException()
    {
        var policy = new ReminderPolicy(null!, null, Time("09:00"));

        Assert.Throws<ArgumentException>(() => ReminderSchedule.Compute(Date("2027-06-30"), policy));
    }

    [Theory]
    [InlineData("P30D", "before:P30D")]
    [InlineData("P1W", "before:P7D")]
    [InlineData("PT90M", "before:PT1H30M")]
    public void StepCode_Offset_UsesCanonicalText(string offset, string expected)
    {
        Assert.Equal(expected, ReminderSchedule.StepCode(IsoDuration.Parse(offset)));
        Assert.True(ReminderSchedule.TryParseStepCode(expected, out IsoDuration parsed));
        Assert.Equal(IsoDuration.Parse(offset), parsed);
    }

    [Theory]
    [InlineData("D-7")]
    [InlineData("before:")]
    [InlineData("overdue")]
    [InlineData(null)]
    public void TryParseStepCode_OtherText_ReturnsFalse(string? step)
    {
        Assert.False(ReminderSchedule.TryParseStepCode(step, out _));
    }

    private static string Format(ReminderInstant reminder) =>
        $"{reminder.Step} {reminder.FireAtUtc.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";
}
