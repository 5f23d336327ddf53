using BalancFunctions.Domain.Pdf;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace BalancFunctions.Domain.Tests.Pdf;

public sealed class BalancePdfRendererTests
{
    [Fact]
    public void Render_CatalanModel_ContainsEveryText()
    {
        BalancePdfModel model = PdfTestModels.Catalan();

        string body = ReadBody(BalancePdfRenderer.Render(model), model);

        foreach (string expected in ExpectedTexts(model))
        {
            Assert.Contains(Normalize(expected), body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_SpanishModel_ContainsEveryText()
    {
        BalancePdfModel model = PdfTestModels.Spanish();

        byte[] pdf = BalancePdfRenderer.Render(model);
        string body = ReadBody(pdf, model);

        foreach (string expected in ExpectedTexts(model))
        {
            Assert.Contains(Normalize(expected), body, StringComparison.Ordinal);
        }

        using PigDocument document = PigDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
    }

    [Fact]
    public void Render_LongModel_SpansSeveralPages()
    {
        using PigDocument document = PigDocument.Open(BalancePdfRenderer.Render(PdfTestModels.Catalan()));

        Assert.True(document.NumberOfPages > 1, $"Expected several pages, got {document.NumberOfPages}.");
    }

    [Fact]
    public void Render_EveryPage_HasFooterAndPageNumber()
    {
        BalancePdfModel model = PdfTestModels.Catalan();

        using PigDocument document = PigDocument.Open(BalancePdfRenderer.Render(model));

        int total = document.NumberOfPages;
        foreach (Page page in document.GetPages())
        {
            string text = PageText(page);
            Assert.Contains(Normalize(model.FooterText), text, StringComparison.Ordinal);
            Assert.Contains($"Pàgina {page.Number} / {total}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_Metadata_HasTitleCreatorAndLanguage()
    {
        BalancePdfModel catalan = PdfTestModels.Catalan(rowsPerSection: 2);
        BalancePdfModel spanish = PdfTestModels.Spanish();

        using PigDocument catalanDocument = PigDocument.Open(BalancePdfRenderer.Render(catalan));
        using PigDocument spanishDocument = PigDocument.Open(BalancePdfRenderer.Render(spanish));

        Assert.Equal(catalan.Title, catalanDocument.Information.Title);
        Assert.Equal(BalancePdfRenderer.Creator, catalanDocument.Information.Creator);
        Assert.Equal("ca", CatalogString(catalanDocument, "Lang"));
        Assert.Equal(spanish.Title, spanishDocument.Information.Title);
        Assert.Equal("es", CatalogString(spanishDocument, "Lang"));
    }

    [Fact]
    public void Render_Document_IsTagged()
    {
        using PigDocument document = PigDocument.Open(BalancePdfRenderer.Render(PdfTestModels.Spanish()));

        DictionaryToken catalog = document.Structure.Catalog.CatalogDictionary;
        Assert.True(catalog.ContainsKey(NameToken.Create("StructTreeRoot")), "The catalog has no structure tree.");
        Assert.True(catalog.ContainsKey(NameToken.Create("MarkInfo")), "The catalog has no MarkInfo.");
    }

    [Fact]
    public void Render_Fonts_AreEmbeddedSubsets()
    {
        using PigDocument document = PigDocument.Open(BalancePdfRenderer.Render(PdfTestModels.Spanish()));

        // A subset font's name starts with a six-letter tag and a plus sign, as in "DIPJIN+DejaVu Sans".
        List<string> fontNames = document.GetPage(1).Letters.Select(letter => letter.FontName ?? string.Empty).Distinct().ToList();
        Assert.NotEmpty(fontNames);
        Assert.All(fontNames, name => Assert.Matches(@"^[A-Z]{6}\+DejaVu Sans", name));
    }

    [Fact]
    public void Render_EveryLetter_StaysInsideMargins()
    {
        // A4 is 595.3 x 841.9 points; the margins are 2 cm (56.7 points). PdfPig's y grows upwards.
        const double Margin = 56.69;
        const double Tolerance = 0.5;
        BalancePdfModel model = PdfTestModels.Catalan() with
        {
            Sections = [.. PdfTestModels.Catalan().Sections, new PdfSection("Paraula llarga", [new PdfRow("Enllaç", new string('x', 400))])],
        };

        using PigDocument document = PigDocument.Open(BalancePdfRenderer.Render(model));

        foreach (Page page in document.GetPages())
        {
            foreach (Letter letter in page.Letters.Where(letter => !string.IsNullOrWhiteSpace(letter.Value)))
            {
                Assert.InRange(letter.BoundingBox.Left, Margin - Tolerance, page.Width - Margin + Tolerance);
                Assert.InRange(letter.BoundingBox.Right, Margin - Tolerance, page.Width - Margin + Tolerance);
                Assert.InRange(letter.BoundingBox.Bottom, Margin - Tolerance, page.Height - Margin + Tolerance);
                Assert.InRange(letter.BoundingBox.Top, Margin - Tolerance, page.Height - Margin + Tolerance);
            }
        }
    }

    [Fact]
    public void Render_OverlongWord_BreaksByCharacters()
    {
        string word = string.Concat(Enumerable.Repeat("abcdefghij", 40));
        BalancePdfModel model = PdfTestModels.Spanish() with
        {
            Sections = [new PdfSection("Sección", [new PdfRow("Enlace", word)])],
        };

        string body = ReadBody(BalancePdfRenderer.Render(model), model);

        Assert.Contains(word, body.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownLanguage_Throws()
    {
        BalancePdfModel model = PdfTestModels.Spanish() with { LanguageCode = "fr" };

        Assert.Throws<ArgumentException>(() => BalancePdfRenderer.Render(model));
    }

    [Fact]
    public void Render_ParallelCalls_AllSucceed()
    {
        BalancePdfModel catalan = PdfTestModels.Catalan(rowsPerSection: 5);
        BalancePdfModel spanish = PdfTestModels.Spanish();
        int expectedCatalanPages = PageCount(BalancePdfRenderer.Render(catalan));

        var results = new byte[16][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, index =>
        {
            results[index] = BalancePdfRenderer.Render(index % 2 == 0 ? catalan : spanish);
        });

        for (int index = 0; index < results.Length; index++)
        {
            Assert.Equal(index % 2 == 0 ? expectedCatalanPages : 1, PageCount(results[index]));
        }
    }

    /// <summary>Every text of the model that the PDF must contain, except the footer, which each page repeats.</summary>
    private static IEnumerable<string> ExpectedTexts(BalancePdfModel model)
    {
        yield return model.Title;
        foreach (PdfRow row in model.HeaderRows.Concat(model.Sections.SelectMany(section => section.Rows)))
        {
            yield return row.Label;
            yield return row.Value;
            if (row.Note is not null)
            {
                yield return row.Note;
            }
        }

        foreach (PdfSection section in model.Sections)
        {
            yield return section.Title;
        }

        if (model.Warnings.Count > 0)
        {
            yield return model.WarningsTitle;
        }

        foreach (string warning in model.Warnings)
        {
            yield return warning;
        }
    }

    /// <summary>
    /// Returns the words of all pages joined by spaces, with each page's footer removed, so that
    /// a text broken over two pages reads as one.
    /// </summary>
    private static string ReadBody(byte[] pdf, BalancePdfModel model)
    {
        using PigDocument document = PigDocument.Open(pdf);
        var pages = new List<string>();
        foreach (Page page in document.GetPages())
        {
            string footer = Normalize($"{model.FooterText} {model.PageLabel} {page.Number} / {document.NumberOfPages}");
            string text = PageText(page);
            Assert.EndsWith(footer, text, StringComparison.Ordinal);
            pages.Add(text[..^footer.Length].TrimEnd());
        }

        return string.Join(' ', pages);
    }

    private static string PageText(Page page) => string.Join(' ', page.GetWords().Select(word => word.Text));

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static int PageCount(byte[] pdf)
    {
        using PigDocument document = PigDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private static string? CatalogString(PigDocument document, string key) =>
        document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create(key), out StringToken value) ? value.Data : null;
}
