using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace BalancFunctions.Domain.Pdf;

/// <summary>
/// Lays out a <see cref="BalancePdfModel"/> as a sequence of tagged lines, before pagination.
/// The structure follows the reading order: H1 title, a table of header rows (TH beside TD),
/// one Sect per section with an H2 and a list whose items pair a label (Lbl) with its answer
/// (LBody), and the warnings as a last Sect.
/// </summary>
internal sealed class BalancePdfLayout
{
    private const double HeaderLabelWidth = 140;
    private const double ColumnGap = 10;
    private const double ValueIndent = 12;
    private const double RowSpacing = 7;
    private const double HeadingSpacing = 16;

    private readonly List<LayoutItem> items = [];
    private readonly XGraphics measure;
    private readonly PdfStyles styles;
    private readonly double bodyHeight;

    private BalancePdfLayout(XGraphics measure, PdfStyles styles, double bodyHeight)
    {
        this.measure = measure;
        this.styles = styles;
        this.bodyHeight = bodyHeight;
    }

    /// <summary>
    /// Lays out the model; <paramref name="bodyHeight"/> is the height available for content on
    /// one page, used to decide whether a header row fits beside its label.
    /// </summary>
    public static List<LayoutItem> Build(BalancePdfModel model, XGraphics measure, PdfStyles styles, double bodyHeight)
    {
        var layout = new BalancePdfLayout(measure, styles, bodyHeight);

        layout.AddHeading(model.Title, PdfBlockLevelElementTag.Heading1, styles.Title, spaceBefore: 0);
        layout.AddHeaderTable(model.HeaderRows);
        foreach (PdfSection section in model.Sections)
        {
            layout.AddSection(section);
        }

        if (model.Warnings.Count > 0)
        {
            layout.AddWarnings(model.WarningsTitle, model.Warnings);
        }

        return layout.items;
    }

    private void AddHeading(string text, PdfBlockLevelElementTag tag, XFont font, double spaceBefore)
    {
        this.items.Add(new BeginBlock(tag));
        this.AddLines(this.Wrap(text, font, PageGeometry.ContentWidth), font, PdfStyles.Black, PageGeometry.Margin, spaceBefore, keepLastWithNext: true);
        this.items.Add(EndElement.Instance);
    }

