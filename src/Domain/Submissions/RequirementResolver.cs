using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>Whether an indicator must be answered in one particular submission.</summary>
internal enum RequirementState
{
    Required,
    Optional,
    NotApplicable,

    /// <summary>The condition cannot be decided because its source is missing, invalid or not available.</summary>
    Unknown,
}

/// <summary>
/// Decides, for each indicator of a submission, whether it is required, optional or not
/// applicable. A condition on an unanswered optional or not-applicable source is false. A
/// condition whose source is missing although required, has a value of the wrong type, or is
/// declared not available is unknown, so its dependant is checked neither way.
/// </summary>
internal sealed class RequirementResolver(
    QuestionnaireDefinition definition,
    IReadOnlyDictionary<string, ParsedAnswer> answers,
    IReadOnlySet<string> notAvailable)
{
    private readonly Dictionary<string, RequirementState> states = new(StringComparer.Ordinal);

    public RequirementState StateOf(IndicatorDefinition indicator)
    {
        if (this.states.TryGetValue(indicator.Id, out RequirementState known))
        {
            return known;
        }

        // The catalog rejects cyclic conditions, so this recursion ends.
        RequirementState state = indicator.Required switch
        {
            AnswerRequirement.Mandatory => RequirementState.Required,
            AnswerRequirement.Optional => RequirementState.Optional,
            _ => this.Evaluate(indicator.Condition!) switch
            {
                true => RequirementState.Required,
                false => RequirementState.NotApplicable,
                null => RequirementState.Unknown,
            },
        };
        this.states[indicator.Id] = state;
        return state;
    }

    private bool? Evaluate(AnswerCondition condition)
    {
        IndicatorDefinition source = definition.Indicators.First(indicator => indicator.Id == condition.Indicator);
        if (notAvailable.Contains(source.Id))
        {
            return null;
        }

        if (answers.TryGetValue(source.Id, out ParsedAnswer answer))
        {
            return answer.Value is null ? null : Holds(condition, answer.Value);
        }

        return this.StateOf(source) is RequirementState.Optional or RequirementState.NotApplicable ? false : null;
    }

    internal static bool? Holds(AnswerCondition condition, AnswerValue value) => value switch
    {
        BooleanAnswer answer when condition.BooleanValue is bool expected => condition.Operator switch
        {
            ConditionOperator.Eq => answer.Value == expected,
            ConditionOperator.Ne => answer.Value != expected,
            _ => null,
        },
        NumberAnswer answer when condition.NumberValue is decimal expected => Compare(condition.Operator, answer.Value, expected),
        LikertAnswer answer when condition.NumberValue is decimal expected => Compare(condition.Operator, answer.Value, expected),
        OptionAnswer answer when condition.OptionValue is string expected => condition.Operator switch
        {
            ConditionOperator.Eq => answer.Code == expected,
            ConditionOperator.Ne => answer.Code != expected,
            _ => null,
        },
        OptionsAnswer answer when condition.OptionValue is string expected && condition.Operator == ConditionOperator.Contains =>
            answer.Codes.Contains(expected, StringComparer.Ordinal),
        _ => null,
    };

    private static bool? Compare(ConditionOperator op, decimal actual, decimal expected) => op switch
    {
        ConditionOperator.Eq => actual == expected,
        ConditionOperator.Ne => actual != expected,
        ConditionOperator.Gt => actual > expected,
        ConditionOperator.Ge => actual >= expected,
        ConditionOperator.Lt => actual < expected,
        ConditionOperator.Le => actual <= expected,
        _ => null,
    };

    /// <summary>Describes a condition for a message, such as «PD01 («Assemblees…») és més gran que 0».</summary>
    internal static LocalizedText Describe(AnswerCondition condition, QuestionnaireDefinition definition)
    {
        IndicatorDefinition source = definition.Indicators.First(indicator => indicator.Id == condition.Indicator);
        string Predicate(Language language)
        {
            bool ca = language == Language.Ca;
            string OptionLabel() => source.FindOption(condition.OptionValue ?? string.Empty)?.Label.Get(language) ?? condition.OptionValue ?? string.Empty;
            string number = condition.NumberValue is decimal value ? LocalFormat.Number(value, language) : string.Empty;
            string target = condition.BooleanValue switch
            {
                true => "«Sí»",
                false => "«No»",
                null => condition.OptionValue is not null ? $"«{OptionLabel()}»" : number,
            };
            return condition.Operator switch
            {
                ConditionOperator.Eq => ca ? $"és {target}" : $"es {target}",
                ConditionOperator.Ne => ca ? $"no és {target}" : $"no es {target}",
                ConditionOperator.Gt => ca ? $"és més gran que {number}" : $"es mayor que {number}",
                ConditionOperator.Ge => ca ? $"és igual o més gran que {number}" : $"es igual o mayor que {number}",
                ConditionOperator.Lt => ca ? $"és més petit que {number}" : $"es menor que {number}",
                ConditionOperator.Le => ca ? $"és igual o més petit que {number}" : $"es igual o menor que {number}",
                _ => ca ? $"inclou {target}" : $"incluye {target}",
            };
        }

        return new LocalizedText(
            $"{source.Id} («{source.Label.Ca}») {Predicate(Language.Ca)}",
            $"{source.Id} («{source.Label.Es}») {Predicate(Language.Es)}");
    }
}
