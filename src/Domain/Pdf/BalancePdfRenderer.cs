using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace BalancFunctions.Domain.Pdf;

/// <summary>
/// Renders the PDF of a filed balance: A4, DejaVu Sans embedded as subsets, tagged with a
/// structure tree, with the footer text and "page n / total" on every page.
/// </summary>
/// <remarks>
/// Thread-safe: every call builds its own document, fonts and layout. The layout is computed
/// first and drawn afterwards, because the page total must be known when the first footer is drawn.
/// </remarks>
public static class BalancePdfRenderer
{
    /// <summary>The document's Creator entry.</summary>
    public const string Creator = "BalancFunctions";

    /// <summary>Renders the model and returns the bytes of the PDF file.</summary>
    /// <exception cref="ArgumentException">The model's language code is neither "ca" nor "es".</exception>
    public static byte[] Render(BalancePdfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!LanguageCodes.TryParse(model.LanguageCode, out Language language))
        {
            throw new ArgumentException($"The language code '{model.LanguageCode}' is not supported; use \"ca\" or \"es\".", nameof(model));
        }

        EmbeddedFontResolver.EnsureRegistered();
        var styles = new PdfStyles();

        List<string> footerLines;
        List<LayoutItem> items;
        double bodyBottom;
        using (XGraphics measure = XGraphics.CreateMeasureContext(new XSize(PageGeometry.Width, PageGeometry.Height), XGraphicsUnit.Point, XPageDirection.Downwards))
        {
            footerLines = TextWrapper.Wrap(measure, model.FooterText, styles.Footer, PageGeometry.ContentWidth);
            double footerHeight = (footerLines.Count + 1) * BalancePdfLayout.LineHeight(styles.Footer);
            bodyBottom = PageGeometry.Height - PageGeometry.Margin - footerHeight - PageGeometry.FooterGap;
            items = BalancePdfLayout.Build(model, measure, styles, bodyBottom - PageGeometry.Margin);
        }

        List<BlockPlacement> placements = Paginate(items, PageGeometry.Margin, bodyBottom);
        int pageCount = placements.Count == 0 ? 1 : placements[^1].PageIndex + 1;

        using var document = new PdfSharp.Pdf.PdfDocument();
        var drawer = new PageDrawer(document, model, language, styles, footerLines, pageCount);
        return drawer.Draw(items, placements);
    }

    /// <summary>
    /// Places every top-level block on a page, in order. A block moves to a new page when it
    /// does not fit in what is left of the current one, together with the block after it when it
    /// is marked keep-with-next.
    /// </summary>
    private static List<BlockPlacement> Paginate(List<LayoutItem> items, double bodyTop, double bodyBottom)
    {
        List<LayoutBlock> blocks = items.OfType<LayoutBlock>().ToList();
        var placements = new List<BlockPlacement>(blocks.Count);
        int pageIndex = 0;
        double y = bodyTop;

        for (int index = 0; index < blocks.Count; index++)
        {
            LayoutBlock block = blocks[index];
            bool atTop = y == bodyTop;
            double needed = (atTop ? 0 : block.SpaceBefore) + block.Height;
            if (block.KeepWithNext && index + 1 < blocks.Count)
            {
                needed += blocks[index + 1].SpaceBefore + blocks[index + 1].Height;
            }

            if (!atTop && y + needed > bodyBottom)
            {
                pageIndex++;
                y = bodyTop;
                atTop = true;
            }

            double top = y + (atTop ? 0 : block.SpaceBefore);
            placements.Add(new BlockPlacement(pageIndex, top));
            y = top + block.Height;
        }

        return placements;
    }

    private readonly record struct BlockPlacement(int PageIndex, double Top);

    /// <summary>Draws laid-out items page by page into a tagged PDF document.</summary>
    private sealed class PageDrawer(PdfSharp.Pdf.PdfDocument document, BalancePdfModel model, Language language, PdfStyles styles, List<string> footerLines, int pageCount)
    {
        private StructureBuilder structure = null!;
        private XGraphics graphics = null!;
        private int pageIndex;

        public byte[] Draw(List<LayoutItem> items, List<BlockPlacement> placements)
        {
            // The UA manager must exist before the first page, because it follows page events.
            // NOTE: PDFsharp 6.2.4 writes no XMP metadata stream, so the file carries no PDF/UA
            // identifier (pdfuaid:part) and has not been checked with a PDF/UA validator.
            UAManager accessibility = UAManager.ForDocument(document);
            this.structure = accessibility.StructureBuilder;
            document.Language = language.ToCode();
            document.Info.Title = model.Title;
            document.Info.Creator = Creator;

            this.StartPage();
            int blockIndex = 0;
            foreach (LayoutItem item in items)
            {
                if (item is LayoutBlock block)
                {
                    BlockPlacement placement = placements[blockIndex++];
                    while (this.pageIndex < placement.PageIndex)
                    {
                        this.FinishPage();
                        this.pageIndex++;
                        this.StartPage();
                    }

                    this.DrawItems(block.Items, placement.Top);
                }
                else
                {
                    this.DrawItem(item, top: 0);
                }
            }

            this.FinishPage();

            using var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return output.ToArray();
        }

        private void StartPage()
        {
            PdfPage page = document.AddPage();
            page.Width = XUnit.FromPoint(PageGeometry.Width);
            page.Height = XUnit.FromPoint(PageGeometry.Height);
            this.graphics = XGraphics.FromPdfPage(page);
        }

        private void FinishPage()
        {
            this.DrawFooter();
            this.graphics.Dispose();
        }

        private void DrawItems(IReadOnlyList<LayoutItem> items, double top)
        {
            foreach (LayoutItem item in items)
            {
                this.DrawItem(item, top);
            }
        }

        private void DrawItem(LayoutItem item, double top)
        {
            switch (item)
            {
                case BeginGrouping grouping:
                    this.structure.BeginElement(grouping.Tag);
                    break;
                case BeginBlock begin:
                    this.structure.BeginElement(begin.Tag);
                    if (begin.RowHeaderScope)
                    {
                        // PDFsharp has no setter for the table attribute /Scope, so it is written directly.
                        this.structure.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", "/Row");
                    }

                    break;
                case EndElement:
                    this.structure.End();
                    break;
                case TextRun run:
                    this.graphics.DrawString(run.Text, run.Font, run.Brush, run.X, top + run.Y, XStringFormats.TopLeft);
                    break;
                case LayoutBlock nested:
                    this.DrawItems(nested.Items, top);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown layout item {item.GetType().Name}.");
            }
        }

        /// <summary>Draws the footer text and the page number as an artifact, outside the structure tree.</summary>
        private void DrawFooter()
        {
            double lineHeight = BalancePdfLayout.LineHeight(styles.Footer);
            double y = PageGeometry.Height - PageGeometry.Margin - ((footerLines.Count + 1) * lineHeight);

            this.structure.BeginArtifact();
            foreach (string line in footerLines)
            {
                if (line.Length > 0)
                {
                    this.graphics.DrawString(line, styles.Footer, PdfStyles.Grey, PageGeometry.Margin, y, XStringFormats.TopLeft);
                }

                y += lineHeight;
            }

            string pageText = string.Create(CultureInfo.InvariantCulture, $"{model.PageLabel} {this.pageIndex + 1} / {pageCount}");
            double pageTextWidth = this.graphics.MeasureString(pageText, styles.Footer).Width;
            this.graphics.DrawString(pageText, styles.Footer, PdfStyles.Grey, PageGeometry.Margin + PageGeometry.ContentWidth - pageTextWidth, y, XStringFormats.TopLeft);
            this.structure.End();
        }
    }
}
