using System.Text.RegularExpressions;

namespace BalancFunctions.Domain.Questionnaire;

/// <summary>
/// Checks the rules of a questionnaire definition that the JSON shape cannot express: unique
/// ids and option codes, both languages present, consistent limits, and conditions and rules
/// that refer to existing indicators of a fitting type.
/// </summary>
public static partial class QuestionnaireDefinitionChecker
{
    /// <summary>Checks a definition and throws if it breaks any rule.</summary>
    /// <exception cref="InvalidQuestionnaireException">The definition breaks at least one rule; all are listed.</exception>
    public static void Check(QuestionnaireDefinition definition, string source)
    {
        ArgumentNullException.ThrowIfNull(definition);
        List<string> problems = FindProblems(definition);
        if (problems.Count > 0)
        {
            throw new InvalidQuestionnaireException(source, problems);
        }
    }

    /// <summary>Returns every rule the definition breaks, one sentence each; empty when it is valid.</summary>
    public static List<string> FindProblems(QuestionnaireDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();

        if (!Version.TryParse(definition.Version, out Version? parsed) || parsed.ToString() != definition.Version)
        {
            problems.Add($"version: '{definition.Version}' is not a version such as 2026.1 (two to four dot-separated numbers, no leading zeros).");
        }

        if (definition.Likert5Labels.Count != 5)
        {
            problems.Add($"likert5Labels: exactly 5 labels are required, found {definition.Likert5Labels.Count}.");
        }

        for (int index = 0; index < definition.Likert5Labels.Count; index++)
        {
            CheckText(definition.Likert5Labels[index], $"likert5Labels[{index}]", problems);
        }

        if (definition.Dimensions.Count == 0)
        {
            problems.Add("dimensions: at least one block is required.");
        }

        var dimensionIds = new HashSet<string>(StringComparer.Ordinal);
        var indicatorIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (DimensionDefinition dimension in definition.Dimensions)
        {
            string path = $"dimension {dimension.Id}";
            if (!IdPattern().IsMatch(dimension.Id))
            {
                problems.Add($"{path}: the id '{dimension.Id}' must be 1 to 16 ASCII letters or digits.");
            }
            else if (!dimensionIds.Add(dimension.Id))
            {
                problems.Add($"{path}: the id appears more than once.");
            }

            CheckText(dimension.Title, $"{path}.title", problems);
            if (dimension.Indicators.Count == 0)
            {
                problems.Add($"{path}: at least one indicator is required.");
            }

            foreach (IndicatorDefinition indicator in dimension.Indicators)
            {
                if (!IdPattern().IsMatch(indicator.Id))
                {
                    problems.Add($"indicator '{indicator.Id}': the id must be 1 to 16 ASCII letters or digits.");
                }
                else if (!indicatorIds.Add(indicator.Id))
                {
                    problems.Add($"indicator {indicator.Id}: the id appears more than once.");
                }

                CheckIndicator(indicator, definition, problems);
            }
        }

        CheckConditionCycles(definition, problems);
        foreach (UpperBoundRule rule in definition.Rules)
        {
            CheckRule(rule, definition, problems);
        }

        return problems;
    }

    private static void CheckIndicator(IndicatorDefinition indicator, QuestionnaireDefinition definition, List<string> problems)
    {
        string path = $"indicator {indicator.Id}";
        CheckText(indicator.Label, $"{path}.label", problems);
        if (indicator.Help is not null)
        {
            CheckText(indicator.Help, $"{path}.help", problems);
        }

        switch (indicator.Type)
        {
            case IndicatorType.WholeNumber or IndicatorType.DecimalNumber or IndicatorType.Percentage:
                if (indicator.Minimum is null || indicator.Maximum is null)
                {
                    problems.Add($"{path}: a numeric indicator needs min and max.");
                }
                else if (indicator.Minimum > indicator.Maximum)
                {
                    problems.Add($"{path}: min ({indicator.Minimum}) is greater than max ({indicator.Maximum}).");
                }

                if (indicator.MaxDecimals is < 0 or > 6 || (indicator.Type == IndicatorType.WholeNumber && indicator.MaxDecimals != 0))
                {
                    problems.Add($"{path}: maxDecimals must be 0 for int and between 0 and 6 otherwise.");
                }

                break;
            case IndicatorType.Text:
                if (indicator.MaxLength is null or < 1)
                {
                    problems.Add($"{path}: a text indicator needs maxLength of at least 1.");
                }
                else if (indicator.MinLength < 1 || indicator.MinLength > indicator.MaxLength)
                {
                    problems.Add($"{path}: minLength must be between 1 and maxLength ({indicator.MaxLength}).");
                }

                break;
            case IndicatorType.Select or IndicatorType.Multi:
                CheckOptions(indicator, path, problems);
                break;
            case IndicatorType.Period:
                if (indicator.MaxMonths is < 1)
                {
                    problems.Add($"{path}: maxMonths must be at least 1.");
                }

                break;
            default:
                break;
        }

        if (indicator.Required == AnswerRequirement.Conditional && indicator.Condition is null)
        {
            problems.Add($"{path}: a conditional indicator needs a condition.");
        }
        else if (indicator.Required != AnswerRequirement.Conditional && indicator.Condition is not null)
        {
            problems.Add($"{path}: only a conditional indicator may have a condition.");
        }

        if (indicator.Condition is not null)
        {
            CheckCondition(indicator, indicator.Condition, definition, problems);
        }
    }

