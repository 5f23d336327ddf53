using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// Turns a balance posted as <c>application/x-www-form-urlencoded</c> into the JSON body that the
/// validator checks, so that both forms of the same answers are validated and hashed alike.
/// </summary>
/// <remarks>
/// Field names: <c>agreementId</c>, <c>token</c>, <c>questionnaireVersion</c>, <c>language</c>;
/// <c>answers.ID</c> for each answer (a multiple choice repeats the field once per option; a period
/// is <c>answers.ID.from</c> and <c>answers.ID.to</c>); <c>notAvailable.ID</c> for the reason a figure
/// is not available. An empty field is an answer not given. Numbers take a decimal point or a
/// decimal comma, and points that group thousands (1.000) as Catalan and Spanish write them; yes/no answers take <c>true</c> or <c>false</c>. A value that does not read as its
/// indicator's type is passed on as text, so the validator reports it as the wrong type.
/// </remarks>
public static partial class FormSubmission
{
    private const string AnswersPrefix = "answers.";
    private const string NotAvailablePrefix = "notAvailable.";

    public static JsonObject ToJson(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> fields, QuestionnaireCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(catalog);
        List<KeyValuePair<string, IReadOnlyList<string>>> all = [.. fields];
        JsonObject body = [];
        JsonObject answers = [];
        JsonObject notAvailable = [];
        string? version = Last(all.FirstOrDefault(field => field.Key == "questionnaireVersion").Value);
        catalog.TryGet(version ?? string.Empty, out QuestionnaireDefinition? definition);

        foreach ((string name, IReadOnlyList<string> values) in all)
        {
            if (name.StartsWith(AnswersPrefix, StringComparison.Ordinal))
            {
                AddAnswer(answers, name[AnswersPrefix.Length..], values, definition);
            }
            else if (name.StartsWith(NotAvailablePrefix, StringComparison.Ordinal))
            {
                string reason = Last(values) ?? string.Empty;
                if (reason.Trim().Length > 0)
                {
                    notAvailable[name[NotAvailablePrefix.Length..]] = reason;
                }
            }
            else
            {
                body[name] = Last(values);
            }
        }

        body["answers"] = answers;
        body["notAvailable"] = notAvailable;
        return body;
    }

    private static void AddAnswer(JsonObject answers, string key, IReadOnlyList<string> values, QuestionnaireDefinition? definition)
    {
        string[] given = [.. values.Where(value => value.Trim().Length > 0)];
        int dot = key.IndexOf('.', StringComparison.Ordinal);
        string id = dot < 0 ? key : key[..dot];
        IndicatorDefinition? indicator = null;
        definition?.TryGetIndicator(id, out indicator);

        if (indicator?.Type == IndicatorType.Period && dot > 0)
        {
            if (given.Length > 0)
            {
                JsonObject period = answers[id] as JsonObject ?? [];
                period[key[(dot + 1)..]] = given[^1];
                answers[id] = period;
            }

            return;
        }

        if (given.Length == 0)
        {
            return;
        }

        answers[key] = indicator?.Type switch
        {
            IndicatorType.Multi => new JsonArray([.. given.Select(value => (JsonNode?)JsonValue.Create(value))]),
            IndicatorType.WholeNumber or IndicatorType.DecimalNumber or IndicatorType.Percentage or IndicatorType.Likert5 => Number(given[^1]),
            IndicatorType.Bool => given[^1] switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                string other => JsonValue.Create(other),
            },
            _ => JsonValue.Create(given[^1]),
        };
    }

    /// <summary>Catalan and Spanish group thousands with points and mark decimals with a comma: 1.000 or 2.500,5.</summary>
    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+(,\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsGrouping();

    private static string? Last(IReadOnlyList<string>? values) => values is { Count: > 0 } ? values[^1] : null;

    private static JsonValue Number(string text)
    {
        string trimmed = string.Concat(text.Where(character => !char.IsWhiteSpace(character)));
        string normalized = ThousandsGrouping().IsMatch(trimmed) ? trimmed.Replace(".", string.Empty, StringComparison.Ordinal) : trimmed;
        normalized = normalized.Contains('.', StringComparison.Ordinal) ? normalized : normalized.Replace(',', '.');
        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
            ? JsonValue.Create(value)
            : JsonValue.Create(trimmed);
    }
}
