using System.Text.Json;
using System.Text.Json.Serialization;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Exports;

/// <summary>The numeric answers of one entity's latest balance, with the groups the entity belongs to.</summary>
/// <param name="AgreementId">The agreement, which identifies the entity: one input per agreement.</param>
/// <param name="District">The district of the agreement's space.</param>
/// <param name="AgreementType">The agreement type, as its register code such as <c>cessio-us</c> or as any other text.</param>
/// <param name="Numbers">The numeric answers by question id. A question without an answer has no entry.</param>
public sealed record IndicatorInput(string AgreementId, string District, string AgreementType, IReadOnlyDictionary<string, decimal> Numbers);

/// <summary>The figures of one group of entities, such as the entities of one district.</summary>
/// <param name="Dimension">What the group is formed by: <c>all</c>, <c>district</c> or <c>type</c>.</param>
/// <param name="Value">The district or type the group shares, or "" for <c>all</c>.</param>
/// <param name="Entities">The number of entities in the group, or 0 when the group is suppressed.</param>
/// <param name="Suppressed">True when the group shows no figures, for the reason in <paramref name="Reason"/>.</param>
/// <param name="Values">One value per question, in the order of the question ids given.</param>
/// <param name="Reason">
/// Why the group is suppressed: <see cref="SuppressionReason.Primary"/> when it has fewer than
/// <see cref="IndicatorCalculator.MinimumGroupSize"/> entities, <see cref="SuppressionReason.Complementary"/>
/// when it is hidden so that subtraction does not reveal a smaller hidden group, or
/// <see cref="SuppressionReason.None"/> when it is shown. <see cref="IndicatorCalculator.WriteCsv"/>
/// treats a suppressed group with <see cref="SuppressionReason.None"/> as primary.
/// </param>
public sealed record IndicatorGroup(
    string Dimension,
    string Value,
    int Entities,
    bool Suppressed,
    IReadOnlyList<IndicatorValue> Values,
    SuppressionReason Reason = SuppressionReason.None);

/// <summary>The figures of one question in one group.</summary>
/// <param name="QuestionId">The question id, such as <c>DG02</c>.</param>
/// <param name="Answers">The number of entities that answered, or 0 when the figures are hidden.</param>
/// <param name="Sum">The sum of the answers, or null when hidden.</param>
/// <param name="Median">The median of the answers, the mean of the two middle ones for an even count, or null when hidden.</param>
/// <param name="Reason">
/// Why the figures are hidden: <see cref="SuppressionReason.Primary"/> when fewer than
/// <see cref="IndicatorCalculator.MinimumGroupSize"/> entities of the group answered,
/// <see cref="SuppressionReason.Complementary"/> when they are hidden so that subtraction does not
/// reveal fewer answers hidden elsewhere, or <see cref="SuppressionReason.None"/> when shown. In a
/// suppressed group every value has the group's reason.
/// </param>
public sealed record IndicatorValue(string QuestionId, int Answers, decimal? Sum, decimal? Median, SuppressionReason Reason = SuppressionReason.None);

/// <summary>The reason why indicator figures are hidden, written in JSON as <c>none</c>, <c>primary</c> or <c>complementary</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SuppressionReason>))]
public enum SuppressionReason
{
    /// <summary>The figures are shown.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>The figures come from fewer than <see cref="IndicatorCalculator.MinimumGroupSize"/> entities.</summary>
    [JsonStringEnumMemberName("primary")]
    Primary,

    /// <summary>
    /// The group or question reaches the minimum but is hidden too, because otherwise the
    /// <c>all</c> figures minus the shown figures of its dimension would reveal the figures of
    /// fewer than <see cref="IndicatorCalculator.MinimumGroupSize"/> entities.
    /// </summary>
    [JsonStringEnumMemberName("complementary")]
    Complementary,
}

/// <summary>
/// Aggregate indicators of the numeric answers of the entities' latest balances, for all entities
/// and by district and agreement type. A figure is shown only when it comes from at least
/// <see cref="MinimumGroupSize"/> entities, so that it does not describe one entity alone.
/// </summary>
public static partial class IndicatorCalculator
{
    /// <summary>The fewest entities a group, or the answers to a question within a group, must have for their figures to be shown.</summary>
    public const int MinimumGroupSize = 5;

    /// <summary>The dimension of the one group of every entity, whose value is "".</summary>
    public const string AllDimension = "all";

    /// <summary>The dimension of the groups by district.</summary>
    public const string DistrictDimension = "district";

    /// <summary>The dimension of the groups by agreement type.</summary>
    public const string TypeDimension = "type";

    /// <summary>
    /// Computes the indicators of every question for all entities, for each district and for each
    /// agreement type. The groups are sorted by dimension and then by value, ordinally, so the
    /// <c>all</c> group comes first. A group of fewer than <see cref="MinimumGroupSize"/> entities
    /// is suppressed: its entity count is 0 and every value is hidden. In a group that is shown, a
    /// question answered by fewer than <see cref="MinimumGroupSize"/> entities is hidden: its
    /// answer count is 0 and its sum and median are null.
    /// </summary>
    /// <remarks>
    /// Complementary suppression keeps a hidden figure from being worked out as the <c>all</c>
    /// figure minus the shown groups of its dimension. Within each dimension that has a suppressed
    /// group, while the suppressed groups contain fewer than <see cref="MinimumGroupSize"/> entities
    /// together, the smallest shown group is suppressed as well, until none is left. The same rule
    /// applies to each question, counting the answers of suppressed groups and of hidden questions,
    /// even when they add up to 0. Ties go to the value that sorts first, ordinally. Each group and
    /// value records in its <see cref="SuppressionReason"/> which kind of suppression hid it.
    /// NOTE: the check covers each dimension on its own. When a type's entities are exactly those of
    /// a few districts, or the reverse, a difference across the two dimensions can still reveal a
    /// hidden group, and this is not detected.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="questionIds"/> is null.</exception>
    /// <exception cref="ArgumentException">An input or one of its members is null, two inputs have the same agreement id, or a question id is null or repeated.</exception>
    /// <exception cref="OverflowException">A sum exceeds the range of <see cref="decimal"/>.</exception>
    public static IReadOnlyList<IndicatorGroup> Compute(IEnumerable<IndicatorInput> inputs, IReadOnlyList<string> questionIds)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(questionIds);
        List<IndicatorInput> entities = [.. inputs];
        CheckInputs(entities);
        CheckQuestionIds(questionIds);

