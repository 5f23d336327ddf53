using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Exports;

public sealed record IndicatorInput(string AgreementId, string District, string AgreementType, IReadOnlyDictionary<string, decimal> Numbers);

public sealed record IndicatorGroup(string Dimension, string Value, int Entities, bool Suppressed, IReadOnlyList<IndicatorValue> Values);

public sealed record IndicatorValue(string QuestionId, int Answers, decimal? Sum, decimal? Median);

/// <summary>TEMPORARY stub until the domain branch lands.</summary>
public static class IndicatorCalculator
{
    public const int MinimumGroupSize = 5;

    public static IReadOnlyList<IndicatorGroup> Compute(IEnumerable<IndicatorInput> inputs, IReadOnlyList<string> questionIds) => [];

    public static IReadOnlyList<string> NumericQuestionIds(QuestionnaireDefinition definition) => [];

    public static IReadOnlyDictionary<string, decimal> NumbersOf(string canonicalJson, IReadOnlyList<string> questionIds) => new Dictionary<string, decimal>();

    public static void WriteCsv(TextWriter writer, IReadOnlyList<IndicatorGroup> groups, Language language)
    {
    }
}
