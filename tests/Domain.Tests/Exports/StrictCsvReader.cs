using System.Text;

namespace BalancFunctions.Domain.Tests.Exports;

/// <summary>
/// Reads CSV exactly as RFC 4180 defines it, with a chosen separator, and throws
/// <see cref="FormatException"/> on anything the RFC does not allow: a line break other than CRLF
/// outside quotes, a quote inside an unquoted field, text after a closing quote, or an
/// unterminated quoted field. The CSV reader of the Domain project is lenient and reads only
/// commas, so the export tests use this one.
/// </summary>
internal static class StrictCsvReader
{
    /// <summary>Reads every record. A CRLF at the very end adds no record, and "" gives none.</summary>
    public static List<List<string>> Read(string text, char separator)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int index = 0;
        while (index < text.Length)
        {
            if (text[index] == '"')
            {
                index = ReadQuoted(text, index + 1, field);
            }
            else
            {
                index = ReadUnquoted(text, index, separator, field);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (index == text.Length)
            {
                break;
            }

            if (text[index] == separator)
            {
                index++;
                if (index == text.Length)
                {
                    // A separator at the very end leaves one empty field.
                    fields.Add(string.Empty);
                }

                continue;
            }

            if (text[index] == '\r' && index + 1 < text.Length && text[index + 1] == '\n')
            {
                records.Add(fields);
                fields = [];
                index += 2;
                continue;
            }

            throw new FormatException($"Expected a separator or CRLF at position {index}, but found U+{(int)text[index]:X4}.");
        }

        if (fields.Count > 0)
        {
            records.Add(fields);
        }

        return records;
    }

    // Reads a quoted field from just after its opening quote, and returns the position after its closing quote.
    private static int ReadQuoted(string text, int index, StringBuilder field)
    {
        while (index < text.Length)
        {
            char character = text[index];
            if (character != '"')
            {
                field.Append(character);
                index++;
            }
            else if (index + 1 < text.Length && text[index + 1] == '"')
            {
                field.Append('"');
                index += 2;
            }
            else
            {
                return index + 1;
            }
        }

        throw new FormatException("A quoted field is not closed before the end of the text.");
    }

    // Reads an unquoted field and returns the position of the character that ends it.
    private static int ReadUnquoted(string text, int index, char separator, StringBuilder field)
    {
        while (index < text.Length && text[index] != separator && text[index] != '\r' && text[index] != '\n')
        {
            if (text[index] == '"')
            {
                throw new FormatException($"An unquoted field contains a quote at position {index}.");
            }

            field.Append(text[index]);
            index++;
        }

        return index;
    }
}
