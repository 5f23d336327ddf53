using System.Text.Json;
using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// Validates the <c>answers</c> and <c>notAvailable</c> objects of one submission: each answer
/// by its type, the declarations of figures not available, required and conditional presence,
/// and the cross-indicator rules.
/// </summary>
internal sealed class AnswerSetValidator(
    QuestionnaireDefinition definition,
    QuestionnaireCatalog catalog,
    DateOnly submissionDate,
    ProblemCollector problems)
{
    private readonly AnswerParser parser = new(definition, submissionDate, problems);

    /// <summary>Returns the valid answers and the not-available reasons, both keyed by indicator id.</summary>
    public (IReadOnlyDictionary<string, AnswerValue> Answers, IReadOnlyDictionary<string, string> NotAvailable) Validate(
        JsonElement answersObject,
        JsonElement? notAvailableObject)
    {
        Dictionary<string, ParsedAnswer> parsed = this.ParseAnswers(answersObject);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (notAvailableObject is JsonElement notAvailable)
        {
            this.ReadNotAvailable(notAvailable, parsed, declared, reasons);
        }

        this.CheckPresence(parsed, declared);
        this.CheckRules(parsed);

        var answers = new SortedDictionary<string, AnswerValue>(StringComparer.Ordinal);
        foreach ((string id, ParsedAnswer answer) in parsed)
        {
            if (answer.IsValid && answer.Value is not null)
            {
                answers[id] = answer.Value;
            }
        }

        return (answers.AsReadOnly(), reasons.AsReadOnly());
    }

    private Dictionary<string, ParsedAnswer> ParseAnswers(JsonElement answersObject)
    {
        var parsed = new Dictionary<string, ParsedAnswer>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in answersObject.EnumerateObject())
        {
            string id = BalanceSubmissionValidator.PropertyName(property);
            if (!seen.Add(id))
            {
                BalanceSubmissionValidator.ReportDuplicate(id, problems);
                continue;
            }

            if (!definition.TryGetIndicator(id, out IndicatorDefinition? indicator))
            {
                this.ReportUnknownIndicator(id, inNotAvailable: false);
                continue;
            }

            if (this.parser.Parse(indicator, property.Value) is ParsedAnswer answer)
            {
                parsed[id] = answer;
            }
        }

        return parsed;
    }

    private void ReadNotAvailable(
        JsonElement notAvailable,
        Dictionary<string, ParsedAnswer> parsed,
        HashSet<string> declared,
        SortedDictionary<string, string> reasons)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in notAvailable.EnumerateObject())
        {
            string id = BalanceSubmissionValidator.PropertyName(property);
            if (!seen.Add(id))
            {
                BalanceSubmissionValidator.ReportDuplicate(id, problems);
                continue;
            }

            if (!definition.TryGetIndicator(id, out IndicatorDefinition? indicator))
            {
                this.ReportUnknownIndicator(id, inNotAvailable: true);
                continue;
            }

            string? reason = this.ReadReason(indicator, property.Value);
            if (!indicator.IsNumeric)
            {
                problems.Error(
                    id,
                    ProblemCodes.NotAvailableNotNumeric,
                    $"Només les xifres (nombres i percentatges) es poden declarar com a dada no disponible, i {id} («{indicator.Label.Ca}») no ho és. Responeu-la i traieu-la de les dades no disponibles.",
                    $"Solo las cifras (números y porcentajes) se pueden declarar como dato no disponible, y {id} («{indicator.Label.Es}») no lo es. Respóndala y quítela de los datos no disponibles.");
            }

            if (parsed.ContainsKey(id))
            {
                problems.Error(
                    id,
                    ProblemCodes.NotAvailableAndAnswered,
                    $"{id} («{indicator.Label.Ca}») té resposta i també s'ha declarat com a dada no disponible. Deixeu només una de les dues coses.",
                    $"{id} («{indicator.Label.Es}») tiene respuesta y también se ha declarado como dato no disponible. Deje solo una de las dos cosas.");
            }

            if (indicator.IsNumeric)
            {
                declared.Add(id);
                if (reason is not null && !parsed.ContainsKey(id))
                {
                    reasons[id] = reason;
                }
            }
        }
    }

    private string? ReadReason(IndicatorDefinition indicator, JsonElement element)
    {
        string? reason = element.ValueKind == JsonValueKind.String ? AnswerParser.ReadString(element) : null;
        reason = reason is null ? null : AnswerParser.NormalizeText(reason);
        if (reason is null)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.NotAvailableReasonWrongType,
                $"El motiu pel qual {indicator.Id} no està disponible ha de ser un text.",
                $"El motivo por el que {indicator.Id} no está disponible debe ser un texto.");
            return null;
        }

        int length = AnswerParser.CountCharacters(reason);
        if (length == 0)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.NotAvailableReasonMissing,
                $"Expliqueu breument per què la dada de {indicator.Id} («{indicator.Label.Ca}») no està disponible.",
                $"Explique brevemente por qué el dato de {indicator.Id} («{indicator.Label.Es}») no está disponible.");
            return null;
        }

        if (length > BalanceSubmissionValidator.MaxReasonLength)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.NotAvailableReasonTooLong,
                $"El motiu pel qual {indicator.Id} no està disponible té {LocalFormat.Number(length, Language.Ca)} caràcters i en pot tenir com a màxim {BalanceSubmissionValidator.MaxReasonLength}. Escurceu-lo.",
                $"El motivo por el que {indicator.Id} no está disponible tiene {LocalFormat.Number(length, Language.Es)} caracteres y puede tener como máximo {BalanceSubmissionValidator.MaxReasonLength}. Acórtelo.");
            return null;
        }

        return reason;
    }

    private void CheckPresence(Dictionary<string, ParsedAnswer> parsed, HashSet<string> declared)
    {
        var resolver = new RequirementResolver(definition, parsed, declared);
        foreach (IndicatorDefinition indicator in definition.Indicators)
        {
            bool present = parsed.ContainsKey(indicator.Id) || declared.Contains(indicator.Id);
            RequirementState state = resolver.StateOf(indicator);
            if (state == RequirementState.Required && !present)
            {
                this.ReportMissing(indicator);
            }
            else if (state == RequirementState.NotApplicable && present)
            {
                LocalizedText condition = RequirementResolver.Describe(indicator.Condition!, definition);
                problems.Error(
                    indicator.Id,
                    ProblemCodes.NotApplicable,
                    $"{indicator.Id} («{indicator.Label.Ca}») només es respon si {condition.Ca}, i no és el cas. Esborreu aquesta resposta o reviseu {indicator.Condition!.Indicator}.",
                    $"{indicator.Id} («{indicator.Label.Es}») solo se responde si {condition.Es}, y no es el caso. Borre esta respuesta o revise {indicator.Condition!.Indicator}.");
            }
        }
    }

    private void ReportMissing(IndicatorDefinition indicator)
    {
        string hintCa = indicator.IsNumeric ? " Si no teniu aquesta xifra, declareu-la com a dada no disponible i expliqueu-ne el motiu." : string.Empty;
        string hintEs = indicator.IsNumeric ? " Si no dispone de esta cifra, declárela como dato no disponible y explique el motivo." : string.Empty;
        if (indicator.Required == AnswerRequirement.Conditional)
        {
            LocalizedText condition = RequirementResolver.Describe(indicator.Condition!, definition);
            problems.Error(
                indicator.Id,
                ProblemCodes.RequiredByCondition,
                $"Falta la resposta a {indicator.Id} («{indicator.Label.Ca}»), que és obligatòria perquè {condition.Ca}.{hintCa}",
                $"Falta la respuesta a {indicator.Id} («{indicator.Label.Es}»), que es obligatoria porque {condition.Es}.{hintEs}");
            return;
        }

        problems.Error(
            indicator.Id,
            ProblemCodes.Required,
            $"Falta la resposta a {indicator.Id} («{indicator.Label.Ca}»), que és obligatòria.{hintCa}",
            $"Falta la respuesta a {indicator.Id} («{indicator.Label.Es}»), que es obligatoria.{hintEs}");
    }

    private void CheckRules(Dictionary<string, ParsedAnswer> parsed)
    {
        foreach (UpperBoundRule rule in definition.Rules)
        {
            decimal? value = ValidNumber(parsed, rule.Indicator);
            decimal?[] terms = [.. rule.Terms.Select(term => ValidNumber(parsed, term))];
            if (value is null || terms.Any(term => term is null))
            {
                continue;
            }

            decimal bound = rule.Factor * terms.Sum(term => term!.Value);
            if (value <= bound)
            {
                continue;
            }

            definition.TryGetIndicator(rule.Indicator, out IndicatorDefinition? indicator);
            string adviceCa = rule.Severity == ProblemSeverity.Error
                ? "Reviseu les xifres."
                : "Comproveu que sigui correcte. Aquest avís no impedeix presentar el balanç.";
            string adviceEs = rule.Severity == ProblemSeverity.Error
                ? "Revise las cifras."
                : "Compruebe que sea correcto. Este aviso no impide presentar el balance.";
            problems.Add(
                rule.Indicator,
                ProblemCodes.GreaterThan,
                rule.Severity,
                $"El valor de {rule.Indicator} («{indicator!.Label.Ca}»), {LocalFormat.Number(value.Value, Language.Ca)}, és superior a {this.DescribeBound(rule, Language.Ca)}, que és {LocalFormat.Number(bound, Language.Ca)}. {adviceCa}",
                $"El valor de {rule.Indicator} («{indicator.Label.Es}»), {LocalFormat.Number(value.Value, Language.Es)}, es superior a {this.DescribeBound(rule, Language.Es)}, que es {LocalFormat.Number(bound, Language.Es)}. {adviceEs}");
        }
    }

    private string DescribeBound(UpperBoundRule rule, Language language)
    {
        bool ca = language == Language.Ca;
        string[] terms = [.. rule.Terms.Select(term =>
        {
            definition.TryGetIndicator(term, out IndicatorDefinition? indicator);
            return $"{term} («{indicator!.Label.Get(language)}»)";
        })];
        string sum = terms.Length == 1
            ? terms[0]
            : (ca ? "la suma de " : "la suma de ") + string.Join(", ", terms[..^1]) + (ca ? " i " : " y ") + terms[^1];
        return rule.Factor == 1
            ? sum
            : $"{LocalFormat.Number(rule.Factor, language)} {(ca ? "vegades" : "veces")} {sum}";
    }

    private static decimal? ValidNumber(Dictionary<string, ParsedAnswer> parsed, string id) =>
        parsed.TryGetValue(id, out ParsedAnswer answer) && answer.IsValid && answer.Value is NumberAnswer number ? number.Value : null;

    private void ReportUnknownIndicator(string id, bool inNotAvailable)
    {
        string whereCa = inNotAvailable ? "Traieu-lo de les dades no disponibles." : "Esborreu aquesta resposta.";
        string whereEs = inNotAvailable ? "Quítelo de los datos no disponibles." : "Borre esta respuesta.";
        string quotedId = AnswerParser.Quote(id);
        QuestionnaireDefinition? other = catalog.Definitions.LastOrDefault(candidate => candidate.Version != definition.Version && candidate.TryGetIndicator(id, out _));
        IndicatorDefinition? similar = definition.Indicators.FirstOrDefault(indicator => string.Equals(indicator.Id, id, StringComparison.OrdinalIgnoreCase));
        if (other is not null)
        {
            problems.Error(
                id,
                ProblemCodes.UnknownIndicator,
                $"L'indicador {quotedId} és del qüestionari {other.Version}, no del {definition.Version} que s'està responent. {whereCa}",
                $"El indicador {quotedId} es del cuestionario {other.Version}, no del {definition.Version} que se está respondiendo. {whereEs}");
        }
        else if (similar is not null)
        {
            problems.Error(
                id,
                ProblemCodes.UnknownIndicator,
                $"L'indicador «{quotedId}» no existeix al qüestionari {definition.Version}. Els identificadors distingeixen majúscules: potser és {similar.Id}?",
                $"El indicador «{quotedId}» no existe en el cuestionario {definition.Version}. Los identificadores distinguen mayúsculas: ¿quizá es {similar.Id}?");
        }
        else
        {
            problems.Error(
                id,
                ProblemCodes.UnknownIndicator,
                $"L'indicador «{quotedId}» no existeix al qüestionari {definition.Version}. {whereCa}",
                $"El indicador «{quotedId}» no existe en el cuestionario {definition.Version}. {whereEs}");
        }
    }
}
