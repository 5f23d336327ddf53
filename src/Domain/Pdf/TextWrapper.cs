using System.Globalization;
using PdfSharp.Drawing;

namespace BalancFunctions.Domain.Pdf;

/// <summary>
/// Breaks text into lines that fit a width, measured with <see cref="XGraphics.MeasureString(string, XFont)"/>.
/// </summary>
internal static class TextWrapper
{
    /// <summary>
    /// Wraps <paramref name="text"/> to lines no wider than <paramref name="maxWidth"/> points.
    /// Line breaks in the text start new lines, and an empty line is kept as an empty string.
    /// Runs of spaces and tabs collapse to one space. Lines break at spaces, and a word wider
    /// than the line is broken between characters. Returns at least one line.
    /// </summary>
    public static List<string> Wrap(XGraphics measure, string text, XFont font, double maxWidth)
    {
        var lines = new List<string>();
        string normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

        foreach (string paragraph in normalized.Split('\n'))
        {
            WrapParagraph(measure, paragraph, font, maxWidth, lines);
        }

        return lines;
    }

    private static void WrapParagraph(XGraphics measure, string paragraph, XFont font, double maxWidth, List<string> lines)
    {
        string[] words = paragraph.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            lines.Add(string.Empty);
            return;
        }

        string current = string.Empty;
        foreach (string word in words)
        {
            string candidate = current.Length == 0 ? word : current + " " + word;
            if (Fits(measure, candidate, font, maxWidth))
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            // The word starts a new line. A word wider than a whole line is cut into full lines,
            // and its last piece stays open so that the next word can follow it.
            current = word;
            while (!Fits(measure, current, font, maxWidth))
            {
                int cut = FittingPrefixLength(measure, current, font, maxWidth);
                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }

        lines.Add(current);
    }

    /// <summary>
    /// Returns the length of the longest prefix, in whole text elements, that fits the width.
    /// The first text element is always taken, so the caller always advances.
    /// </summary>
    private static int FittingPrefixLength(XGraphics measure, string word, XFont font, double maxWidth)
    {
        int length = StringInfo.GetNextTextElementLength(word, 0);
        while (length < word.Length)
        {
            int next = length + StringInfo.GetNextTextElementLength(word, length);
            if (!Fits(measure, word[..next], font, maxWidth))
            {
                break;
            }

            length = next;
        }

        return length;
    }

    private static bool Fits(XGraphics measure, string text, XFont font, double maxWidth) =>
        measure.MeasureString(text, font).Width <= maxWidth;
}
