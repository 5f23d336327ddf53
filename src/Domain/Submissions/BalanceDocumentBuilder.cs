using BalancFunctions.Domain.Pdf;
using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// Builds the content of a balance PDF from a validated submission, in the submission's
/// language: the header facts, every indicator by block with its answer as a reader sees it,
/// the warnings, and the SHA-256 of the canonical JSON in the footer.
/// </summary>
public static class BalanceDocumentBuilder
{
    /// <summary>Builds the PDF model.</summary>
    /// <exception cref="ArgumentException">The submission answers another version, or the header names another agreement.</exception>
    public static BalancePdfModel Build(
        QuestionnaireDefinition definition,
        ValidatedSubmission submission,
        IReadOnlyList<ValidationProblem> warnings,
        BalanceDocumentHeader header)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(header);
        if (submission.QuestionnaireVersion != definition.Version)
        {
            throw new ArgumentException($"The submission answers version {submission.QuestionnaireVersion}, not {definition.Version}.", nameof(submission));
        }

        if (submission.AgreementId != header.AgreementId)
        {
            throw new ArgumentException($"The header is for agreement {header.AgreementId}, but the submission is for {submission.AgreementId}.", nameof(header));
        }

        Language language = submission.Language;
        var texts = new DocumentTexts(language);
        PdfRow[] headerRows =
        [
            new(texts.Pick("Conveni", "Convenio"), header.AgreementId),
            new(texts.Pick("Entitat", "Entidad"), header.EntityName),
            new(texts.Pick("NIF de l'entitat", "NIF de la entidad"), header.EntityNif),
            new(texts.Pick("Espai", "Espacio"), header.SpaceName),
            new(texts.Pick("Adreça de l'espai", "Dirección del espacio"), header.SpaceAddress),
            new(texts.Pick("Període avaluat", "Periodo evaluado"), EvaluatedPeriod(definition, submission)),
            new(texts.Pick("Data de presentació", "Fecha de presentación"), LocalFormat.DateTime(header.SubmittedAtLocal)),
            new(texts.Pick("Identificador de la presentació", "Identificador de la presentación"), header.SubmissionId),
            new(texts.Pick("Qüestionari", "Cuestionario"), definition.Version),
        ];

        return new BalancePdfModel(
            language.ToCode(),
            texts.Pick("Balanç Comunitari", "Balance Comunitario"),
            headerRows,
            BuildSections(definition, submission, texts),
            texts.Pick("Avisos", "Avisos"),
            [.. warnings.Select(warning => $"{warning.Field}: {warning.Message.Get(language)}")],
            $"{texts.Pick("Qüestionari", "Cuestionario")} {definition.Version} · SHA-256 {submission.Sha256}",
            texts.Pick("Pàgina", "Página"));
    }

    private static PdfSection[] BuildSections(QuestionnaireDefinition definition, ValidatedSubmission submission, DocumentTexts texts)
    {
        var parsed = submission.Answers.ToDictionary(pair => pair.Key, pair => new ParsedAnswer(pair.Value, true), StringComparer.Ordinal);
        var resolver = new RequirementResolver(definition, parsed, submission.NotAvailable.Keys.ToHashSet(StringComparer.Ordinal));

        return
        [
            .. definition.Dimensions.Select(dimension => new PdfSection(
                $"{dimension.Id} · {dimension.Title.Get(texts.Language)}",
                [.. dimension.Indicators.Select(indicator => BuildRow(definition, submission, indicator, resolver, texts))])),
        ];
    }

    private static PdfRow BuildRow(
        QuestionnaireDefinition definition,
        ValidatedSubmission submission,
        IndicatorDefinition indicator,
        RequirementResolver resolver,
        DocumentTexts texts)
    {
        string label = $"{indicator.Id} · {indicator.Label.Get(texts.Language)}";
        if (submission.NotAvailable.TryGetValue(indicator.Id, out string? reason))
        {
            return new PdfRow(label, texts.Pick("Dada no disponible", "Dato no disponible"), reason);
        }

        if (submission.Answers.TryGetValue(indicator.Id, out AnswerValue? answer))
        {
            return new PdfRow(label, FormatAnswer(definition, indicator, answer, texts));
        }

        string unanswered = resolver.StateOf(indicator) == RequirementState.NotApplicable
            ? texts.Pick("No s'aplica", "No procede")
            : texts.Pick("Sense resposta", "Sin respuesta");
        return new PdfRow(label, unanswered);
    }

    /// <summary>Formats an answer as a reader sees it, such as "Sí", "57,5 %" or "Força d'acord (4)".</summary>
    internal static string FormatAnswer(QuestionnaireDefinition definition, IndicatorDefinition indicator, AnswerValue answer, DocumentTexts texts)
    {
        Language language = texts.Language;
        return answer switch
        {
            NumberAnswer number when indicator.Type == IndicatorType.Percentage => $"{LocalFormat.Number(number.Value, language)}\u00A0%",
            NumberAnswer number => LocalFormat.Number(number.Value, language),
            BooleanAnswer boolean => boolean.Value ? "Sí" : "No",
            LikertAnswer likert => $"{definition.Likert5Labels[likert.Value - 1].Get(language)} ({likert.Value})",
            OptionAnswer option => indicator.FindOption(option.Code)?.Label.Get(language) ?? option.Code,
            OptionsAnswer options => string.Join(
                ", ",
                indicator.Options.Where(option => options.Codes.Contains(option.Code, StringComparer.Ordinal)).Select(option => option.Label.Get(language))),
            TextAnswer text => text.Text,
            PeriodAnswer period => $"{LocalFormat.Date(period.From)} – {LocalFormat.Date(period.To)}",
            _ => throw new InvalidOperationException($"The answer type {answer.GetType().Name} has no printed form."),
        };
    }

    /// <summary>Formats the answer of the first period indicator, DG01 in 2026.1, or "—" if there is none.</summary>
    private static string EvaluatedPeriod(QuestionnaireDefinition definition, ValidatedSubmission submission)
    {
        IndicatorDefinition? periodIndicator = definition.Indicators.FirstOrDefault(indicator => indicator.Type == IndicatorType.Period);
        return periodIndicator is not null && submission.Answers.TryGetValue(periodIndicator.Id, out AnswerValue? answer) && answer is PeriodAnswer period
            ? $"{LocalFormat.Date(period.From)} – {LocalFormat.Date(period.To)}"
            : "—";
    }

    /// <summary>The language of one document and a way to pick its Catalan or Spanish text.</summary>
    internal sealed record DocumentTexts(Language Language)
    {
        public string Pick(string ca, string es) => this.Language == Language.Es ? es : ca;
    }
}
