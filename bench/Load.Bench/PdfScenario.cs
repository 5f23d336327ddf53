using System.Diagnostics;
using System.Text.Json;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Pdf;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;
using BalancFunctions.Functions.Api;
using PdfSharp.Pdf.IO;

namespace BalancFunctions.Load.Bench;

/// <summary>The render figures of one sample balance. A sample that fails validation has only its reason.</summary>
internal sealed record PdfFigure(string Sample, string Language, string? Skipped, int Renders, Summary RenderMs, int Bytes, int Pages);

/// <summary>
/// Renders the PDF of each valid sample in data/balances with the Domain renderer, in this process
/// and on one thread: warm renders timed one by one, after unmeasured ones that load the fonts and compile the code.
/// </summary>
internal static class PdfScenario
{
    private const int WarmUpRenders = 20;

    public static IReadOnlyList<PdfFigure> Run(BenchOptions options, RunLog log)
    {
        QuestionnaireCatalog catalog = QuestionnaireCatalog.LoadEmbedded();
        using StreamReader registerReader = new(Path.Combine(options.RepositoryRoot, "data", "agreements-sample.csv"));
        Dictionary<string, Agreement> register = AgreementCsvReader.Read(registerReader).Agreements.ToDictionary(agreement => agreement.AgreementId);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        List<PdfFigure> figures = [];
        foreach (string file in Directory.GetFiles(Path.Combine(options.RepositoryRoot, "data", "balances"), "*.json").Order(StringComparer.Ordinal))
        {
            string sample = Path.GetFileName(file);
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file));
            SubmissionValidationResult validation = BalanceSubmissionValidator.Validate(document.RootElement, catalog, MadridTime.LocalDate(now));
            if (validation.Submission is not ValidatedSubmission submission || !catalog.TryGet(submission.QuestionnaireVersion, out QuestionnaireDefinition? definition))
            {
                figures.Add(new PdfFigure(sample, "-", $"invalid ({validation.Errors.Count} errors)", 0, Summary.Of([]), 0, 0));
                log.Line($"pdf: {sample} skipped, it has {validation.Errors.Count} validation errors");
                continue;
            }

            BalancePdfModel model = BalanceDocumentBuilder.Build(definition, submission, validation.Warnings, Header(register, submission, now));
            byte[] pdf = [];
            for (int render = 0; render < WarmUpRenders; render++)
            {
                pdf = BalancePdfRenderer.Render(model);
            }

            double[] times = new double[options.Renders];
            for (int render = 0; render < options.Renders; render++)
            {
                long start = Stopwatch.GetTimestamp();
                pdf = BalancePdfRenderer.Render(model);
                times[render] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            using MemoryStream stream = new(pdf);
            int pages = PdfReader.Open(stream, PdfDocumentOpenMode.Import).PageCount;
            PdfFigure figure = new(sample, model.LanguageCode, null, options.Renders, Summary.Of(times), pdf.Length, pages);
            figures.Add(figure);
            log.Line($"pdf: {sample}: {figure.RenderMs} ms, {pdf.Length} bytes, {pages} pages");
        }

        return figures;
    }

    /// <summary>Returns the header of the sample's agreement in the sample register, or of a made-up agreement when the register lacks it.</summary>
    private static BalanceDocumentHeader Header(Dictionary<string, Agreement> register, ValidatedSubmission submission, DateTimeOffset now)
    {
        string submissionId = SubmissionHandler.SubmissionIdFor(submission.Sha256);
        DateTimeOffset local = TimeZoneInfo.ConvertTime(now, MadridTime.Zone);
        return register.TryGetValue(submission.AgreementId, out Agreement? agreement)
            ? new BalanceDocumentHeader(agreement.AgreementId, agreement.EntityName, agreement.EntityNif, agreement.SpaceName, agreement.SpaceAddress, submissionId, local)
            : new BalanceDocumentHeader(submission.AgreementId, "Entitat de prova", "G52690781", "Local de prova", "Carrer de la Prova, 1, 08005 Barcelona", submissionId, local);
    }
}
