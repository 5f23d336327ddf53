using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace BalancFunctions.Domain.Pdf;

/// <summary>
/// One step of a laid-out document, in reading order: a structure tag that opens or closes,
/// a text run, or a block of runs that must stay on one page.
/// </summary>
internal abstract record LayoutItem;

/// <summary>Opens a grouping structure element such as a section.</summary>
internal sealed record BeginGrouping(PdfGroupingElementTag Tag) : LayoutItem;

/// <summary>
/// Opens a block-level structure element such as a heading or a paragraph.
/// <paramref name="RowHeaderScope"/> marks a table header cell that heads its row.
/// </summary>
internal sealed record BeginBlock(PdfBlockLevelElementTag Tag, bool RowHeaderScope = false) : LayoutItem;

/// <summary>Closes the innermost open structure element.</summary>
internal sealed record EndElement : LayoutItem
{
    public static readonly EndElement Instance = new();
}

/// <summary>A single line of text; <paramref name="X"/> is absolute and <paramref name="Y"/> is the offset from its block's top, in points.</summary>
internal sealed record TextRun(string Text, XFont Font, XBrush Brush, double X, double Y) : LayoutItem;

/// <summary>
/// Content that the paginator places on one page as a whole, usually one line of text.
/// <paramref name="SpaceBefore"/> is dropped at the top of a page. A block with
/// <paramref name="KeepWithNext"/> moves to the next page together with the block after it,
/// so that a heading or a label is never the last line of a page.
/// </summary>
internal sealed record LayoutBlock(double Height, double SpaceBefore, bool KeepWithNext, IReadOnlyList<LayoutItem> Items) : LayoutItem;
