using System.Globalization;
using System.Text.Json;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.EndToEnd.Tests;

/// <summary>One of the sample balances in data/balances and the questionnaire it answers.</summary>
public sealed class SampleBalance
{
    private SampleBalance(string fileName, JsonElement body, JsonElement definition)
    {
        this.FileName = fileName;
        this.Body = body;
        this.Definition = definition;
    }

    public string FileName { get; }

    public JsonElement Body { get; }

    /// <summary>The questionnaire definition, as <c>GET /api/questionnaires/current</c> returns it.</summary>
    public JsonElement Definition { get; }

    public string Language => this.Body.GetProperty("language").GetString()!;

    public JsonElement Answers => this.Body.GetProperty("answers");

    public JsonElement NotAvailable => this.Body.GetProperty("notAvailable");

    public static async Task<SampleBalance> LoadAsync(string fileName)
    {
        string root = SiteFixture.RepositoryRoot;
        JsonElement body = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(Path.Combine(root, "data", "balances", fileName)));
        JsonElement definition = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(Path.Combine(root, "src", "Domain", "Questionnaire", "Versions", "2026.1.json")));
        return new SampleBalance(fileName, body, definition);
    }

    /// <summary>The indicators in the order the form shows them.</summary>
    public IEnumerable<JsonElement> Indicators() =>
        this.Definition.GetProperty("dimensions").EnumerateArray().SelectMany(dimension => dimension.GetProperty("indicators").EnumerateArray());

    public JsonElement? Indicator(string id) =>
        this.Indicators().Where(indicator => indicator.GetProperty("id").GetString() == id).Cast<JsonElement?>().FirstOrDefault();

    /// <summary>
    /// Returns each answer as the PDF prints it (numbers with a decimal comma, dates as dd/MM/yyyy,
    /// option and scale labels in the balance's language), and each "not available" reason.
    /// </summary>
    public IEnumerable<(string Id, string Text)> PrintedAnswers()
    {
        Language language = this.Language == "es" ? Domain.Language.Es : Domain.Language.Ca;
        foreach (JsonProperty answer in this.Answers.EnumerateObject())
        {
            JsonElement indicator = this.Indicator(answer.Name)!.Value;
            string type = indicator.GetProperty("type").GetString()!;
            JsonElement value = answer.Value;
            string text = type switch
            {
                "int" or "decimal" => LocalFormat.Number(value.GetDecimal(), language),
                "pct" => LocalFormat.Number(value.GetDecimal(), language) + "\u00A0%",
                "bool" => value.GetBoolean() ? "Sí" : "No",
                "likert5" => $"{this.Definition.GetProperty("likert5Labels")[value.GetInt32() - 1].GetProperty(this.Language).GetString()} ({value.GetInt32()})",
                "select" => OptionLabel(indicator, value.GetString()!),
                "multi" => string.Join(", ", indicator.GetProperty("options").EnumerateArray()
                    .Where(option => value.EnumerateArray().Any(code => code.GetString() == option.GetProperty("code").GetString()))
                    .Select(option => option.GetProperty("label").GetProperty(this.Language).GetString())),
                "period" => $"{Date(value.GetProperty("from"))} – {Date(value.GetProperty("to"))}",
                _ => value.GetString()!,
            };
            yield return (answer.Name, text);
        }

        foreach (JsonProperty reason in this.NotAvailable.EnumerateObject())
        {
            yield return (reason.Name, reason.Value.GetString()!);
        }

        string OptionLabel(JsonElement indicator, string code) => indicator.GetProperty("options").EnumerateArray()
            .First(option => option.GetProperty("code").GetString() == code).GetProperty("label").GetProperty(this.Language).GetString()!;
    }

    private static string Date(JsonElement value) =>
        LocalFormat.Date(DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
}
