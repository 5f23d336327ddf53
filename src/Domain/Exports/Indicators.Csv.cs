using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Domain.Exports;

/// <content>The CSV file of the indicators, for the office.</content>
public static partial class IndicatorCalculator
{
    private static readonly LocalizedText[] CsvHeader =
    [
        new("dimensió", "dimensión"),
        new("valor", "valor"),
        new("entitats", "entidades"),
        new("pregunta", "pregunta"),
        new("respostes", "respuestas"),
        new("suma", "suma"),
        new("mediana", "mediana"),
    ];

    private static readonly LocalizedText FewEntities =
        new($"menys de {MinimumGroupSize} entitats", $"menos de {MinimumGroupSize} entidades");

    private static readonly LocalizedText FewAnswers =
        new($"menys de {MinimumGroupSize} respostes", $"menos de {MinimumGroupSize} respuestas");

    private static readonly LocalizedText ProtectsSmallGroups =
        new("ocult per protegir grups petits", "oculto para proteger grupos pequeños");

    private static readonly Dictionary<string, LocalizedText> DimensionNames = new(StringComparer.Ordinal)
    {
        [AllDimension] = new("total", "total"),
        [DistrictDimension] = new("districte", "distrito"),
        [TypeDimension] = new("tipus de conveni", "tipo de convenio"),
    };

    /// <summary>
    /// Writes the groups as CSV with <see cref="CsvExport"/>: a header row in the language, then one
    /// row per group and question. Dimensions and agreement type codes are written as their names
    /// in the language. A suppressed group has "menys de 5 entitats" ("menos de 5 entidades") in
    /// place of each figure, and a hidden question "menys de 5 respostes" ("menos de 5 respuestas")
    /// in place of its answer count, sum and median. When the group or question is hidden for
    /// <see cref="SuppressionReason.Complementary"/>, those cells read "ocult per protegir grups
    /// petits" ("oculto para proteger grupos pequeños") instead. A group without questions gets one
    /// row with its entity count. Create the writer with <see cref="CsvExport.Encoding"/> so that
    /// Excel reads the accents.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="groups"/> is null.</exception>
    /// <exception cref="ArgumentException">A group, or its dimension, value or values, is null.</exception>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<IndicatorGroup> groups, Language language)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Any(group => group is null || group.Dimension is null || group.Value is null || group.Values is null))
        {
            throw new ArgumentException("An indicator group, or its dimension, value or values, is null.", nameof(groups));
        }

        CsvExport.WriteRow(writer, CsvHeader.Select(column => column.Get(language)));
        foreach (IndicatorGroup group in groups)
        {
            string dimension = DimensionNames.TryGetValue(group.Dimension, out LocalizedText? dimensionName) ? dimensionName.Get(language) : group.Dimension;
            string value = group.Dimension == TypeDimension && AgreementTypeCodes.TryParse(group.Value, out AgreementType type)
                ? AgreementTypeCodes.Name(type).Get(language)
                : group.Value;
            string entities = group.Suppressed ? GroupSuppressionText(group).Get(language) : CsvExport.FormatNumber(group.Entities);

            if (group.Values.Count == 0)
            {
                CsvExport.WriteRow(writer, [dimension, value, entities, null, null, null, null]);
                continue;
            }

            foreach (IndicatorValue indicator in group.Values)
            {
                CsvExport.WriteRow(writer, [dimension, value, entities, indicator.QuestionId, .. Figures(group, indicator, language)]);
            }
        }
    }

    // Returns the answer count, sum and median cells of one row.
    private static string[] Figures(IndicatorGroup group, IndicatorValue indicator, Language language)
    {
        if (group.Suppressed)
        {
            string text = GroupSuppressionText(group).Get(language);
            return [text, text, text];
        }

        if (indicator.Sum is not decimal sum || indicator.Median is not decimal median)
        {
            string text = (indicator.Reason == SuppressionReason.Complementary ? ProtectsSmallGroups : FewAnswers).Get(language);
            return [text, text, text];
        }

        return [CsvExport.FormatNumber(indicator.Answers), CsvExport.FormatNumber(sum), CsvExport.FormatNumber(median)];
    }

    private static LocalizedText GroupSuppressionText(IndicatorGroup group) =>
        group.Reason == SuppressionReason.Complementary ? ProtectsSmallGroups : FewEntities;
}
