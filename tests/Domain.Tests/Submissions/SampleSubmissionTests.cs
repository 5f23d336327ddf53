using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

public class SampleSubmissionTests
{
    [Theory]
    [InlineData("valid-full.json")]
    [InlineData("valid-minimal-es.json")]
    public void Validate_ValidSample_HasNoErrors(string fileName)
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(SubmissionSamples.ReadText(fileName));

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Submission);
    }

    [Fact]
    public void Validate_ValidFull_HasNoWarnings()
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-full.json"));

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Validate_ValidMinimalEs_KeepsLanguageAndReason()
    {
        ValidatedSubmission submission = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-minimal-es.json")).Submission!;

        Assert.Equal(Language.Es, submission.Language);
        Assert.Equal("PC-2025-0017", submission.AgreementId);
        Assert.Equal("No llevamos registro de horas de voluntariado.", submission.NotAvailable["IR04"]);
        Assert.False(submission.Answers.ContainsKey("IR04"));
        Assert.False(submission.Answers.ContainsKey("PD02"));
    }

    /// <summary>
    /// The expected codes for each line of invalid.expected.txt, by field. A line's field may
    /// have more than one error (CP01 is both non-numeric and answered).
    /// </summary>
    private static readonly Dictionary<string, string[]> ExpectedCodes = new(StringComparer.Ordinal)
    {
        ["DG01"] = [ProblemCodes.PeriodOrder],
        ["DG02"] = [ProblemCodes.BelowMinimum],
        ["DG04"] = [ProblemCodes.TooManyDecimals],
        ["DG05"] = [ProblemCodes.AboveMaximum],
        ["PD02"] = [ProblemCodes.RequiredByCondition],
        ["PD03"] = [ProblemCodes.AboveMaximum],
        ["PD05"] = [ProblemCodes.WrongType],
        ["PD06a"] = [ProblemCodes.NotApplicable],
        ["PD07"] = [ProblemCodes.AboveMaximum],
        ["PD08"] = [ProblemCodes.TooShort],
        ["AT03"] = [ProblemCodes.GreaterThan],
        ["IR06a"] = [ProblemCodes.RequiredByCondition],
        ["IR07"] = [ProblemCodes.DuplicateOption],
        ["IR07a"] = [ProblemCodes.RequiredByCondition],
        ["CP03"] = [ProblemCodes.UnknownOption],
        ["ZZ99"] = [ProblemCodes.UnknownIndicator],
        ["CP01"] = [ProblemCodes.NotAvailableNotNumeric, ProblemCodes.NotAvailableAndAnswered],
    };

    [Fact]
    public void ExpectedCodes_CoverEveryLineOfExpectedFile()
    {
        string[] fields = [.. SubmissionSamples.ReadText("invalid.expected.txt")
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2)[0])];

        Assert.Equal(fields.Order(StringComparer.Ordinal), ExpectedCodes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_InvalidSample_ReportsEveryExpectedProblem()
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(SubmissionSamples.ReadText("invalid.json"));

        foreach ((string field, string[] codes) in ExpectedCodes)
        {
            string[] actual = [.. result.Errors.Where(error => error.Field == field).Select(error => error.Code)];
            Assert.True(codes.Order().SequenceEqual(actual.Order()), $"{field}: expected [{string.Join(", ", codes)}], got [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public void Validate_InvalidSample_ReportsNoOtherField()
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(SubmissionSamples.ReadText("invalid.json"));

        string[] unexpected = [.. result.Errors.Select(error => error.Field).Where(field => !ExpectedCodes.ContainsKey(field)).Distinct()];
        Assert.Empty(unexpected);
        Assert.Null(result.Submission);
    }

    [Fact]
    public void Validate_InvalidSample_EveryMessageIsBilingual()
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(SubmissionSamples.ReadText("invalid.json"));

        Assert.All(result.Errors, error =>
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message.Ca));
            Assert.False(string.IsNullOrWhiteSpace(error.Message.Es));
            Assert.NotEqual(error.Message.Ca, error.Message.Es);
            Assert.Equal(ProblemSeverity.Error, error.Severity);
        });
    }

    [Fact]
    public void Validate_InvalidSample_ErrorsFollowQuestionnaireOrder()
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(SubmissionSamples.ReadText("invalid.json"));

        Assert.Equal("DG01", result.Errors[0].Field);
        Assert.Equal("ZZ99", result.Errors[^1].Field);
    }
}
