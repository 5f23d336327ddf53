namespace BalancFunctions.Domain.Exports;

/// <content>Primary and complementary suppression of the indicator groups and their questions.</content>
public static partial class IndicatorCalculator
{
    /// <summary>
    /// Adds complementary suppression within each dimension: first of whole groups, then of each
    /// question, where the answers of a suppressed group count as hidden.
    /// </summary>
    private static void SuppressComplements(List<GroupDraft> drafts, int questionCount)
    {
        foreach (IGrouping<string, GroupDraft> dimension in drafts.GroupBy(draft => draft.Dimension, StringComparer.Ordinal))
        {
            HideComplements([.. dimension.Select(draft => draft.Group)]);

            foreach (GroupDraft draft in dimension.Where(draft => draft.Group.Reason != SuppressionReason.None))
            {
                foreach (Cell question in draft.Questions)
                {
                    question.Reason = draft.Group.Reason;
                }
            }

            for (int index = 0; index < questionCount; index++)
            {
                HideComplements([.. dimension.Select(draft => draft.Questions[index])]);
            }
        }
    }

    /// <summary>
    /// Hides the smallest shown cells of one dimension, ties by value in ordinal order, until the
    /// hidden cells contain at least <see cref="MinimumGroupSize"/> entities or answers together, or
    /// every cell is hidden. A dimension without hidden cells is left as it is.
    /// </summary>
    /// <remarks>
    /// Hidden cells that contain 0 answers also call for complementary cells, because the difference
    /// would still show that nobody in them answered.
    /// </remarks>
    private static void HideComplements(List<Cell> cells)
    {
        if (cells.TrueForAll(cell => cell.Reason == SuppressionReason.None))
        {
            return;
        }

        int hidden = cells.Where(cell => cell.Reason != SuppressionReason.None).Sum(cell => cell.Size);
        List<Cell> shown =
        [
            .. cells
                .Where(cell => cell.Reason == SuppressionReason.None)
                .OrderBy(cell => cell.Size)
                .ThenBy(cell => cell.Value, StringComparer.Ordinal),
        ];

        foreach (Cell cell in shown)
        {
            if (hidden >= MinimumGroupSize)
            {
                return;
            }

            cell.Reason = SuppressionReason.Complementary;
            hidden += cell.Size;
        }
    }

    /// <summary>One figure that may be hidden: a group, sized by its entities, or a question in a group, sized by its answers.</summary>
    private sealed class Cell(string value, int size)
    {
        /// <summary>The district or type of the group, which breaks ties between cells of the same size.</summary>
        public string Value { get; } = value;

        public int Size { get; } = size;

        public SuppressionReason Reason { get; set; } = size < MinimumGroupSize ? SuppressionReason.Primary : SuppressionReason.None;
    }

    /// <summary>The members of one group, read before suppression: the answers and a cell per question, in question order.</summary>
    private sealed class GroupDraft
    {
        public GroupDraft(string dimension, string value, List<IndicatorInput> members, IReadOnlyList<string> questionIds)
        {
            Dimension = dimension;
            Group = new Cell(value, members.Count);
            Answers = new List<decimal>[questionIds.Count];
            Questions = new Cell[questionIds.Count];
            for (int index = 0; index < questionIds.Count; index++)
            {
                List<decimal> answers = [];
                foreach (IndicatorInput member in members)
                {
                    if (member.Numbers.TryGetValue(questionIds[index], out decimal number))
                    {
                        answers.Add(number);
                    }
                }

                Answers[index] = answers;
                Questions[index] = new Cell(value, answers.Count);
            }
        }

        public string Dimension { get; }

        public Cell Group { get; }

        public List<decimal>[] Answers { get; }

        public Cell[] Questions { get; }
    }
}
