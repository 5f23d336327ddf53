using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Tests.Questionnaire;

public class QuestionnaireCatalogTests
{
    [Fact]
    public void LoadEmbedded_Contains2026Point1AsCurrent()
    {
        QuestionnaireCatalog catalog = QuestionnaireCatalog.LoadEmbedded();

        Assert.Contains("2026.1", catalog.Versions);
        Assert.Equal(catalog.Versions[^1], catalog.Current.Version);
        Assert.True(catalog.TryGet("2026.1", out QuestionnaireDefinition? definition));
        Assert.Equal("2026.1", definition.Version);
    }

    [Fact]
    public void TryGet_UnknownVersion_ReturnsFalse()
    {
        QuestionnaireCatalog catalog = QuestionnaireCatalog.LoadEmbedded();

        Assert.False(catalog.TryGet("2025.9", out _));
    }

    [Fact]
    public void Version2026Point1_HasTheFiveBlocksInOrder()
    {
        QuestionnaireDefinition definition = Load2026();

        Assert.Equal(["DG", "PD", "AT", "IR", "CP"], definition.Dimensions.Select(dimension => dimension.Id));
        Assert.Equal("Cura de les persones, els processos i l'entorn", definition.Dimensions[4].Title.Ca);
        Assert.Equal("Arraigo en el territorio", definition.Dimensions[2].Title.Es);
    }

    [Fact]
    public void Version2026Point1_HasEveryIndicatorOfTheSpecification()
    {
        QuestionnaireDefinition definition = Load2026();
        string[] expected =
        [
            "DG01", "DG02", "DG03", "DG04", "DG05",
            "PD01", "PD02", "PD03", "PD04", "PD05", "PD06", "PD06a", "PD07", "PD08",
            "AT01", "AT02", "AT03", "AT04", "AT05", "AT06", "AT07",
            "IR01", "IR02", "IR03", "IR04", "IR05", "IR06", "IR06a", "IR07", "IR07a", "IR08",
            "CP01", "CP02", "CP03", "CP04", "CP04a", "CP05", "CP06", "CP07", "CP08",
        ];

        Assert.Equal(expected, definition.Indicators.Select(indicator => indicator.Id));
    }

    [Theory]
    [InlineData("DG01", IndicatorType.Period, AnswerRequirement.Mandatory)]
    [InlineData("DG04", IndicatorType.DecimalNumber, AnswerRequirement.Mandatory)]
    [InlineData("PD02", IndicatorType.WholeNumber, AnswerRequirement.Conditional)]
    [InlineData("PD03", IndicatorType.Percentage, AnswerRequirement.Mandatory)]
    [InlineData("PD06a", IndicatorType.Text, AnswerRequirement.Conditional)]
    [InlineData("PD07", IndicatorType.Likert5, AnswerRequirement.Mandatory)]
    [InlineData("AT06", IndicatorType.Likert5, AnswerRequirement.Optional)]
    [InlineData("IR05", IndicatorType.WholeNumber, AnswerRequirement.Optional)]
    [InlineData("IR07", IndicatorType.Multi, AnswerRequirement.Optional)]
    [InlineData("IR07a", IndicatorType.Text, AnswerRequirement.Conditional)]
    [InlineData("CP01", IndicatorType.Bool, AnswerRequirement.Mandatory)]
    [InlineData("CP03", IndicatorType.Select, AnswerRequirement.Mandatory)]
    [InlineData("CP05", IndicatorType.WholeNumber, AnswerRequirement.Optional)]
    public void Version2026Point1_IndicatorHasSpecifiedTypeAndRequirement(string id, IndicatorType type, AnswerRequirement required)
    {
        IndicatorDefinition indicator = Indicator(id);

        Assert.Equal(type, indicator.Type);
        Assert.Equal(required, indicator.Required);
    }

    [Theory]
    [InlineData("DG02", 0, 1_000_000, 0)]
    [InlineData("DG04", 0, 500, 1)]
    [InlineData("DG05", 0, 168, 1)]
    [InlineData("PD01", 0, 366, 0)]
    [InlineData("PD03", 0, 100, 1)]
    [InlineData("AT01", 0, 200, 0)]
    public void Version2026Point1_NumericIndicatorHasSpecifiedLimits(string id, int minimum, int maximum, int maxDecimals)
    {
        IndicatorDefinition indicator = Indicator(id);

        Assert.Equal(minimum, indicator.Minimum);
        Assert.Equal(maximum, indicator.Maximum);
        Assert.Equal(maxDecimals, indicator.MaxDecimals);
    }

    [Theory]
    [InlineData("PD06a", 1, 1000)]
    [InlineData("PD08", 50, 2000)]
    [InlineData("AT07", 50, 2000)]
    [InlineData("IR07a", 1, 200)]
    [InlineData("IR08", 50, 2000)]
    [InlineData("CP04a", 1, 1000)]
    [InlineData("CP08", 50, 2000)]
    public void Version2026Point1_TextIndicatorHasSpecifiedLengths(string id, int minLength, int maxLength)
    {
        IndicatorDefinition indicator = Indicator(id);

        Assert.Equal(minLength, indicator.MinLength);
        Assert.Equal(maxLength, indicator.MaxLength);
    }

