using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

/// <summary>
/// Each case edits one answer of valid-full.json and checks the errors reported for that
/// field: an empty code list means the edited body is valid for that field.
/// </summary>
public class AnswerRuleTests
{
    private static readonly string Fifty = new('x', 50);

    public static TheoryData<string, string, string[]> AnswerCases => new()
    {
        // int: 0 ≤ x ≤ 1,000,000, whole numbers; 3.0 is accepted because JSON has one number type.
        { "DG02", "0", [] },
        { "DG02", "1000000", [] },
        { "DG02", "1000001", [ProblemCodes.AboveMaximum] },
        { "DG02", "-1", [ProblemCodes.BelowMinimum] },
        { "DG02", "3.0", [] },
        { "DG02", "1e2", [] },
        { "DG02", "3.5", [ProblemCodes.NotInteger] },
        { "DG02", "1e400", [ProblemCodes.AboveMaximum] },
        { "DG02", "\"12\"", [ProblemCodes.WrongType] },
        { "DG02", "true", [ProblemCodes.WrongType] },
        { "PD01", "366", [] },
        { "PD01", "367", [ProblemCodes.AboveMaximum] },
        { "AT01", "201", [ProblemCodes.AboveMaximum] },

        // decimal: range in the row, at most 1 decimal, checked on the decimal value.
        { "DG05", "168", [] },
        { "DG05", "168.0", [] },
        { "DG05", "168.1", [ProblemCodes.AboveMaximum] },
        { "DG05", "0", [] },
        { "DG04", "1.50", [] },
        { "DG04", "2.25", [ProblemCodes.TooManyDecimals] },
        { "DG04", "0.1", [] },
        { "DG04", "500.01", [ProblemCodes.TooManyDecimals, ProblemCodes.AboveMaximum] },

        // pct: 0–100, at most 1 decimal.
        { "PD03", "100", [] },
        { "PD03", "100.1", [ProblemCodes.AboveMaximum] },
        { "PD03", "99.95", [ProblemCodes.TooManyDecimals] },
        { "PD03", "-0.1", [ProblemCodes.BelowMinimum] },

        // bool.
        { "PD05", "false", [] },
        { "PD05", "\"sí\"", [ProblemCodes.WrongType] },
        { "PD05", "1", [ProblemCodes.WrongType] },

        // likert5: whole numbers 1..5.
        { "PD07", "1", [] },
        { "PD07", "5", [] },
        { "PD07", "0", [ProblemCodes.BelowMinimum] },
        { "PD07", "6", [ProblemCodes.AboveMaximum] },
        { "PD07", "2.5", [ProblemCodes.NotInteger] },
        { "PD07", "\"4\"", [ProblemCodes.WrongType] },

        // select.
        { "CP03", "\"total\"", [] },
        { "CP03", "\"Total\"", [ProblemCodes.UnknownOption] },
        { "CP03", "2", [ProblemCodes.WrongType] },

        // multi.
        { "IR07", "[\"altres\", \"infancia\"]", [] },
        { "IR07", "[\"joves\", \"joves\", \"altres\"]", [ProblemCodes.DuplicateOption] },
        { "IR07", "[\"adults\", \"altres\"]", [ProblemCodes.UnknownOption] },
        { "IR07", "\"joves\"", [ProblemCodes.WrongType] },
        { "IR07", "[\"joves\", 3]", [ProblemCodes.WrongType] },

        // text: trimmed and NFC before the length checks.
        { "PD08", $"\"{Fifty}\"", [] },
        { "PD08", $"\"{new string('x', 49)}\"", [ProblemCodes.TooShort] },
        { "PD08", $"\"   {new string('x', 49)}   \"", [ProblemCodes.TooShort] },
        { "PD08", $"\"{new string('x', 49)}a\\u0300\"", [] },
        { "PD08", $"\"{new string('x', 2000)}\"", [] },
        { "PD08", $"\"{new string('x', 2001)}\"", [ProblemCodes.TooLong] },
        { "PD08", "42", [ProblemCodes.WrongType] },

        // text: nothing visible (zero-width spaces, byte order marks, lone combining marks) is not answered.
        { "PD08", $"\"{string.Concat(Enumerable.Repeat("\\u200b", 60))}\"", [ProblemCodes.Required] },
        { "PD08", $"\"{string.Concat(Enumerable.Repeat("\\ufeff", 60))}\"", [ProblemCodes.Required] },
        { "PD08", $"\"{string.Concat(Enumerable.Repeat("\\u0301", 60))}\"", [ProblemCodes.Required] },
        { "IR07a", $"\"{new string('x', 200)}\"", [] },
        { "IR07a", $"\"{new string('x', 201)}\"", [ProblemCodes.TooLong] },

        // period: to > from, at most 24 months with both days included, to ≤ submission date (2026-12-04).
        { "DG01", "{\"from\": \"2024-01-01\", \"to\": \"2025-12-31\"}", [] },
        { "DG01", "{\"from\": \"2024-01-01\", \"to\": \"2026-01-01\"}", [ProblemCodes.PeriodTooLong] },
        { "DG01", "{\"from\": \"2024-03-15\", \"to\": \"2026-03-14\"}", [] },
        { "DG01", "{\"from\": \"2024-03-15\", \"to\": \"2026-03-15\"}", [ProblemCodes.PeriodTooLong] },
        { "DG01", "{\"from\": \"2025-06-30\", \"to\": \"2025-06-30\"}", [ProblemCodes.PeriodOrder] },
        { "DG01", "{\"from\": \"2026-01-01\", \"to\": \"2025-06-30\"}", [ProblemCodes.PeriodOrder] },
        { "DG01", "{\"from\": \"2026-01-01\", \"to\": \"2026-12-04\"}", [] },
        { "DG01", "{\"from\": \"2026-01-01\", \"to\": \"2026-12-05\"}", [ProblemCodes.PeriodInFuture] },
        { "DG01", "{\"from\": \"2024-01-01\", \"to\": \"2026-12-31\"}", [ProblemCodes.PeriodTooLong, ProblemCodes.PeriodInFuture] },
        { "DG01", "{\"from\": \"2025-02-30\", \"to\": \"2025-12-31\"}", [ProblemCodes.InvalidDate] },
        { "DG01", "{\"from\": \"01/01/2025\", \"to\": \"2025-12-31\"}", [ProblemCodes.InvalidDate] },
        { "DG01", "{\"from\": \"2025-01-01\"}", [ProblemCodes.WrongType] },
        { "DG01", "{\"from\": \"2025-01-01\", \"to\": \"2025-12-31\", \"days\": 365}", [ProblemCodes.WrongType] },
        { "DG01", "\"2025\"", [ProblemCodes.WrongType] },

        // Not answered: null, blank text, empty multi.
        { "DG02", "null", [ProblemCodes.Required] },
        { "PD08", "\"   \"", [ProblemCodes.Required] },
        { "CP03", "\"\"", [ProblemCodes.Required] },
        { "IR05", "null", [] },
    };

