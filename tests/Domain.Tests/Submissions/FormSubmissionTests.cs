using System.Text.Json;
using System.Text.Json.Nodes;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

public sealed class FormSubmissionTests
{
    private static readonly QuestionnaireCatalog Catalog = QuestionnaireCatalog.LoadEmbedded();
    private static readonly DateOnly SubmissionDate = new(2026, 12, 4);

    [Theory]
    [InlineData("valid-full.json")]
    [InlineData("valid-minimal-es.json")]
    public void ToJson_SampleAsFormFields_SameHashAsJson(string sample)
    {
        JsonObject json = ReadSample(sample);

        JsonObject fromForm = FormSubmission.ToJson(FormFields(json), Catalog);

        ValidatedSubmission expected = Validate(json);
        ValidatedSubmission actual = Validate(fromForm);
        Assert.Equal(expected.Sha256, actual.Sha256);
        Assert.Equal(expected.CanonicalJson, actual.CanonicalJson);
    }

    [Fact]
    public void ToJson_DecimalComma_ReadsAsNumber()
    {
        JsonObject body = FormSubmission.ToJson([Field("questionnaireVersion", "2026.1"), Field("answers.DG04", "1,5")], Catalog);

        Assert.Equal(1.5m, body["answers"]!["DG04"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("1.000", 1000)]
    [InlineData("2.500,5", 2500.5)]
    [InlineData("1.5", 1.5)]
    [InlineData("1 000", 1000)]
    public void ToJson_CatalanNumber_ReadsAsWritten(string typed, double expected)
    {
        JsonObject body = FormSubmission.ToJson([Field("questionnaireVersion", "2026.1"), Field("answers.DG04", typed)], Catalog);

        Assert.Equal((decimal)expected, body["answers"]!["DG04"]!.GetValue<decimal>());
    }

    [Fact]
    public void ToJson_EmptyField_IsNotAnswered()
    {
        JsonObject body = FormSubmission.ToJson([Field("questionnaireVersion", "2026.1"), Field("answers.AT06", ""), Field("notAvailable.IR04", " ")], Catalog);

        Assert.False(body["answers"]!.AsObject().ContainsKey("AT06"));
        Assert.False(body["notAvailable"]!.AsObject().ContainsKey("IR04"));
    }

    [Fact]
    public void ToJson_UnreadableNumber_KeptAsTextForTheValidator()
    {
        JsonObject body = FormSubmission.ToJson([Field("questionnaireVersion", "2026.1"), Field("answers.DG02", "molts")], Catalog);

        Assert.Equal("molts", body["answers"]!["DG02"]!.GetValue<string>());
    }

    /// <summary>Returns the form fields a browser would post for a JSON body.</summary>
    internal static List<KeyValuePair<string, IReadOnlyList<string>>> FormFields(JsonObject json)
    {
        List<KeyValuePair<string, IReadOnlyList<string>>> fields = [];
        foreach (string name in new[] { "agreementId", "token", "questionnaireVersion", "language" })
        {
            fields.Add(Field(name, json[name]?.GetValue<string>() ?? string.Empty));
        }

        foreach ((string id, JsonNode? value) in json["answers"]!.AsObject())
        {
            switch (value)
            {
                case JsonObject period:
                    fields.Add(Field($"answers.{id}.from", period["from"]!.GetValue<string>()));
                    fields.Add(Field($"answers.{id}.to", period["to"]!.GetValue<string>()));
                    break;
                case JsonArray options:
                    fields.Add(new($"answers.{id}", [.. options.Select(option => option!.GetValue<string>())]));
                    break;
                case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                    fields.Add(Field($"answers.{id}", text.GetValue<string>()));
                    break;
                default:
                    fields.Add(Field($"answers.{id}", value!.ToJsonString()));
                    break;
            }
        }

        foreach ((string id, JsonNode? reason) in json["notAvailable"]!.AsObject())
        {
            fields.Add(Field($"notAvailable.{id}", reason!.GetValue<string>()));
        }

        return fields;
    }

    private static KeyValuePair<string, IReadOnlyList<string>> Field(string name, string value) => new(name, [value]);

    private static ValidatedSubmission Validate(JsonObject body)
    {
        using JsonDocument document = JsonSerializer.SerializeToDocument(body);
        SubmissionValidationResult result = BalanceSubmissionValidator.Validate(document.RootElement, Catalog, SubmissionDate);
        Assert.Empty(result.Errors);
        return result.Submission!;
    }

    private static JsonObject ReadSample(string name)
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string path = Path.Combine(folder.FullName, "data", "balances", name);
            if (File.Exists(path))
            {
                return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            }
        }

        throw new FileNotFoundException(name);
    }
}
