using System.Text.Json.Nodes;
using BalancFunctions.Domain.Pdf;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Tests.Submissions;

public class BalanceDocumentBuilderTests
{
    private static readonly BalanceDocumentHeader FullHeader = new(
        "PC-2019-0001",
        "Associació Veïnal del Clot",
        "G12345678",
        "Casal del Clot",
        "Carrer de la Muntanya, 1, 08026 Barcelona",
        "S-0001",
        new DateTimeOffset(2026, 12, 4, 10, 15, 0, TimeSpan.FromHours(1)));

    [Fact]
    public void Build_CatalanSample_HasTitleHeaderAndFooter()
    {
        (BalancePdfModel model, ValidatedSubmission submission) = BuildFromSample("valid-full.json", FullHeader);

        Assert.Equal("ca", model.LanguageCode);
        Assert.Equal("Balanç Comunitari", model.Title);
        Assert.Equal("Pàgina", model.PageLabel);
        Assert.Equal($"Qüestionari 2026.1 · SHA-256 {submission.Sha256}", model.FooterText);
        Assert.Equal(
            [
                new PdfRow("Conveni", "PC-2019-0001"),
                new PdfRow("Entitat", "Associació Veïnal del Clot"),
                new PdfRow("NIF de l'entitat", "G12345678"),
                new PdfRow("Espai", "Casal del Clot"),
                new PdfRow("Adreça de l'espai", "Carrer de la Muntanya, 1, 08026 Barcelona"),
                new PdfRow("Període avaluat", "01/01/2025 – 31/12/2025"),
                new PdfRow("Data de presentació", "04/12/2026 10:15 (UTC+01:00)"),
                new PdfRow("Identificador de la presentació", "S-0001"),
                new PdfRow("Qüestionari", "2026.1"),
            ],
            model.HeaderRows);
    }

    [Fact]
    public void Build_CatalanSample_HasEveryIndicatorByBlock()
    {
        (BalancePdfModel model, _) = BuildFromSample("valid-full.json", FullHeader);
        QuestionnaireDefinition definition = SubmissionSamples.Catalog.Current;

        Assert.Equal(["DG · Dades generals", "PD · Participació i democràcia", "AT · Arrelament al territori", "IR · Impacte i retorn social", "CP · Cura de les persones, els processos i l'entorn"], model.Sections.Select(section => section.Title));
        Assert.Equal(definition.Indicators.Count, model.Sections.Sum(section => section.Rows.Count));
    }

    [Theory]
    [InlineData("DG01", "01/01/2025 – 31/12/2025")]
    [InlineData("DG04", "1,5")]
    [InlineData("DG05", "42")]
    [InlineData("IR02", "2.300")]
    [InlineData("PD03", "57,5\u00A0%")]
    [InlineData("PD05", "Sí")]
    [InlineData("CP02", "No")]
    [InlineData("PD07", "Força d'acord (4)")]
    [InlineData("CP03", "Parcial")]
    [InlineData("IR07", "Infància, Gent gran, Altres")]
    [InlineData("IR07a", "Persones en situació d'atur de llarga durada")]
    public void Build_CatalanSample_FormatsAnswer(string id, string expected)
    {
        (BalancePdfModel model, _) = BuildFromSample("valid-full.json", FullHeader);

        Assert.Equal(expected, Row(model, id).Value);
    }

    [Fact]
    public void Build_SpanishSample_UsesSpanishTexts()
    {
        BalanceDocumentHeader header = FullHeader with { AgreementId = "PC-2025-0017" };
        (BalancePdfModel model, ValidatedSubmission submission) = BuildFromSample("valid-minimal-es.json", header);

        Assert.Equal("es", model.LanguageCode);
        Assert.Equal("Balance Comunitario", model.Title);
        Assert.Equal("Página", model.PageLabel);
        Assert.Equal($"Cuestionario 2026.1 · SHA-256 {submission.Sha256}", model.FooterText);
        Assert.Equal("Periodo evaluado", model.HeaderRows[5].Label);
        Assert.Equal("08/07/2025 – 30/11/2026", model.HeaderRows[5].Value);
        Assert.Equal("Fecha de presentación", model.HeaderRows[6].Label);
        Assert.Equal("DG · Datos generales", model.Sections[0].Title);
    }

    [Theory]
    [InlineData("IR04", "Dato no disponible", "No llevamos registro de horas de voluntariado.")]
    [InlineData("PD02", "No procede", null)]
    [InlineData("PD06a", "No procede", null)]
    [InlineData("AT06", "Sin respuesta", null)]
    [InlineData("IR05", "Sin respuesta", null)]
    [InlineData("IR07", "Sin respuesta", null)]
    [InlineData("IR07a", "No procede", null)]
    [InlineData("DG05", "15,5", null)]
    [InlineData("PD07", "Poco de acuerdo (2)", null)]
    [InlineData("CP03", "Ninguna", null)]
    public void Build_SpanishSample_ShowsUnansweredAndNotAvailable(string id, string expectedValue, string? expectedNote)
    {
        BalanceDocumentHeader header = FullHeader with { AgreementId = "PC-2025-0017" };
        (BalancePdfModel model, _) = BuildFromSample("valid-minimal-es.json", header);

        PdfRow row = Row(model, id);
        Assert.Equal(expectedValue, row.Value);
        Assert.Equal(expectedNote, row.Note);
    }

    [Fact]
    public void Build_Warnings_ArePrintedInSubmissionLanguage()
    {
        JsonObject body = SubmissionSamples.ReadObject("valid-full.json");
        body["answers"]!["IR04"] = 70_000;
        SubmissionValidationResult result = SubmissionSamples.Validate(body);

        BalancePdfModel model = BalanceDocumentBuilder.Build(SubmissionSamples.Catalog.Current, result.Submission!, result.Warnings, FullHeader);

        Assert.Equal("Avisos", model.WarningsTitle);
        string warning = Assert.Single(model.Warnings);
        Assert.StartsWith("IR04: El valor de IR04", warning, StringComparison.Ordinal);
        Assert.Contains("70.000", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HeaderForAnotherAgreement_Throws()
    {
        ValidatedSubmission submission = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-full.json")).Submission!;

        Assert.Throws<ArgumentException>(() => BalanceDocumentBuilder.Build(SubmissionSamples.Catalog.Current, submission, [], FullHeader with { AgreementId = "PC-1" }));
    }

    [Fact]
    public void Build_LabelStartsWithIndicatorId()
    {
        (BalancePdfModel model, _) = BuildFromSample("valid-full.json", FullHeader);

        Assert.Equal("DG02 · Persones que formen la base social activa (sòcies o membres)", model.Sections[0].Rows[1].Label);
    }

    private static (BalancePdfModel Model, ValidatedSubmission Submission) BuildFromSample(string fileName, BalanceDocumentHeader header)
    {
        SubmissionValidationResult result = SubmissionSamples.Validate(SubmissionSamples.ReadText(fileName));
        ValidatedSubmission submission = result.Submission!;
        return (BalanceDocumentBuilder.Build(SubmissionSamples.Catalog.Current, submission, result.Warnings, header), submission);
    }

    private static PdfRow Row(BalancePdfModel model, string id) =>
        model.Sections.SelectMany(section => section.Rows).Single(row => row.Label.StartsWith(id + " ·", StringComparison.Ordinal));
}
