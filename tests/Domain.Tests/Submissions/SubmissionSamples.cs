using System.Text.Json;
using System.Text.Json.Nodes;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

/// <summary>The sample bodies under data/balances and helpers to validate edited copies of them.</summary>
internal static class SubmissionSamples
{
    public static readonly DateOnly SubmissionDate = new(2026, 12, 4);

    public static QuestionnaireCatalog Catalog { get; } = QuestionnaireCatalog.LoadEmbedded();

    public static string ReadText(string fileName) => File.ReadAllText(Path.Combine(SamplesDirectory(), fileName));

    public static JsonObject ReadObject(string fileName) => JsonNode.Parse(ReadText(fileName))!.AsObject();

    public static SubmissionValidationResult Validate(string json, DateOnly? submissionDate = null)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return BalanceSubmissionValidator.Validate(document.RootElement, Catalog, submissionDate ?? SubmissionDate);
    }

    public static SubmissionValidationResult Validate(JsonNode body, DateOnly? submissionDate = null) =>
        Validate(body.ToJsonString(), submissionDate);

    /// <summary>Validates valid-full.json after an edit of its answers object.</summary>
    public static SubmissionValidationResult ValidateFullWith(Action<JsonObject> editAnswers, DateOnly? submissionDate = null)
    {
        JsonObject body = ReadObject("valid-full.json");
        editAnswers(body["answers"]!.AsObject());
        return Validate(body, submissionDate);
    }

    private static string SamplesDirectory()
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BalancFunctions.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException($"No BalancFunctions.sln above {AppContext.BaseDirectory}.")
            : Path.Combine(directory.FullName, "data", "balances");
    }
}
