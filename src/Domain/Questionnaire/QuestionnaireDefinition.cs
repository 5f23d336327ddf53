using System.Diagnostics.CodeAnalysis;

namespace BalancFunctions.Domain.Questionnaire;

/// <summary>
/// One version of the questionnaire: its blocks of indicators, the labels of the 1–5 agreement
/// scale and the rules that compare indicators. A version that has answers is never edited: a
/// change is a new version.
/// </summary>
public sealed record QuestionnaireDefinition
{
    private readonly Dictionary<string, IndicatorDefinition> indicatorsById;

    /// <summary>
    /// Creates a definition. Ids must be unique: <see cref="QuestionnaireDefinitionChecker"/>
    /// checks that and every other rule before a catalog accepts the definition.
    /// </summary>
    public QuestionnaireDefinition(
        string version,
        IReadOnlyList<LocalizedText> likert5Labels,
        IReadOnlyList<DimensionDefinition> dimensions,
        IReadOnlyList<UpperBoundRule> rules)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        this.Version = version;
        this.Likert5Labels = likert5Labels;
        this.Dimensions = dimensions;
        this.Rules = rules;
        this.Indicators = [.. dimensions.SelectMany(dimension => dimension.Indicators)];
        this.indicatorsById = new Dictionary<string, IndicatorDefinition>(StringComparer.Ordinal);
        foreach (IndicatorDefinition indicator in this.Indicators)
        {
            this.indicatorsById.TryAdd(indicator.Id, indicator);
        }
    }

    /// <summary>The version code, such as <c>2026.1</c>: dot-separated numbers.</summary>
    public string Version { get; }

    /// <summary>The labels of the values 1 to 5 of every <see cref="IndicatorType.Likert5"/> indicator.</summary>
    public IReadOnlyList<LocalizedText> Likert5Labels { get; }

    /// <summary>The blocks of the questionnaire, in the order the form and the PDF show them.</summary>
    public IReadOnlyList<DimensionDefinition> Dimensions { get; }

    /// <summary>The rules that compare an indicator with others, checked after each answer alone.</summary>
    public IReadOnlyList<UpperBoundRule> Rules { get; }

    /// <summary>Every indicator of every block, in form order.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    /// <summary>Finds an indicator by its id (ordinal, case-sensitive).</summary>
    public bool TryGetIndicator(string id, [MaybeNullWhen(false)] out IndicatorDefinition indicator) =>
        this.indicatorsById.TryGetValue(id, out indicator);
}

/// <summary>A block of the questionnaire, such as <c>PD</c> Participació i democràcia.</summary>
public sealed record DimensionDefinition(string Id, LocalizedText Title, IReadOnlyList<IndicatorDefinition> Indicators);

/// <summary>The kinds of answer an indicator takes.</summary>
public enum IndicatorType
{
    /// <summary>A whole number (file code <c>int</c>).</summary>
    WholeNumber,

    /// <summary>A number with at most <see cref="IndicatorDefinition.MaxDecimals"/> decimals (file code <c>decimal</c>).</summary>
    DecimalNumber,

    /// <summary>A percentage, a number usually between 0 and 100 (file code <c>pct</c>).</summary>
    Percentage,

    /// <summary>Yes or no (JSON <c>true</c> or <c>false</c>).</summary>
    Bool,

    /// <summary>An agreement scale: a whole number from 1 to 5.</summary>
    Likert5,

    /// <summary>One option code.</summary>
    Select,

    /// <summary>An array of distinct option codes.</summary>
    Multi,

    /// <summary>A free text.</summary>
    Text,

    /// <summary>A date range: <c>{"from": "yyyy-MM-dd", "to": "yyyy-MM-dd"}</c>, both days included.</summary>
    Period,
}

/// <summary>Whether an indicator must be answered.</summary>
public enum AnswerRequirement
{
    /// <summary>Always required.</summary>
    Mandatory,

    /// <summary>May be left unanswered.</summary>
    Optional,

    /// <summary>Required when <see cref="IndicatorDefinition.Condition"/> holds, and not allowed otherwise.</summary>
    Conditional,
}

