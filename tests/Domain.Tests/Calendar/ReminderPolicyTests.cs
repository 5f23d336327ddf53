using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using static BalancFunctions.Domain.Tests.Calendar.MadridTimeTests;

namespace BalancFunctions.Domain.Tests.Calendar;

public sealed class ReminderPolicyTests
{
    private const string DefaultJson = """{"before":["P30D","P7D","P1D"],"overdueRepeat":"R4/P7D","localTime":"09:00"}""";

    [Fact]
    public void Default_HasProgrammeValues()
    {
        ReminderPolicy policy = ReminderPolicy.Default;

        Assert.Equal(["P30D", "P7D", "P1D"], policy.Before.Select(offset => offset.ToString()));
        Assert.Equal("R4/P7D", policy.OverdueRepeat?.ToString());
        Assert.Equal(Time("09:00"), policy.LocalTime);
    }

    [Fact]
    public void ToJson_Default_WritesCanonicalJson()
    {
        Assert.Equal(DefaultJson, ReminderPolicy.Default.ToJson());
    }

    [Theory]
    [InlineData(DefaultJson)]
    [InlineData("""{"before":["P1M","PT30S"],"overdueRepeat":null,"localTime":"18:30"}""")]
    [InlineData("""{"before":["P14D"],"localTime":"07:05"}""")]
    public void Parse_ToJson_RoundTrips(string json)
    {
        ReminderPolicy policy = ReminderPolicy.Parse(json);

        Assert.Equal(policy, ReminderPolicy.Parse(policy.ToJson()));
    }

    [Fact]
    public void Parse_DefaultJson_EqualsDefault()
    {
        Assert.Equal(ReminderPolicy.Default, ReminderPolicy.Parse(DefaultJson));
        Assert.Equal(ReminderPolicy.Default.GetHashCode(), ReminderPolicy.Parse(DefaultJson).GetHashCode());
    }

    [Theory]
    [InlineData("""{"before":["P7D"],"localTime":"09:00"}""")]
    [InlineData("""{"before":["P7D"],"overdueRepeat":null,"localTime":"09:00"}""")]
    public void Parse_NoRepeat_HasNullRepeat(string json)
    {
        ReminderPolicy policy = ReminderPolicy.Parse(json);

        Assert.Null(policy.OverdueRepeat);
        Assert.Equal([IsoDuration.FromDays(7)], policy.Before);
    }

