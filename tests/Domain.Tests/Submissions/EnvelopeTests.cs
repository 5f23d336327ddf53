using System.Text.Json.Nodes;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

public class EnvelopeTests
{
    public static TheoryData<string, string?, string> EnvelopeCases => new()
    {
        { "agreementId", null, ProblemCodes.Required },
        { "agreementId", "42", ProblemCodes.WrongType },
        { "agreementId", "\"\"", ProblemCodes.InvalidFormat },
        { "agreementId", "\"PC 2019\"", ProblemCodes.InvalidFormat },
        { "agreementId", "\"PC-2019-0001\\n\"", ProblemCodes.InvalidFormat },
        { "agreementId", $"\"{new string('A', 65)}\"", ProblemCodes.InvalidFormat },
        { "token", null, ProblemCodes.Required },
        { "token", "7", ProblemCodes.WrongType },
        { "questionnaireVersion", null, ProblemCodes.Required },
        { "questionnaireVersion", "2026.1", ProblemCodes.WrongType },
        { "questionnaireVersion", "\"2025.1\"", ProblemCodes.UnknownVersion },
        { "language", "\"fr\"", ProblemCodes.UnknownLanguage },
        { "language", "\"CA\"", ProblemCodes.UnknownLanguage },
        { "answers", null, ProblemCodes.Required },
        { "answers", "[]", ProblemCodes.WrongType },
        { "notAvailable", "\"cap\"", ProblemCodes.WrongType },
        { "extra", "1", ProblemCodes.UnknownField },
    };

    [Theory]
    [MemberData(nameof(EnvelopeCases))]
    public void Validate_EnvelopeCase_ReportsFieldAndCode(string field, string? json, string expectedCode)
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        if (json is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = JsonNode.Parse(json);
        }

        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(field, problem.Field);
        Assert.Equal(expectedCode, problem.Code);
        Assert.Null(result.Submission);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Validate_BodyNotObject_IsWrongType(string json)
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(json);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("body", ProblemCodes.WrongType), (problem.Field, problem.Code));
    }

    [Fact]
    public void Validate_AbsentLanguageAndNotAvailable_DefaultToCatalanAndEmpty()
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body.Remove("language");
        body.Remove("notAvailable");

        ValidatedSubmission? submission = SubmissionSamples.Validate(body).Submission;

        Assert.NotNull(submission);
        Assert.Equal(Language.Ca, submission.Language);
        Assert.Empty(submission.NotAvailable);
    }

    [Fact]
    public void Validate_EmptyToken_IsAccepted()
    {
        ValidatedSubmission? submission = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-full.json")).Submission;

        Assert.NotNull(submission);
        Assert.Equal(string.Empty, submission.Token);
    }

    [Fact]
    public void Validate_UnknownVersion_StillReportsOtherEnvelopeProblems()
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["questionnaireVersion"] = "1999.1";
        body["language"] = "en";
        body.Remove("token");

        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        Assert.Equal(["token", "questionnaireVersion", "language"], result.Errors.Select(error => error.Field));
    }

    [Fact]
    public void Validate_DuplicateBodyField_IsError()
    {
        string json = SubmissionSamples.ReadText("valid-full.json").Replace("\"token\": \"\",", "\"token\": \"\", \"token\": \"x\",", StringComparison.Ordinal);

        SubmissionValidationResult result = SubmissionSamples.Validate(json);

        ValidationProblem problem = Assert.Single(result.Errors);
        Assert.Equal(("token", ProblemCodes.DuplicateField), (problem.Field, problem.Code));
    }
}