/// <summary>
/// One question of the questionnaire. The properties that do not apply to <see cref="Type"/>
/// keep their defaults.
/// </summary>
public sealed record IndicatorDefinition(string Id, LocalizedText Label, IndicatorType Type, AnswerRequirement Required)
{
    /// <summary>An optional explanation shown under the label.</summary>
    public LocalizedText? Help { get; init; }

    /// <summary>The condition of a <see cref="AnswerRequirement.Conditional"/> indicator; null otherwise.</summary>
    public AnswerCondition? Condition { get; init; }

    /// <summary>The lowest allowed value of a numeric indicator.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>The highest allowed value of a numeric indicator.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>The maximum number of decimals of a numeric indicator; 0 for <see cref="IndicatorType.WholeNumber"/>.</summary>
    public int MaxDecimals { get; init; }

    /// <summary>The minimum length of a text answer, in Unicode code points after trimming and NFC.</summary>
    public int MinLength { get; init; } = 1;

    /// <summary>The maximum length of a text answer, in Unicode code points after trimming and NFC.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The options of a select or multi indicator, in display order.</summary>
    public IReadOnlyList<OptionDefinition> Options { get; init; } = [];

    /// <summary>The maximum length of a period in months, both days included; null for no limit.</summary>
    public int? MaxMonths { get; init; }

    /// <summary>Whether a period must end on or before the submission date.</summary>
    public bool EndNotAfterSubmissionDate { get; init; }

    /// <summary>Whether the answer is a number that may be declared not available instead.</summary>
    public bool IsNumeric => this.Type is IndicatorType.WholeNumber or IndicatorType.DecimalNumber or IndicatorType.Percentage;

    /// <summary>Finds an option of a select or multi indicator by its code.</summary>
    public OptionDefinition? FindOption(string code) =>
        this.Options.FirstOrDefault(option => string.Equals(option.Code, code, StringComparison.Ordinal));
}

/// <summary>One option of a select or multi indicator: a stable kebab-case code and its label.</summary>
public sealed record OptionDefinition(string Code, LocalizedText Label);

/// <summary>The comparison of an <see cref="AnswerCondition"/>.</summary>
public enum ConditionOperator
{
    /// <summary>The answer equals the value (bool, select, or numeric answers).</summary>
    Eq,

    /// <summary>The answer differs from the value (bool, select, or numeric answers).</summary>
    Ne,

    /// <summary>The numeric answer is greater than the value.</summary>
    Gt,

    /// <summary>The numeric answer is greater than or equal to the value.</summary>
    Ge,

    /// <summary>The numeric answer is less than the value.</summary>
    Lt,

    /// <summary>The numeric answer is less than or equal to the value.</summary>
    Le,

    /// <summary>The multi answer includes the option code.</summary>
    Contains,
}

/// <summary>
/// The condition that makes a conditional indicator required, such as <c>PD01 &gt; 0</c>.
/// Exactly one of the value properties is set, matching the type of the source indicator:
/// <see cref="BooleanValue"/> for bool, <see cref="NumberValue"/> for numbers and likert5,
/// <see cref="OptionValue"/> for select and multi.
/// </summary>
public sealed record AnswerCondition(string Indicator, ConditionOperator Operator)
{
    /// <summary>The value compared with a bool answer.</summary>
    public bool? BooleanValue { get; init; }

    /// <summary>The value compared with a numeric or likert5 answer.</summary>
    public decimal? NumberValue { get; init; }

    /// <summary>The option code compared with a select answer, or looked for in a multi answer.</summary>
    public string? OptionValue { get; init; }
}

/// <summary>
/// A rule <c>Indicator ≤ Factor × (sum of Terms)</c>, such as AT03 ≤ IR01 or IR04 ≤ 2000 × DG03.
/// It is checked only when the indicator and every term have a valid numeric answer.
/// A breach is reported with <see cref="Severity"/> and the code <c>greater-than</c>.
/// </summary>
public sealed record UpperBoundRule(string Indicator, IReadOnlyList<string> Terms, decimal Factor, ProblemSeverity Severity);