    [Fact]
    public void Version2026Point1_ConditionsAreData()
    {
        Assert.Equal(new AnswerCondition("PD01", ConditionOperator.Gt) { NumberValue = 0 }, Indicator("PD02").Condition);
        Assert.Equal(new AnswerCondition("PD06", ConditionOperator.Eq) { BooleanValue = true }, Indicator("PD06a").Condition);
        Assert.Equal(new AnswerCondition("IR06", ConditionOperator.Eq) { BooleanValue = true }, Indicator("IR06a").Condition);
        Assert.Equal(new AnswerCondition("IR07", ConditionOperator.Contains) { OptionValue = "altres" }, Indicator("IR07a").Condition);
        Assert.Equal(new AnswerCondition("CP04", ConditionOperator.Eq) { BooleanValue = true }, Indicator("CP04a").Condition);
    }

    [Fact]
    public void Version2026Point1_RulesAreData()
    {
        IReadOnlyList<UpperBoundRule> rules = Load2026().Rules;

        Assert.Equal(3, rules.Count);
        Assert.Contains(rules, rule => rule.Indicator == "AT03" && rule.Terms.SequenceEqual(["IR01"]) && rule.Factor == 1 && rule.Severity == ProblemSeverity.Error);
        Assert.Contains(rules, rule => rule.Indicator == "PD02" && rule.Terms.SequenceEqual(["DG02", "DG03"]) && rule.Factor == 1 && rule.Severity == ProblemSeverity.Warning);
        Assert.Contains(rules, rule => rule.Indicator == "IR04" && rule.Terms.SequenceEqual(["DG03"]) && rule.Factor == 2000 && rule.Severity == ProblemSeverity.Warning);
    }

    [Fact]
    public void Version2026Point1_PeriodRulesAreData()
    {
        IndicatorDefinition period = Indicator("DG01");

        Assert.Equal(24, period.MaxMonths);
        Assert.True(period.EndNotAfterSubmissionDate);
    }

    [Fact]
    public void Version2026Point1_OptionsAndLikertLabelsAreBilingual()
    {
        QuestionnaireDefinition definition = Load2026();

        Assert.Equal(
            ["infancia", "joves", "gent-gran", "persones-migrades", "diversitat-funcional", "altres"],
            Indicator("IR07").Options.Select(option => option.Code));
        Assert.Equal(["total", "parcial", "cap"], Indicator("CP03").Options.Select(option => option.Code));
        Assert.Equal(
            ["Gens d'acord", "Poc d'acord", "Mig d'acord", "Força d'acord", "Totalment d'acord"],
            definition.Likert5Labels.Select(label => label.Ca));
        Assert.All(definition.Likert5Labels, label => Assert.False(string.IsNullOrWhiteSpace(label.Es)));
    }

    [Fact]
    public void Version2026Point1_EveryLabelHasBothLanguages()
    {
        foreach (IndicatorDefinition indicator in Load2026().Indicators)
        {
            Assert.False(string.IsNullOrWhiteSpace(indicator.Label.Ca), indicator.Id);
            Assert.False(string.IsNullOrWhiteSpace(indicator.Label.Es), indicator.Id);
            Assert.NotEqual(indicator.Label.Ca, indicator.Label.Es);
        }
    }

    [Fact]
    public void Constructor_DuplicateVersion_Throws()
    {
        QuestionnaireDefinition definition = Load2026();

        var exception = Assert.Throws<InvalidQuestionnaireException>(() => new QuestionnaireCatalog([definition, definition]));

        Assert.Contains("2026.1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoDefinitions_Throws()
    {
        Assert.Throws<InvalidQuestionnaireException>(() => new QuestionnaireCatalog([]));
    }

    [Fact]
    public void Constructor_ChoosesNewestVersionNumerically()
    {
        QuestionnaireDefinition baseDefinition = Load2026();
        QuestionnaireDefinition v2 = WithVersion(baseDefinition, "2026.2");
        QuestionnaireDefinition v10 = WithVersion(baseDefinition, "2026.10");

        var catalog = new QuestionnaireCatalog([v10, baseDefinition, v2]);

        Assert.Equal(["2026.1", "2026.2", "2026.10"], catalog.Versions);
        Assert.Equal("2026.10", catalog.Current.Version);
    }

    [Fact]
    public void Constructor_InvalidDefinition_Throws()
    {
        QuestionnaireDefinition definition = WithVersion(Load2026(), "next");

        Assert.Throws<InvalidQuestionnaireException>(() => new QuestionnaireCatalog([definition]));
    }

    internal static QuestionnaireDefinition Load2026()
    {
        Assert.True(QuestionnaireCatalog.LoadEmbedded().TryGet("2026.1", out QuestionnaireDefinition? definition));
        return definition;
    }

    private static IndicatorDefinition Indicator(string id)
    {
        Assert.True(Load2026().TryGetIndicator(id, out IndicatorDefinition? indicator), id);
        return indicator;
    }

    private static QuestionnaireDefinition WithVersion(QuestionnaireDefinition definition, string version) =>
        new(version, definition.Likert5Labels, definition.Dimensions, definition.Rules);
}
