using PdfSharp.Drawing;

namespace BalancFunctions.Domain.Pdf;

/// <summary>
/// Page geometry of the balance PDF, in points (1/72 inch): A4 with 2 cm margins.
/// </summary>
internal static class PageGeometry
{
    public const double Width = 595.2756;
    public const double Height = 841.8898;
    public const double Margin = 56.6929;
    public const double ContentWidth = Width - (2 * Margin);

    /// <summary>Space between the last line of the body and the footer.</summary>
    public const double FooterGap = 10;
}

/// <summary>
/// Fonts and colours of one rendering. Each call to the renderer creates its own instance,
/// so no PDFsharp object is shared between threads except the brushes, which are never changed.
/// </summary>
internal sealed class PdfStyles
{
    /// <summary>Text grey (#555555): contrast 7.5:1 on white, above the 4.5:1 minimum of WCAG 2.1 AA for body text.</summary>
    public static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));

    public static readonly XBrush Black = new XSolidBrush(XColors.Black);

    public XFont Title { get; } = new(EmbeddedFontResolver.FamilyName, 16, XFontStyleEx.Bold);

    public XFont Heading { get; } = new(EmbeddedFontResolver.FamilyName, 13, XFontStyleEx.Bold);

    public XFont Label { get; } = new(EmbeddedFontResolver.FamilyName, 10, XFontStyleEx.Bold);

    public XFont Body { get; } = new(EmbeddedFontResolver.FamilyName, 10, XFontStyleEx.Regular);

    public XFont Note { get; } = new(EmbeddedFontResolver.FamilyName, 8.5, XFontStyleEx.Regular);

    public XFont Footer { get; } = new(EmbeddedFontResolver.FamilyName, 8, XFontStyleEx.Regular);
}