    [Theory]
    [MemberData(nameof(AnswerCases))]
    public void Validate_AnswerCase_ReportsExpectedCodes(string id, string json, string[] expectedCodes)
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers[id] = JsonNode.Parse(json));

        string[] actual = [.. result.Errors.Where(error => error.Field == id).Select(error => error.Code)];
        Assert.Equal(expectedCodes.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NumberAboveMaximum_MessageStatesValueAndLimit()
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers["PD03"] = 101);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal("El valor 101 és superior al màxim permès (100).", problem.Message.Ca);
        Assert.Equal("El valor 101 es superior al máximo permitido (100).", problem.Message.Es);
    }

    [Fact]
    public void Validate_LargeNumber_MessageGroupsThousands()
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers["DG02"] = 1_000_001);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal("El valor 1.000.001 és superior al màxim permès (1.000.000).", problem.Message.Ca);
    }

    [Fact]
    public void Validate_DecomposedAccent_CountsAsOneCharacter()
    {
        string decomposed = new string('x', 49) + "a\u0300";
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers["PD08"] = decomposed);

        Assert.Empty(result.Errors);
        Assert.Equal(new string('x', 49) + "à", ((TextAnswer)result.Submission!.Answers["PD08"]).Text);
    }

    [Fact]
    public void Validate_UnpairedSurrogate_IsInvalidText()
    {
        string json = SubmissionSamples.ReadText("valid-full.json").Replace("\"CP04a\": \"", "\"CP04a\": \"\\ud800", StringComparison.Ordinal);

        SubmissionValidationResult result = SubmissionSamples.Validate(json);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("CP04a", ProblemCodes.InvalidText), (problem.Field, problem.Code));
    }

    [Fact]
    public void Validate_LanguageWithInvalidUtf8_IsUnknownLanguage()
    {
        byte[] json = Encoding.UTF8.GetBytes(SubmissionSamples.ReadText("valid-full.json").Replace("\"language\": \"ca\"", "\"language\": \"c?\"", StringComparison.Ordinal));
        json[Array.IndexOf(json, (byte)'?')] = 0xE0;
        using JsonDocument document = JsonDocument.Parse(json);

        SubmissionValidationResult result = BalanceSubmissionValidator.Validate(document.RootElement, QuestionnaireCatalog.LoadEmbedded(), SubmissionSamples.SubmissionDate);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("language", ProblemCodes.UnknownLanguage), (problem.Field, problem.Code));
    }

    [Fact]
    public void Validate_EmptyAnswers_ReportsEveryMandatoryIndicator()
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"] = new JsonObject();
        QuestionnaireDefinition definition = SubmissionSamples.Catalog.Current;

        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        string[] mandatory = [.. definition.Indicators.Where(indicator => indicator.Required == AnswerRequirement.Mandatory).Select(indicator => indicator.Id)];
        Assert.Equal(mandatory, result.Errors.Select(error => error.Field));
        Assert.All(result.Errors, error => Assert.Equal(ProblemCodes.Required, error.Code));
    }

    [Theory]
    [InlineData("PD01", "0", "PD02", "28", ProblemCodes.NotApplicable)]
    [InlineData("PD01", "3", "PD02", null, ProblemCodes.RequiredByCondition)]
    [InlineData("PD06", "false", "PD06a", "\"Una descripció.\"", ProblemCodes.NotApplicable)]
    [InlineData("PD06", "true", "PD06a", null, ProblemCodes.RequiredByCondition)]
    [InlineData("IR06", "false", "IR06a", "310", ProblemCodes.NotApplicable)]
    [InlineData("IR06", "true", "IR06a", null, ProblemCodes.RequiredByCondition)]
    [InlineData("IR07", "[\"joves\"]", "IR07a", "\"Persones en atur\"", ProblemCodes.NotApplicable)]
    [InlineData("IR07", "[\"altres\"]", "IR07a", null, ProblemCodes.RequiredByCondition)]
    [InlineData("IR07", null, "IR07a", "\"Persones en atur\"", ProblemCodes.NotApplicable)]
    [InlineData("CP04", "false", "CP04a", "\"Compostatge\"", ProblemCodes.NotApplicable)]
    [InlineData("CP04", "true", "CP04a", null, ProblemCodes.RequiredByCondition)]
    public void Validate_ConditionalPresence_ReportsExpectedCode(string source, string? sourceJson, string dependant, string? dependantJson, string expectedCode)
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers =>
        {
            SetOrRemove(answers, source, sourceJson);
            SetOrRemove(answers, dependant, dependantJson);
        });

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(dependant, problem.Field);
        Assert.Equal(expectedCode, problem.Code);
    }

    [Theory]
    [InlineData("PD01", "0", "PD02", null)]
    [InlineData("PD06", "false", "PD06a", null)]
    [InlineData("IR07", null, "IR07a", null)]
    [InlineData("IR07", "[\"joves\"]", "IR07a", null)]
    public void Validate_ConditionFalseAndAbsent_IsValid(string source, string? sourceJson, string dependant, string? dependantJson)
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers =>
        {
            SetOrRemove(answers, source, sourceJson);
            SetOrRemove(answers, dependant, dependantJson);
        });

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Validate_ConditionSourceOfWrongType_ChecksDependantNeitherWay()
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers["PD06"] = "sí");

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal("PD06", problem.Field);
    }

    [Fact]
    public void Validate_ConditionSourceNotAvailable_AllowsDependantEitherWay()
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"]!.AsObject().Remove("PD01");
        body["notAvailable"] = new JsonObject { ["PD01"] = "No consta a les actes." };

        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Validate_NotAvailableOnNotApplicableIndicator_IsError()
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"]!["PD01"] = 0;
        body["answers"]!.AsObject().Remove("PD02");
        body["notAvailable"] = new JsonObject { ["PD02"] = "No ho sabem." };

        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("PD02", ProblemCodes.NotApplicable), (problem.Field, problem.Code));
    }

    [Fact]
    public void Validate_UpperBoundError_AtEqualityIsValid()
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers["AT03"] = 148);

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Validate_UpperBoundError_AboveIsGreaterThan()
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers["AT03"] = 149);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("AT03", ProblemCodes.GreaterThan), (problem.Field, problem.Code));
        Assert.Contains("149", problem.Message.Ca, StringComparison.Ordinal);
        Assert.Contains("148", problem.Message.Ca, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AttendanceAboveMembersAndVolunteers_Warns()
    {
        // DG02 + DG03 = 86 + 34 = 120.
        SubmissionValidationResult atBound = SubmissionSamples.ValidateFullWith(answers => answers["PD02"] = 120);
        SubmissionValidationResult aboveBound = SubmissionSamples.ValidateFullWith(answers => answers["PD02"] = 121);

        Assert.Empty(atBound.Warnings);
        Assert.NotNull(aboveBound.Submission);
        ValidationProblem warning = Assert.Single(aboveBound.Warnings);
        Assert.Equal(("PD02", ProblemCodes.GreaterThan, ProblemSeverity.Warning), (warning.Field, warning.Code, warning.Severity));
        Assert.Contains("la suma de DG02", warning.Message.Ca, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VolunteerHoursAboveTwoThousandPerVolunteer_Warns()
    {
        // DG03 × 2000 = 34 × 2000 = 68,000.
        SubmissionValidationResult atBound = SubmissionSamples.ValidateFullWith(answers => answers["IR04"] = 68_000);
        SubmissionValidationResult aboveBound = SubmissionSamples.ValidateFullWith(answers => answers["IR04"] = 68_001);

        Assert.Empty(atBound.Warnings);
        Assert.NotNull(aboveBound.Submission);
        ValidationProblem warning = Assert.Single(aboveBound.Warnings);
        Assert.Equal(("IR04", ProblemCodes.GreaterThan, ProblemSeverity.Warning), (warning.Field, warning.Code, warning.Severity));
        Assert.Contains("2.000 vegades DG03", warning.Message.Ca, StringComparison.Ordinal);
        Assert.Contains("68.000", warning.Message.Es, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RuleWithInvalidTerm_IsSkipped()
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers =>
        {
            answers["AT03"] = 30;
            answers["IR01"] = "deu";
        });

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal("IR01", problem.Field);
    }

    [Theory]
    [InlineData("IR04", "\"No en portem registre.\"", null)]
    [InlineData("IR04", "\"\"", ProblemCodes.NotAvailableReasonMissing)]
    [InlineData("IR04", "\"   \"", ProblemCodes.NotAvailableReasonMissing)]
    [InlineData("IR04", "12", ProblemCodes.NotAvailableReasonWrongType)]
    [InlineData("PD03", "\"No ho sabem.\"", null)]
    [InlineData("DG04", "\"No ho sabem.\"", null)]
    [InlineData("CP03", "\"No ho sabem.\"", ProblemCodes.NotAvailableNotNumeric)]
    [InlineData("PD08", "\"No ho sabem.\"", ProblemCodes.NotAvailableNotNumeric)]
    public void Validate_NotAvailableCase_ReportsExpectedCode(string id, string reasonJson, string? expectedCode)
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"]!.AsObject().Remove(id);
        body["notAvailable"] = new JsonObject { [id] = JsonNode.Parse(reasonJson) };

        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        string[] codes = [.. result.Errors.Where(error => error.Field == id).Select(error => error.Code)];
        if (expectedCode is null)
        {
            Assert.Empty(codes);
        }
        else
        {
            Assert.Contains(expectedCode, codes);
        }
    }

    [Fact]
    public void Validate_NotAvailableReasonLength_AllowsThreeHundred()
    {
        SubmissionValidationResult atLimit = ValidateWithReason(new string('r', 300));
        SubmissionValidationResult aboveLimit = ValidateWithReason(new string('r', 301));

        Assert.Empty(atLimit.Errors);
        ValidationProblem problem = Assert.Single(aboveLimit.Errors);
        Assert.Equal(ProblemCodes.NotAvailableReasonTooLong, problem.Code);
    }

    [Fact]
    public void Validate_NumericAnsweredAndNotAvailable_IsError()
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["notAvailable"] = new JsonObject { ["IR04"] = "No en portem registre." };

        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("IR04", ProblemCodes.NotAvailableAndAnswered), (problem.Field, problem.Code));
    }

    [Theory]
    [InlineData("ZZ99", "L'indicador «ZZ99» no existeix al qüestionari 2026.1.")]
    [InlineData("dg02", "potser és DG02?")]
    public void Validate_UnknownIndicator_IsErrorWithHint(string id, string expectedFragment)
    {
        SubmissionValidationResult result = SubmissionSamples.ValidateFullWith(answers => answers[id] = 1);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal((id, ProblemCodes.UnknownIndicator), (problem.Field, problem.Code));
        Assert.Contains(expectedFragment, problem.Message.Ca, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IndicatorOfAnotherVersion_NamesThatVersion()
    {
        QuestionnaireDefinition current = SubmissionSamples.Catalog.Current;
        IndicatorDefinition extra = new("XX01", new LocalizedText("Nou", "Nuevo"), IndicatorType.Bool, AnswerRequirement.Optional);
        DimensionDefinition[] dimensions = [.. current.Dimensions.Select((dimension, index) =>
            index == 0 ? dimension with { Indicators = [.. dimension.Indicators, extra] } : dimension)];
        var catalog = new QuestionnaireCatalog([current, new QuestionnaireDefinition("2027.1", current.Likert5Labels, dimensions, current.Rules)]);
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"]!["XX01"] = true;

        using var document = System.Text.Json.JsonDocument.Parse(body.ToJsonString());
        SubmissionValidationResult result = BalanceSubmissionValidator.Validate(document.RootElement, catalog, SubmissionSamples.SubmissionDate);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("XX01", ProblemCodes.UnknownIndicator), (problem.Field, problem.Code));
        Assert.Contains("2027.1", problem.Message.Ca, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateAnswerKey_IsError()
    {
        string json = SubmissionSamples.ReadText("valid-full.json").Replace("\"DG02\": 86,", "\"DG02\": 86, \"DG02\": 87,", StringComparison.Ordinal);

        SubmissionValidationResult result = SubmissionSamples.Validate(json);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("DG02", ProblemCodes.DuplicateField), (problem.Field, problem.Code));
    }

    private static SubmissionValidationResult ValidateWithReason(string reason)
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"]!.AsObject().Remove("IR04");
        body["notAvailable"] = new JsonObject { ["IR04"] = reason };
        return SubmissionSamples.Validate(body);
    }

    private static void SetOrRemove(JsonObject answers, string id, string? json)
    {
        if (json is null)
        {
            answers.Remove(id);
        }
        else
        {
            answers[id] = JsonNode.Parse(json);
        }
    }
}