    private void AddHeaderTable(IReadOnlyList<PdfRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.Table));
        foreach (PdfRow row in rows)
        {
            this.AddHeaderRow(row);
        }

        this.items.Add(EndElement.Instance);
    }

    /// <summary>
    /// Adds a row with the label in a left column and the value beside it, as one block. A row
    /// taller than a page falls back to the label above the value, so that it can break over pages.
    /// </summary>
    private void AddHeaderRow(PdfRow row)
    {
        double valueX = PageGeometry.Margin + HeaderLabelWidth + ColumnGap;
        double valueWidth = PageGeometry.ContentWidth - HeaderLabelWidth - ColumnGap;
        List<string> labelLines = this.Wrap(row.Label, this.styles.Label, HeaderLabelWidth);
        List<string> valueLines = this.Wrap(row.Value, this.styles.Body, valueWidth);
        List<string> noteLines = row.Note is null ? [] : this.Wrap(row.Note, this.styles.Note, valueWidth);

        double labelHeight = labelLines.Count * LineHeight(this.styles.Label);
        double valueHeight = (valueLines.Count * LineHeight(this.styles.Body)) + (noteLines.Count * LineHeight(this.styles.Note));
        double rowHeight = Math.Max(labelHeight, valueHeight);

        if (rowHeight > this.bodyHeight)
        {
            this.AddStackedHeaderRow(row);
            return;
        }

        var rowItems = new List<LayoutItem>
        {
            new BeginBlock(PdfBlockLevelElementTag.TableRow),
            new BeginBlock(PdfBlockLevelElementTag.TableHeaderCell, RowHeaderScope: true),
        };
        AddRuns(rowItems, labelLines, this.styles.Label, PdfStyles.Black, PageGeometry.Margin, top: 0);
        rowItems.Add(EndElement.Instance);
        rowItems.Add(new BeginBlock(PdfBlockLevelElementTag.TableDataCell));
        double noteTop = AddRuns(rowItems, valueLines, this.styles.Body, PdfStyles.Black, valueX, top: 0);
        AddRuns(rowItems, noteLines, this.styles.Note, PdfStyles.Grey, valueX, noteTop);
        rowItems.Add(EndElement.Instance);
        rowItems.Add(EndElement.Instance);

        this.items.Add(new LayoutBlock(rowHeight, RowSpacing / 2, KeepWithNext: false, rowItems));
    }

    private void AddStackedHeaderRow(PdfRow row)
    {
        double valueX = PageGeometry.Margin + ValueIndent;
        double valueWidth = PageGeometry.ContentWidth - ValueIndent;

        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.TableRow));
        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.TableHeaderCell, RowHeaderScope: true));
        this.AddLines(this.Wrap(row.Label, this.styles.Label, PageGeometry.ContentWidth), this.styles.Label, PdfStyles.Black, PageGeometry.Margin, RowSpacing / 2, keepLastWithNext: true);
        this.items.Add(EndElement.Instance);
        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.TableDataCell));
        this.AddLines(this.Wrap(row.Value, this.styles.Body, valueWidth), this.styles.Body, PdfStyles.Black, valueX, 0, keepLastWithNext: false);
        if (row.Note is not null)
        {
            this.AddLines(this.Wrap(row.Note, this.styles.Note, valueWidth), this.styles.Note, PdfStyles.Grey, valueX, 0, keepLastWithNext: false);
        }

        this.items.Add(EndElement.Instance);
        this.items.Add(EndElement.Instance);
    }

    private void AddSection(PdfSection section)
    {
        this.items.Add(new BeginGrouping(PdfGroupingElementTag.Section));
        this.AddHeading(section.Title, PdfBlockLevelElementTag.Heading2, this.styles.Heading, HeadingSpacing);

        if (section.Rows.Count > 0)
        {
            this.items.Add(new BeginBlock(PdfBlockLevelElementTag.List));
            foreach (PdfRow row in section.Rows)
            {
                this.AddSectionRow(row);
            }

            this.items.Add(EndElement.Instance);
        }

        this.items.Add(EndElement.Instance);
    }

    /// <summary>Adds the label over the full width, then the value and the note indented under it.</summary>
    private void AddSectionRow(PdfRow row)
    {
        double valueX = PageGeometry.Margin + ValueIndent;
        double valueWidth = PageGeometry.ContentWidth - ValueIndent;

        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.ListItem));

        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.Label));
        this.AddLines(this.Wrap(row.Label, this.styles.Label, PageGeometry.ContentWidth), this.styles.Label, PdfStyles.Black, PageGeometry.Margin, RowSpacing, keepLastWithNext: true);
        this.items.Add(EndElement.Instance);

        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.ListBody));
        this.AddParagraph(row.Value, this.styles.Body, PdfStyles.Black, valueX, valueWidth);
        if (!string.IsNullOrWhiteSpace(row.Note))
        {
            this.AddParagraph(row.Note, this.styles.Note, PdfStyles.Grey, valueX, valueWidth);
        }

        this.items.Add(EndElement.Instance);
        this.items.Add(EndElement.Instance);
    }

    private void AddWarnings(string title, IReadOnlyList<string> warnings)
    {
        const string Bullet = "•";
        double bulletWidth = this.measure.MeasureString(Bullet + " ", this.styles.Body).Width;
        double textX = PageGeometry.Margin + bulletWidth;
        double textWidth = PageGeometry.ContentWidth - bulletWidth;
        double lineHeight = LineHeight(this.styles.Body);

        this.items.Add(new BeginGrouping(PdfGroupingElementTag.Section));
        this.AddHeading(title, PdfBlockLevelElementTag.Heading2, this.styles.Heading, HeadingSpacing);
        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.List));

        foreach (string warning in warnings)
        {
            List<string> lines = this.Wrap(warning, this.styles.Body, textWidth);

            // The bullet and the first line share a block because they share a baseline.
            this.items.Add(new BeginBlock(PdfBlockLevelElementTag.ListItem));
            this.items.Add(new LayoutBlock(lineHeight, RowSpacing / 2, KeepWithNext: false,
            [
                new BeginBlock(PdfBlockLevelElementTag.Label),
                new TextRun(Bullet, this.styles.Body, PdfStyles.Black, PageGeometry.Margin, 0),
                EndElement.Instance,
                new BeginBlock(PdfBlockLevelElementTag.ListBody),
                new TextRun(lines[0], this.styles.Body, PdfStyles.Black, textX, 0),
            ]));
            this.AddLines(lines.Skip(1).ToList(), this.styles.Body, PdfStyles.Black, textX, 0, keepLastWithNext: false);
            this.items.Add(EndElement.Instance);
            this.items.Add(EndElement.Instance);
        }

        this.items.Add(EndElement.Instance);
        this.items.Add(EndElement.Instance);
    }

    /// <summary>Adds a P element, or nothing for a blank text, which would be an empty element.</summary>
    private void AddParagraph(string text, XFont font, XBrush brush, double x, double width)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        this.items.Add(new BeginBlock(PdfBlockLevelElementTag.Paragraph));
        this.AddLines(this.Wrap(text, font, width), font, brush, x, 0, keepLastWithNext: false);
        this.items.Add(EndElement.Instance);
    }

    /// <summary>Adds one block per line, so that a page can break between any two lines.</summary>
    private void AddLines(List<string> lines, XFont font, XBrush brush, double x, double spaceBefore, bool keepLastWithNext)
    {
        double lineHeight = LineHeight(font);
        for (int index = 0; index < lines.Count; index++)
        {
            bool isLast = index == lines.Count - 1;
            List<LayoutItem> runs = lines[index].Length == 0 ? [] : [new TextRun(lines[index], font, brush, x, 0)];
            this.items.Add(new LayoutBlock(lineHeight, index == 0 ? spaceBefore : 0, keepLastWithNext && isLast, runs));
        }
    }

    /// <summary>Adds the lines as runs below <paramref name="top"/> and returns the offset under the last one.</summary>
    private static double AddRuns(List<LayoutItem> target, List<string> lines, XFont font, XBrush brush, double x, double top)
    {
        double y = top;
        foreach (string line in lines)
        {
            if (line.Length > 0)
            {
                target.Add(new TextRun(line, font, brush, x, y));
            }

            y += LineHeight(font);
        }

        return y;
    }

    private List<string> Wrap(string text, XFont font, double width) => TextWrapper.Wrap(this.measure, text, font, width);

    internal static double LineHeight(XFont font) => font.GetHeight();
}
