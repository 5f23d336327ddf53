using System.Text.Json.Nodes;
using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Tests.Questionnaire;

/// <summary>
/// Each case edits a copy of the shipped 2026.1 file and checks that the reader rejects it
/// with a problem that names the fault.
/// </summary>
public class QuestionnaireDefinitionReaderTests
{
    [Fact]
    public void Read_ShippedFile_Succeeds()
    {
        QuestionnaireDefinition definition = QuestionnaireDefinitionReader.Read(ShippedJson(), "2026.1.json");

        Assert.Equal(40, definition.Indicators.Count);
    }

    [Fact]
    public void Read_MalformedJson_ThrowsWithSource()
    {
        var exception = Assert.Throws<InvalidQuestionnaireException>(() => QuestionnaireDefinitionReader.Read("{", "broken.json"));

        Assert.Contains("broken.json", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<JsonObject>, string> InvalidEdits => new()
    {
        { "duplicate indicator id", root => Indicator(root, "DG03")["id"] = "DG02", "DG02: the id appears more than once" },
        { "duplicate dimension id", root => Dimension(root, 1)["id"] = "DG", "dimension DG: the id appears more than once" },
        { "unknown type", root => Indicator(root, "DG02")["type"] = "integer", "unknown type 'integer'" },
        { "unknown property", root => Indicator(root, "DG02")["maximum"] = 3, "unknown property" },
        { "property of another type", root => Indicator(root, "PD05")["max"] = 3, "$.dimensions[1].indicators[4].max: unknown property" },
        { "missing Spanish label", root => Indicator(root, "DG02")["label"]!.AsObject().Remove("es"), "label.es: missing" },
        { "blank Catalan label", root => Indicator(root, "DG02")["label"]!["ca"] = " ", "the Catalan text (ca) is missing or blank" },
        { "condition on unknown indicator", root => Indicator(root, "PD02")["condition"]!["indicator"] = "PD99", "unknown indicator 'PD99'" },
        { "condition on itself", root => Indicator(root, "PD02")["condition"]!["indicator"] = "PD02", "cannot depend on itself" },
        { "condition of wrong value type", root => Indicator(root, "PD06a")["condition"]!["value"] = 1, "do not fit the Bool indicator PD06" },
        { "condition on unknown option", root => Indicator(root, "IR07a")["condition"]!["value"] = "other", "'other' is not an option of IR07" },
        { "conditional without condition", root => Indicator(root, "PD02").Remove("condition"), "a conditional indicator needs a condition" },
        { "condition on mandatory", root => Indicator(root, "PD02")["required"] = "mandatory", "only a conditional indicator may have a condition" },
        { "unknown requirement", root => Indicator(root, "DG02")["required"] = "yes", "unknown value 'yes'" },
        { "duplicate option code", root => Indicator(root, "CP03")["options"]![1]!["code"] = "total", "'total' appears more than once" },
        { "option code not kebab-case", root => Indicator(root, "CP03")["options"]![1]!["code"] = "Parcial", "must be kebab-case" },
        { "min above max", root => Indicator(root, "DG02")["min"] = 5_000_000, "is greater than max" },
        { "numeric without max", root => Indicator(root, "DG02").Remove("max"), "max: missing" },
        { "text min above max", root => Indicator(root, "PD08")["minLength"] = 3000, "minLength must be between 1 and maxLength" },
        { "four likert labels", root => root["likert5Labels"]!.AsArray().RemoveAt(0), "exactly 5 labels" },
        { "rule on unknown indicator", root => root["rules"]![0]!["indicator"] = "AT99", "'AT99' is not a numeric indicator" },
        { "rule on text indicator", root => root["rules"]![0]!["terms"] = new JsonArray("PD08"), "the term 'PD08' is not a numeric indicator" },
        { "unknown rule kind", root => root["rules"]![0]!["kind"] = "sum-equals", "unknown rule kind 'sum-equals'" },
        { "zero factor", root => root["rules"]![0]!["factor"] = 0, "the factor must be greater than 0" },
        { "bad version", root => root["version"] = "v1", "'v1' is not a version" },
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void Read_InvalidDefinition_ThrowsNamingTheProblem(string description, Action<JsonObject> edit, string expectedFragment)
    {
        ArgumentNullException.ThrowIfNull(edit);
        JsonObject root = JsonNode.Parse(ShippedJson())!.AsObject();
        edit(root);

        var exception = Assert.Throws<InvalidQuestionnaireException>(() => QuestionnaireDefinitionReader.Read(root.ToJsonString(), "edited.json"));

        Assert.True(
            exception.Problems.Any(problem => problem.Contains(expectedFragment, StringComparison.Ordinal)),
            $"{description}: expected a problem containing '{expectedFragment}', got:{Environment.NewLine}{exception.Message}");
    }

    [Fact]
    public void Read_ConditionCycle_Throws()
    {
        JsonObject root = JsonNode.Parse(ShippedJson())!.AsObject();
        JsonObject pd01 = Indicator(root, "PD01");
        pd01["required"] = "conditional";
        pd01["condition"] = new JsonObject { ["indicator"] = "PD02", ["op"] = "gt", ["value"] = 0 };

        var exception = Assert.Throws<InvalidQuestionnaireException>(() => QuestionnaireDefinitionReader.Read(root.ToJsonString(), "edited.json"));

        Assert.Contains(exception.Problems, problem => problem.Contains("the conditions form a cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_TwoProblems_ListsBoth()
    {
        JsonObject root = JsonNode.Parse(ShippedJson())!.AsObject();
        Indicator(root, "DG02")["label"]!["es"] = string.Empty;
        Indicator(root, "CP03")["options"]![2]!["code"] = "total";

        var exception = Assert.Throws<InvalidQuestionnaireException>(() => QuestionnaireDefinitionReader.Read(root.ToJsonString(), "edited.json"));

        Assert.Equal(2, exception.Problems.Count);
    }

    private static string ShippedJson()
    {
        using Stream stream = typeof(QuestionnaireCatalog).Assembly.GetManifestResourceStream("Questionnaire.2026.1.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonObject Dimension(JsonObject root, int index) => root["dimensions"]![index]!.AsObject();

    private static JsonObject Indicator(JsonObject root, string id) =>
        root["dimensions"]!.AsArray()
            .SelectMany(dimension => dimension!["indicators"]!.AsArray())
            .Single(indicator => (string?)indicator!["id"] == id)!
            .AsObject();
}
