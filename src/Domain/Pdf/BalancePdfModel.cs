namespace BalancFunctions.Domain.Pdf;

/// <summary>A label and its value on the PDF, such as an indicator and its answer.</summary>
/// <param name="Label">The question or field label.</param>
/// <param name="Value">The answer as the reader sees it (Sí/No, the option label, "dada no disponible"...).</param>
/// <param name="Note">An optional second line, such as the reason a figure is not available.</param>
public sealed record PdfRow(string Label, string Value, string? Note = null);

/// <summary>A titled block of rows, one per dimension of the questionnaire.</summary>
public sealed record PdfSection(string Title, IReadOnlyList<PdfRow> Rows);

/// <summary>
/// Everything the balance PDF shows, already in the document's language. The renderer lays it out
/// and knows nothing of the questionnaire.
/// </summary>
/// <param name="LanguageCode">"ca" or "es": the document language.</param>
/// <param name="Title">The document title, also set in the PDF's metadata.</param>
/// <param name="HeaderRows">The agreement, entity, space and period, on the first page.</param>
/// <param name="Sections">Every answer by dimension.</param>
/// <param name="WarningsTitle">The heading of the warnings block.</param>
/// <param name="Warnings">Warnings of the validation, printed after the answers; may be empty.</param>
/// <param name="FooterText">The text at the foot of every page: questionnaire version and SHA-256.</param>
/// <param name="PageLabel">The word before page numbers ("Pàgina" or "Página").</param>
public sealed record BalancePdfModel(
    string LanguageCode,
    string Title,
    IReadOnlyList<PdfRow> HeaderRows,
    IReadOnlyList<PdfSection> Sections,
    string WarningsTitle,
    IReadOnlyList<string> Warnings,
    string FooterText,
    string PageLabel);