    public static TheoryData<string, string[]> InvalidCases => new()
    {
        {
            """{"before":["P30D","P1Y"],"localTime":"9am","extra":1}""",
            ["unknown field 'extra'", "before[1]: 'P1Y' is not a valid duration: years are not supported", "localTime: '9am' is not a valid local time"]
        },
        { """{"before":["P7D","P1W"],"localTime":"09:00"}""", ["before[1]: 'P1W' is the same offset as before[0] (P7D)"] },
        {
            """{"before":["P1D","P2D","P3D","P4D","P5D","P6D","P7D","P8D","P9D","P10D","P11D"],"localTime":"09:00"}""",
            ["'before' has 11 offsets, but at most 10 are allowed"]
        },
        { """{"localTime":"09:00"}""", ["the field 'before' is missing"] },
        { """{"before":[],"localTime":"09:00"}""", ["'before' is empty"] },
        { """{"before":["P7D"]}""", ["the field 'localTime' is missing"] },
        { """{"before":["P7D"],"localTime":"25:00"}""", ["localTime: '25:00' is not a valid local time"] },
        { """{"before":["P7D"],"localTime":"9:00"}""", ["localTime: '9:00' is not a valid local time"] },
        { """{"before":["P7D"],"localTime":"09:00","overdueRepeat":"R0/P7D"}""", ["overdueRepeat: 'R0/P7D' is not a valid repeat"] },
        { """{"before":["P7D"],"localTime":"09:00","overdueRepeat":4}""", ["'overdueRepeat' must be a repeat string such as \"R4/P7D\" or null, but it is a number"] },
        { """{"before":"P7D","localTime":9}""", ["'before' must be an array", "localTime: a number is not a valid local time"] },
        { """{"before":[7,"P7D"],"localTime":"09:00"}""", ["'before[0]' must be a duration string"] },
        { """{"before":["P7D"],"Before":["P1D"],"localTime":"09:00"}""", ["unknown field 'Before'"] },
        { """{"before":["P7D"],"before":["P1D"],"localTime":"09:00"}""", ["the field 'before' appears more than once"] },
        { """[1]""", ["the policy must be a JSON object"] },
        { """not json""", ["the text is not valid JSON"] },
        { "", ["the text is not valid JSON"] },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Parse_Invalid_ListsEveryProblem(string json, string[] expected)
    {
        InvalidReminderPolicyException error = Assert.Throws<InvalidReminderPolicyException>(() => ReminderPolicy.Parse(json));

        Assert.Equal(expected.Length, error.Problems.Count);
        foreach (string problem in expected)
        {
            Assert.Contains(error.Problems, listed => listed.Contains(problem, StringComparison.Ordinal));
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith("The reminder policy is invalid:", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidInCodeCases => new()
    {
        { "empty", "before has no offset" },
        { "duplicate", "before has the offset P7D more than once" },
        { "eleven", "before has 11 offsets, but at most 10 are allowed" },
        { "unset repeat", "overdueRepeat is not set up" },
    };

    [Theory]
    [MemberData(nameof(InvalidInCodeCases))]
    public void FindProblems_InvalidInCode_ListsProblem(string name, string expected)
    {
        ReminderPolicy policy = name switch
        {
            "empty" => new ReminderPolicy([], null, Time("09:00")),
            "duplicate" => new ReminderPolicy([IsoDuration.Parse("P1W"), IsoDuration.FromDays(7)], null, Time("09:00")),
            "eleven" => new ReminderPolicy([.. Enumerable.Range(1, 11).Select(IsoDuration.FromDays)], null, Time("09:00")),
            _ => new ReminderPolicy([IsoDuration.FromDays(7)], default(IsoRepeat), Time("09:00")),
        };

        string problem = Assert.Single(policy.FindProblems());
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        ArgumentException error = Assert.Throws<ArgumentException>(() => ReminderSchedule.Validate(policy));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_NullBefore_ListsProblem()
    {
        var policy = new ReminderPolicy(null!, null, Time("09:00"));

        Assert.Contains("before is missing", Assert.Single(policy.FindProblems()), StringComparison.Ordinal);
    }
}

public sealed class ReminderPoliciesTests
{
    private const string Policy = """{"before":["P30D","P7D","P1D"],"overdueRepeat":"R4/P7D","localTime":"09:00"}""";

    [Fact]
    public void Embedded_Loads()
    {
        ReminderPolicies.EnsureLoaded();

        Assert.Equal(ReminderPolicy.Default, ReminderPolicies.Default);
        Assert.Contains(ReminderPolicies.ResourceName, typeof(ReminderPolicies).Assembly.GetManifestResourceNames());
    }

    [Theory]
    [InlineData(AgreementType.CessioUs, new[] { "P30D", "P7D", "P1D" })]
    [InlineData(AgreementType.AutoritzacioUs, new[] { "P30D", "P7D", "P1D" })]
    [InlineData(AgreementType.GestioCivica, new[] { "P30D", "P7D", "P1D" })]
    [InlineData(AgreementType.Concessio, new[] { "P60D", "P30D", "P7D", "P1D" })]
    public void For_Type_ReturnsTypePolicy(AgreementType type, string[] before)
    {
        ReminderPolicy policy = ReminderPolicies.For(type);

        Assert.Equal(before, policy.Before.Select(offset => offset.ToString()));
        Assert.Equal("R4/P7D", policy.OverdueRepeat?.ToString());
        Assert.Equal(Time("09:00"), policy.LocalTime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_NoOverride_ReturnsTypePolicy(string? overrideJson)
    {
        Assert.Equal(ReminderPolicies.For(AgreementType.Concessio), ReminderPolicies.Resolve(AgreementType.Concessio, overrideJson));
    }

    [Fact]
    public void Resolve_Override_ReturnsOverride()
    {
        ReminderPolicy policy = ReminderPolicies.Resolve(AgreementType.Concessio, """{"before":["PT30S"],"localTime":"10:00"}""");

        Assert.Equal([IsoDuration.Parse("PT30S")], policy.Before);
        Assert.Null(policy.OverdueRepeat);
    }

    [Fact]
    public void Resolve_InvalidOverride_Throws()
    {
        Assert.Throws<InvalidReminderPolicyException>(() => ReminderPolicies.Resolve(AgreementType.CessioUs, """{"before":["P1Y"],"localTime":"10:00"}"""));
    }

    public static TheoryData<string, string[]> InvalidFileCases => new()
    {
        {
            $$$"""{"default":{{{Policy}}},"types":{"cessio-us":{{{Policy}}},"autoritzacio-us":{{{Policy}}},"gestio-civica":{{{Policy}}}}}""",
            ["'types' has no policy for the agreement type code 'concessio'"]
        },
        {
            $$$"""{"default":{{{Policy}}},"types":{"cessio-us":{{{Policy}}},"autoritzacio-us":{{{Policy}}},"gestio-civica":{{{Policy}}},"concessio":{{{Policy}}},"lloguer":{{{Policy}}}}}""",
            ["unknown agreement type code 'lloguer' in 'types'. The codes are cessio-us, autoritzacio-us, gestio-civica, concessio."]
        },
        {
            $$$"""{"default":{"before":["P1Y"],"localTime":"09:00"},"version":1,"types":{"cessio-us":{{{Policy}}},"autoritzacio-us":{{{Policy}}},"gestio-civica":{{{Policy}}},"concessio":{"before":["P7D","P7D"],"localTime":"09:00"} } }""",
            ["unknown field 'version'", "default.before[0]: 'P1Y' is not a valid duration", "types.concessio.before[1]: 'P7D' is the same offset"]
        },
        { """{"types":{}}""", ["the field 'default' is missing", "no policy for the agreement type code 'cessio-us'", "'concessio'", "'gestio-civica'", "'autoritzacio-us'"] },
        { "{", ["the text is not valid JSON"] },
    };

    [Theory]
    [MemberData(nameof(InvalidFileCases))]
    public void ParseFile_Invalid_ListsEveryProblem(string json, string[] expected)
    {
        InvalidReminderPolicyException error = Assert.Throws<InvalidReminderPolicyException>(() => ReminderPolicyTable.Parse(json, "test.json"));

        Assert.Equal(expected.Length, error.Problems.Count);
        foreach (string problem in expected)
        {
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith("The reminder policy file 'test.json' is invalid:", error.Message, StringComparison.Ordinal);
    }
}