    private static void CheckOptions(IndicatorDefinition indicator, string path, List<string> problems)
    {
        if (indicator.Options.Count == 0)
        {
            problems.Add($"{path}: a select or multi indicator needs at least one option.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (OptionDefinition option in indicator.Options)
        {
            if (!OptionCodePattern().IsMatch(option.Code))
            {
                problems.Add($"{path}: the option code '{option.Code}' must be kebab-case (lowercase ASCII letters, digits and single hyphens).");
            }
            else if (!codes.Add(option.Code))
            {
                problems.Add($"{path}: the option code '{option.Code}' appears more than once.");
            }

            CheckText(option.Label, $"{path}.options.{option.Code}", problems);
        }
    }

    private static void CheckCondition(IndicatorDefinition indicator, AnswerCondition condition, QuestionnaireDefinition definition, List<string> problems)
    {
        string path = $"indicator {indicator.Id}.condition";
        if (condition.Indicator == indicator.Id)
        {
            problems.Add($"{path}: an indicator cannot depend on itself.");
            return;
        }

        if (!definition.TryGetIndicator(condition.Indicator, out IndicatorDefinition? source))
        {
            problems.Add($"{path}: refers to the unknown indicator '{condition.Indicator}'.");
            return;
        }

        int valueCount = (condition.BooleanValue is null ? 0 : 1) + (condition.NumberValue is null ? 0 : 1) + (condition.OptionValue is null ? 0 : 1);
        bool fits = source.Type switch
        {
            IndicatorType.Bool => condition.Operator is ConditionOperator.Eq or ConditionOperator.Ne && condition.BooleanValue is not null,
            IndicatorType.WholeNumber or IndicatorType.DecimalNumber or IndicatorType.Percentage or IndicatorType.Likert5 =>
                condition.Operator != ConditionOperator.Contains && condition.NumberValue is not null,
            IndicatorType.Select => condition.Operator is ConditionOperator.Eq or ConditionOperator.Ne && condition.OptionValue is not null,
            IndicatorType.Multi => condition.Operator == ConditionOperator.Contains && condition.OptionValue is not null,
            _ => false,
        };
        if (!fits || valueCount != 1)
        {
            problems.Add(
                $"{path}: the operator and value do not fit the {source.Type} indicator {source.Id}: use eq/ne with true/false for bool, "
                + "eq/ne/gt/ge/lt/le with a number for numbers and likert5, eq/ne with an option code for select, contains with an option code for multi; "
                + "text and period indicators cannot be conditions.");
        }
        else if (condition.OptionValue is not null && source.FindOption(condition.OptionValue) is null)
        {
            problems.Add($"{path}: '{condition.OptionValue}' is not an option of {source.Id}.");
        }
    }

    private static void CheckConditionCycles(QuestionnaireDefinition definition, List<string> problems)
    {
        foreach (IndicatorDefinition start in definition.Indicators)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal) { start.Id };
            IndicatorDefinition current = start;
            while (current.Condition is not null && definition.TryGetIndicator(current.Condition.Indicator, out IndicatorDefinition? next))
            {
                if (next.Id == start.Id)
                {
                    problems.Add($"indicator {start.Id}.condition: the conditions form a cycle through {string.Join(", ", visited)}.");
                    break;
                }

                if (!visited.Add(next.Id))
                {
                    break;
                }

                current = next;
            }
        }
    }

    private static void CheckRule(UpperBoundRule rule, QuestionnaireDefinition definition, List<string> problems)
    {
        string path = $"rule at-most {rule.Indicator}";
        if (!definition.TryGetIndicator(rule.Indicator, out IndicatorDefinition? indicator) || !indicator.IsNumeric)
        {
            problems.Add($"{path}: '{rule.Indicator}' is not a numeric indicator of this version.");
        }

        if (rule.Terms.Count == 0)
        {
            problems.Add($"{path}: at least one term is required.");
        }

        foreach (string term in rule.Terms)
        {
            if (!definition.TryGetIndicator(term, out IndicatorDefinition? termIndicator) || !termIndicator.IsNumeric)
            {
                problems.Add($"{path}: the term '{term}' is not a numeric indicator of this version.");
            }
            else if (term == rule.Indicator)
            {
                problems.Add($"{path}: an indicator cannot bound itself.");
            }
        }

        if (rule.Factor <= 0)
        {
            problems.Add($"{path}: the factor must be greater than 0.");
        }
    }

    private static void CheckText(LocalizedText text, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text.Ca))
        {
            problems.Add($"{path}: the Catalan text (ca) is missing or blank.");
        }

        if (string.IsNullOrWhiteSpace(text.Es))
        {
            problems.Add($"{path}: the Spanish text (es) is missing or blank.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9]{1,16}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex OptionCodePattern();
}
