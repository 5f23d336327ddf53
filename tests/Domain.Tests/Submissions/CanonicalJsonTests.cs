using System.Text.Json.Nodes;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

public class CanonicalJsonTests
{
    [Fact]
    public void CanonicalJson_MinimalSample_HasExpectedForm()
    {
        ValidatedSubmission submission = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-minimal-es.json")).Submission!;

        Assert.StartsWith("{\"agreementId\":\"PC-2025-0017\",\"answers\":{\"AT01\":0,\"AT02\":2,", submission.CanonicalJson, StringComparison.Ordinal);
        Assert.Contains("\"DG01\":{\"from\":\"2025-07-08\",\"to\":\"2026-11-30\"}", submission.CanonicalJson, StringComparison.Ordinal);
        Assert.Contains("\"DG05\":15.5,", submission.CanonicalJson, StringComparison.Ordinal);
        Assert.EndsWith(
            "},\"notAvailable\":{\"IR04\":\"No llevamos registro de horas de voluntariado.\"},\"questionnaireVersion\":\"2026.1\"}",
            submission.CanonicalJson,
            StringComparison.Ordinal);
        Assert.DoesNotContain("token", submission.CanonicalJson, StringComparison.Ordinal);
        Assert.DoesNotContain("language", submission.CanonicalJson, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalJson_Sha256_IsLowercaseHexOfUtf8()
    {
        ValidatedSubmission submission = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-full.json")).Submission!;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(submission.CanonicalJson);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), submission.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", submission.Sha256);
    }

    [Fact]
    public void CanonicalJson_ParsesBackToSameAnswers()
    {
        ValidatedSubmission submission = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-full.json")).Submission!;
        JsonObject original = SubmissionSamples.ReadObject("valid-full.json");

        JsonObject canonical = JsonNode.Parse(submission.CanonicalJson)!.AsObject();

        Assert.Equal(original["answers"]!.AsObject().Count, canonical["answers"]!.AsObject().Count);
        Assert.Equal("Persones en situació d'atur de llarga durada", (string?)canonical["answers"]!["IR07a"]);
        Assert.Equal(["altres", "gent-gran", "infancia"], canonical["answers"]!["IR07"]!.AsArray().Select(code => (string?)code));
    }

    [Fact]
    public void Sha256_IgnoresKeyOrderSpacingAndNumberSpelling()
    {
        JsonObject reference = SubmissionSamples.ReadObject("valid-full.json");
        string baseline = Hash(reference.ToJsonString());

        JsonObject answers = reference["answers"]!.AsObject();
        var reordered = new JsonObject();
        foreach (string key in answers.Select(pair => pair.Key).Reverse().ToList())
        {
            JsonNode? value = answers[key];
            answers.Remove(key);
            reordered[key] = value;
        }

        reordered["DG04"] = JsonNode.Parse("1.50");
        reordered["DG05"] = JsonNode.Parse("42.0");
        reordered["IR02"] = JsonNode.Parse("2.3e3");
        reordered["IR07"] = new JsonArray("altres", "infancia", "gent-gran");
        reordered["PD08"] = "  " + (string?)reordered["PD08"] + "\n";
        reordered["DG01"] = new JsonObject { ["to"] = "2025-12-31", ["from"] = "2025-01-01" };
        var variant = new JsonObject
        {
            ["notAvailable"] = new JsonObject(),
            ["answers"] = reordered,
            ["language"] = "es",
            ["questionnaireVersion"] = "2026.1",
            ["token"] = "another-token",
            ["agreementId"] = "PC-2019-0001",
        };

        Assert.Equal(baseline, Hash(variant.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));
    }

    [Fact]
    public void Sha256_DecomposedAndComposedText_HashTheSame()
    {
        string composed = Hash(SubmissionSamples.ReadText("valid-full.json"));
        string decomposed = Hash(SubmissionSamples.ReadText("valid-full.json").Replace("il·luminació", "il·luminacio\u0301", StringComparison.Ordinal));

        Assert.Equal(composed, decomposed);
    }

    [Fact]
    public void Sha256_DifferentAnswer_Differs()
    {
        string baseline = Hash(SubmissionSamples.ReadText("valid-full.json"));
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"]!["DG02"] = 87;

        Assert.NotEqual(baseline, Hash(body.ToJsonString()));
    }

    [Fact]
    public void Write_EscapesQuotesBackslashesAndControls()
    {
        var answers = new Dictionary<string, AnswerValue> { ["PD06a"] = new TextAnswer("a\"b\\c\nd\u0001é") };

        string json = SubmissionCanonicalJson.Write("PC-1", "2026.1", answers, new Dictionary<string, string>());

        Assert.Equal("{\"agreementId\":\"PC-1\",\"answers\":{\"PD06a\":\"a\\\"b\\\\c\\nd\\u0001é\"},\"notAvailable\":{},\"questionnaireVersion\":\"2026.1\"}", json);
    }

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("42.0", "42")]
    [InlineData("0.0", "0")]
    [InlineData("100", "100")]
    [InlineData("1000000", "1000000")]
    public void Write_NormalisesNumbers(string input, string expected)
    {
        decimal value = decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture);
        var answers = new Dictionary<string, AnswerValue> { ["DG04"] = new NumberAnswer(value) };

        string json = SubmissionCanonicalJson.Write("PC-1", "2026.1", answers, new Dictionary<string, string>());

        Assert.Contains($"\"DG04\":{expected}}}", json, StringComparison.Ordinal);
    }

    private static string Hash(string json) => SubmissionSamples.Validate(json).Submission!.Sha256;
}