        List<GroupDraft> drafts = [new GroupDraft(AllDimension, string.Empty, entities, questionIds)];
        foreach (IGrouping<string, IndicatorInput> district in entities.GroupBy(entity => entity.District, StringComparer.Ordinal))
        {
            drafts.Add(new GroupDraft(DistrictDimension, district.Key, [.. district], questionIds));
        }

        foreach (IGrouping<string, IndicatorInput> type in entities.GroupBy(entity => entity.AgreementType, StringComparer.Ordinal))
        {
            drafts.Add(new GroupDraft(TypeDimension, type.Key, [.. type], questionIds));
        }

        SuppressComplements(drafts, questionIds.Count);

        return
        [
            .. drafts
                .OrderBy(draft => draft.Dimension, StringComparer.Ordinal)
                .ThenBy(draft => draft.Group.Value, StringComparer.Ordinal)
                .Select(draft => Summarize(draft, questionIds)),
        ];
    }

    /// <summary>Returns the ids of the questions whose answer is a number (int, decimal or pct), in form order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static IReadOnlyList<string> NumericQuestionIds(QuestionnaireDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [.. definition.Indicators.Where(indicator => indicator.IsNumeric).Select(indicator => indicator.Id)];
    }

    /// <summary>
    /// Reads the numeric answers of the given questions from a submission's canonical JSON (see
    /// <see cref="SubmissionCanonicalJson"/>), from its <c>answers</c> object. A question that is
    /// not answered, whose answer is declared not available, or whose answer is not a JSON number
    /// that fits a <see cref="decimal"/> has no entry.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="canonicalJson"/> or <paramref name="questionIds"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    /// <exception cref="ArgumentException">The JSON is not an object with an <c>answers</c> object.</exception>
    public static IReadOnlyDictionary<string, decimal> NumbersOf(string canonicalJson, IReadOnlyList<string> questionIds)
    {
        ArgumentNullException.ThrowIfNull(canonicalJson);
        ArgumentNullException.ThrowIfNull(questionIds);

        using JsonDocument document = JsonDocument.Parse(canonicalJson);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("answers", out JsonElement answers)
            || answers.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The submission JSON has no \"answers\" object, so it is not a canonical submission.", nameof(canonicalJson));
        }

        var numbers = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (string questionId in questionIds)
        {
            if (answers.TryGetProperty(questionId, out JsonElement answer)
                && answer.ValueKind == JsonValueKind.Number
                && answer.TryGetDecimal(out decimal number))
            {
                numbers[questionId] = number;
            }
        }

        return numbers;
    }

    private static IndicatorGroup Summarize(GroupDraft draft, IReadOnlyList<string> questionIds)
    {
        var values = new List<IndicatorValue>(questionIds.Count);
        for (int index = 0; index < questionIds.Count; index++)
        {
            Cell question = draft.Questions[index];
            values.Add(question.Reason == SuppressionReason.None
                ? Summarize(questionIds[index], draft.Answers[index])
                : new IndicatorValue(questionIds[index], 0, null, null, question.Reason));
        }

        Cell group = draft.Group;
        bool suppressed = group.Reason != SuppressionReason.None;
        return new IndicatorGroup(draft.Dimension, group.Value, suppressed ? 0 : group.Size, suppressed, values, group.Reason);
    }

    private static IndicatorValue Summarize(string questionId, List<decimal> answers)
    {
        answers.Sort();
        int middle = answers.Count / 2;
        decimal median = answers.Count % 2 == 1 ? answers[middle] : (answers[middle - 1] + answers[middle]) / 2;
        return new IndicatorValue(questionId, answers.Count, LocalFormat.Normalize(answers.Sum()), LocalFormat.Normalize(median));
    }

    private static void CheckInputs(List<IndicatorInput> inputs)
    {
        var agreementIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (IndicatorInput? entity in inputs)
        {
            if (entity is null || entity.AgreementId is null || entity.District is null || entity.AgreementType is null || entity.Numbers is null)
            {
                throw new ArgumentException("An indicator input, or its agreement id, district, type or numbers, is null.", nameof(inputs));
            }

            if (!agreementIds.Add(entity.AgreementId))
            {
                throw new ArgumentException(
                    $"Two indicator inputs have the agreement id {entity.AgreementId}. Pass one input per agreement, from its latest balance.",
                    nameof(inputs));
            }
        }
    }

    private static void CheckQuestionIds(IReadOnlyList<string> questionIds)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? questionId in questionIds)
        {
            if (questionId is null || !seen.Add(questionId))
            {
                throw new ArgumentException($"The question ids contain {(questionId is null ? "null" : "the id " + questionId + " twice")}. Pass each question once.", nameof(questionIds));
            }
        }
    }
}
