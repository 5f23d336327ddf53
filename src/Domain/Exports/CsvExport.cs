using System.Buffers;
using System.Globalization;
using System.Text;
using BalancFunctions.Domain.Submissions;

namespace BalancFunctions.Domain.Exports;

/// <summary>
/// Writes CSV files that Excel opens as a table in a Catalan or Spanish locale. They have
/// semicolon separators, RFC 4180 quoting, CRLF line ends and numbers with a decimal comma. They
/// are UTF-8 with a byte order mark, because without one Excel may read the file in the system's
/// legacy code page, which garbles accents.
/// </summary>
public static class CsvExport
{
    /// <summary>
    /// The field separator. Excel in a locale whose decimal separator is a comma, as in ca-ES and
    /// es-ES, expects a semicolon.
    /// </summary>
    public const char Separator = ';';

    private const string LineEnd = "\r\n";

    private static readonly SearchValues<char> CharactersToQuote = SearchValues.Create([Separator, '"', '\r', '\n']);

    /// <summary>The UTF-8 byte order mark, EF BB BF, which callers write first when they build the bytes themselves.</summary>
    public static byte[] Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// UTF-8 that writes the byte order mark at the start of a stream. A string that is not valid
    /// UTF-16, such as one with an unpaired surrogate, gets U+FFFD in its place.
    /// </summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>
    /// Writes one row of cells followed by CRLF. A null cell is written empty. A cell is quoted when
    /// it contains the separator, a double quote, CR or LF, or starts or ends with white space, and
    /// its double quotes are doubled. A cell that a spreadsheet could read as a formula gets a
    /// leading apostrophe, so that it shows as text: one whose first character, after any leading
    /// spaces, is =, +, -, @, tab, CR or NUL. Plain numbers such as "-3", "-1.5" and "-1,5" are
    /// left as they are, so that they stay numbers.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="cells"/> is null.</exception>
    public static void WriteRow(TextWriter writer, IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cells);

        bool first = true;
        foreach (string? cell in cells)
        {
            if (!first)
            {
                writer.Write(Separator);
            }

            first = false;
            WriteCell(writer, cell ?? string.Empty);
        }

        writer.Write(LineEnd);
    }

    /// <summary>
    /// Formats a number as Excel in ca-ES reads one: a decimal comma, no thousands separator and
    /// no trailing decimal zeros, such as 1234.50 → "1234,5" and -3.0 → "-3".
    /// </summary>
    public static string FormatNumber(decimal value) =>
        LocalFormat.Normalize(value).ToString(CultureInfo.InvariantCulture).Replace('.', ',');

    private static void WriteCell(TextWriter writer, string cell)
    {
        string text = IsFormula(cell) ? "'" + cell : cell;
        if (!NeedsQuotes(text))
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>
    /// Returns whether a spreadsheet could read the cell as a formula. Excel, LibreOffice Calc and
    /// Google Sheets start a formula at =, +, - or @. Tab, CR and NUL are treated the same way, as
    /// OWASP ASVS requirement 1.2.10 lists tab and NUL. Leading spaces are skipped first, because
    /// an import may trim them.
    /// </summary>
    private static bool IsFormula(string cell)
    {
        string start = cell.TrimStart(' ');
        if (start.Length == 0 || start[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r' or '\0'))
        {
            return false;
        }

        return !IsPlainNumber(start);
    }

    /// <summary>Returns whether the cell is an optional minus sign, ASCII digits, and at most one decimal point or comma followed by digits.</summary>
    private static bool IsPlainNumber(string cell)
    {
        int index = cell.StartsWith('-') ? 1 : 0;
        int integerDigits = CountDigits(cell, index);
        if (integerDigits == 0)
        {
            return false;
        }

        index += integerDigits;
        if (index == cell.Length)
        {
            return true;
        }

        if (cell[index] is not ('.' or ','))
        {
            return false;
        }

        int fractionDigits = CountDigits(cell, index + 1);
        return fractionDigits > 0 && index + 1 + fractionDigits == cell.Length;
    }

    private static int CountDigits(string text, int start)
    {
        int end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - start;
    }

    private static bool NeedsQuotes(string text) =>
        text.Length > 0
        && (text.AsSpan().ContainsAny(CharactersToQuote) || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
}
