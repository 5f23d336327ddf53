using System.Text.Json;
using System.Text.RegularExpressions;
using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// Validates a submission body against its questionnaire version and returns every problem at
/// once. The body is
/// <c>{"agreementId", "token", "questionnaireVersion", "language"?, "answers", "notAvailable"?}</c>.
/// Decisions beyond the questionnaire file:
/// <list type="bullet">
/// <item>a number without a fractional value (3.0, 1e2) is accepted as a whole number, because JSON has one number type;</item>
/// <item>JSON null, a blank text, an empty select code and an empty multi array mean "not answered";</item>
/// <item>text lengths count Unicode code points after trimming and NFC;</item>
/// <item>a period includes both days, so at most 24 months means <c>to</c> before <c>from</c> + 24 months.</item>
/// </list>
/// </summary>
public static partial class BalanceSubmissionValidator
{
    /// <summary>The maximum length of a not-available reason, in code points after trimming and NFC.</summary>
    public const int MaxReasonLength = 300;

    private static readonly string[] BodyFields = ["agreementId", "token", "questionnaireVersion", "language", "answers", "notAvailable"];

    /// <summary>Validates a submission body received on <paramref name="submissionDate"/> (a local date in Madrid).</summary>
    public static SubmissionValidationResult Validate(JsonElement body, QuestionnaireCatalog catalog, DateOnly submissionDate)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new ProblemCollector();
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems.Error(
                "body",
                ProblemCodes.WrongType,
                "El cos de la petició ha de ser un objecte JSON amb el conveni, la versió del qüestionari i les respostes.",
                "El cuerpo de la petición debe ser un objeto JSON con el convenio, la versión del cuestionario y las respuestas.");
            return Finish(problems, null, null);
        }

        Dictionary<string, JsonElement> fields = ReadFields(body, problems, field => BodyFields.Contains(field, StringComparer.Ordinal));
        string? agreementId = ReadAgreementId(fields, problems);
        string? token = ReadToken(fields, problems);
        QuestionnaireDefinition? definition = ReadVersion(fields, catalog, problems);
        Language language = ReadLanguage(fields, problems);
        JsonElement? answers = ReadObjectField(fields, "answers", required: true, problems);
        JsonElement? notAvailable = ReadObjectField(fields, "notAvailable", required: false, problems);
        if (definition is null || answers is null)
        {
            return Finish(problems, definition, null);
        }

        var answerSet = new AnswerSetValidator(definition, catalog, submissionDate, problems);
        (IReadOnlyDictionary<string, AnswerValue> validAnswers, IReadOnlyDictionary<string, string> reasons) = answerSet.Validate(answers.Value, notAvailable);
        if (problems.HasErrors || agreementId is null || token is null)
        {
            return Finish(problems, definition, null);
        }

        string canonicalJson = SubmissionCanonicalJson.Write(agreementId, definition.Version, validAnswers, reasons);
        var submission = new ValidatedSubmission(
            agreementId,
            token,
            definition.Version,
            language,
            validAnswers,
            reasons,
            canonicalJson,
            SubmissionCanonicalJson.ComputeSha256(canonicalJson));
        return Finish(problems, definition, submission);
    }

    /// <summary>
    /// Reads the properties of an object, reporting a repeated property as duplicate-field and
    /// one that <paramref name="isKnown"/> rejects as unknown-field. The first occurrence wins.
    /// </summary>
    internal static Dictionary<string, JsonElement> ReadFields(JsonElement element, ProblemCollector problems, Func<string, bool> isKnown)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string name = PropertyName(property);
            if (fields.ContainsKey(name))
            {
                ReportDuplicate(name, problems);
            }
            else if (!isKnown(name))
            {
                problems.Error(
                    name,
                    ProblemCodes.UnknownField,
                    $"El camp «{AnswerParser.Quote(name)}» no forma part d'una presentació. Els camps admesos són: {string.Join(", ", BodyFields)}.",
                    $"El campo «{AnswerParser.Quote(name)}» no forma parte de una presentación. Los campos admitidos son: {string.Join(", ", BodyFields)}.");
            }
            else
            {
                fields[name] = property.Value;
            }
        }

        return fields;
    }

    internal static void ReportDuplicate(string name, ProblemCollector problems) =>
        problems.Error(
            name,
            ProblemCodes.DuplicateField,
            $"El camp «{AnswerParser.Quote(name)}» apareix més d'una vegada. Deixeu-ne només un.",
            $"El campo «{AnswerParser.Quote(name)}» aparece más de una vez. Deje solo uno.");

    /// <summary>Returns a property name, or "?" for a name with an unpaired surrogate escape, which cannot be read.</summary>
    internal static string PropertyName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private static string? ReadAgreementId(Dictionary<string, JsonElement> fields, ProblemCollector problems)
    {
        const string Field = "agreementId";
        const string RuleCa = "L'identificador del conveni ha de tenir d'1 a 64 caràcters, només lletres, xifres o guions (per exemple, PC-2019-0001).";
        const string RuleEs = "El identificador del convenio debe tener de 1 a 64 caracteres, solo letras, cifras o guiones (por ejemplo, PC-2019-0001).";
        if (!fields.TryGetValue(Field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            problems.Error(Field, ProblemCodes.Required, $"Falta l'identificador del conveni. {RuleCa}", $"Falta el identificador del convenio. {RuleEs}");
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Error(Field, ProblemCodes.WrongType, $"L'identificador del conveni ha de ser un text. {RuleCa}", $"El identificador del convenio debe ser un texto. {RuleEs}");
            return null;
        }

        string value = AnswerParser.ReadString(element) ?? string.Empty;
        if (!AgreementIdPattern().IsMatch(value))
        {
            problems.Error(
                Field,
                ProblemCodes.InvalidFormat,
                $"L'identificador del conveni «{AnswerParser.Quote(value)}» no és vàlid. {RuleCa}",
                $"El identificador del convenio «{AnswerParser.Quote(value)}» no es válido. {RuleEs}");
            return null;
        }

        return value;
    }

    private static string? ReadToken(Dictionary<string, JsonElement> fields, ProblemCollector problems)
    {
        const string Field = "token";
        if (!fields.TryGetValue(Field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            problems.Error(
                Field,
                ProblemCodes.Required,
                "Falta el codi d'accés (token) del correu de recordatori o de l'oficina. Obriu el formulari des de l'enllaç del correu.",
                "Falta el código de acceso (token) del correo de recordatorio o de la oficina. Abra el formulario desde el enlace del correo.");
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || AnswerParser.ReadString(element) is not string token)
        {
            problems.Error(
                Field,
                ProblemCodes.WrongType,
                "El codi d'accés (token) ha de ser un text. Obriu el formulari des de l'enllaç del correu.",
                "El código de acceso (token) debe ser un texto. Abra el formulario desde el enlace del correo.");
            return null;
        }

        return token;
    }

    private static QuestionnaireDefinition? ReadVersion(Dictionary<string, JsonElement> fields, QuestionnaireCatalog catalog, ProblemCollector problems)
    {
        const string Field = "questionnaireVersion";
        string known = string.Join(", ", catalog.Versions);
        if (!fields.TryGetValue(Field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            problems.Error(
                Field,
                ProblemCodes.Required,
                $"Falta la versió del qüestionari. Versions disponibles: {known}.",
                $"Falta la versión del cuestionario. Versiones disponibles: {known}.");
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Error(
                Field,
                ProblemCodes.WrongType,
                $"La versió del qüestionari ha de ser un text, com ara «{catalog.Current.Version}».",
                $"La versión del cuestionario debe ser un texto, como «{catalog.Current.Version}».");
            return null;
        }

        string version = AnswerParser.ReadString(element) ?? string.Empty;
        if (!catalog.TryGet(version, out QuestionnaireDefinition? definition))
        {
            problems.Error(
                Field,
                ProblemCodes.UnknownVersion,
                $"El qüestionari «{AnswerParser.Quote(version)}» no existeix. Versions disponibles: {known}.",
                $"El cuestionario «{AnswerParser.Quote(version)}» no existe. Versiones disponibles: {known}.");
            return null;
        }

        return definition;
    }

    private static Language ReadLanguage(Dictionary<string, JsonElement> fields, ProblemCollector problems)
    {
        const string Field = "language";
        if (!fields.TryGetValue(Field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return Language.Ca;
        }

        string? code = element.ValueKind == JsonValueKind.String ? AnswerParser.ReadString(element) : null;
        switch (code)
        {
            case "ca":
                return Language.Ca;
            case "es":
                return Language.Es;
            default:
                // GetRawText throws on a string with invalid UTF-8, so an unreadable string is quoted as empty.
                string quotedCode = AnswerParser.Quote(code ?? (element.ValueKind == JsonValueKind.String ? string.Empty : element.GetRawText()));
                problems.Error(
                    Field,
                    ProblemCodes.UnknownLanguage,
                    $"L'idioma «{quotedCode}» no és vàlid: ha de ser «ca» (català) o «es» (castellà).",
                    $"El idioma «{quotedCode}» no es válido: debe ser «ca» (catalán) o «es» (castellano).");
                return Language.Ca;
        }
    }

    private static JsonElement? ReadObjectField(Dictionary<string, JsonElement> fields, string field, bool required, ProblemCollector problems)
    {
        if (!fields.TryGetValue(field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Error(
                    field,
                    ProblemCodes.Required,
                    $"Falta el camp «{field}», l'objecte amb les respostes per indicador.",
                    $"Falta el campo «{field}», el objeto con las respuestas por indicador.");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Error(
                field,
                ProblemCodes.WrongType,
                $"El camp «{field}» ha de ser un objecte JSON amb un valor per indicador, com ara {{\"DG02\": 45}}.",
                $"El campo «{field}» debe ser un objeto JSON con un valor por indicador, como {{\"DG02\": 45}}.");
            return null;
        }

        return element;
    }

    /// <summary>Splits the problems into errors and warnings, ordered by body field and then by questionnaire order.</summary>
    private static SubmissionValidationResult Finish(ProblemCollector problems, QuestionnaireDefinition? definition, ValidatedSubmission? submission)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal) { ["body"] = -1 };
        for (int index = 0; index < BodyFields.Length; index++)
        {
            ranks[BodyFields[index]] = index;
        }

        IReadOnlyList<IndicatorDefinition> indicators = definition?.Indicators ?? [];
        for (int index = 0; index < indicators.Count; index++)
        {
            ranks.TryAdd(indicators[index].Id, BodyFields.Length + index);
        }

        List<ValidationProblem> ordered = [.. problems.All.OrderBy(problem => ranks.GetValueOrDefault(problem.Field, int.MaxValue))];
        return new SubmissionValidationResult(
            [.. ordered.Where(problem => problem.Severity == ProblemSeverity.Error)],
            [.. ordered.Where(problem => problem.Severity == ProblemSeverity.Warning)],
            submission);
    }

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,64}\z")]
    private static partial Regex AgreementIdPattern();
}
