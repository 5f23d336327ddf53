using System.Text;

namespace BalancFunctions.Domain.Exports;

/// <summary>TEMPORARY stub until the domain branch lands.</summary>
public static class CsvExport
{
    public const char Separator = ';';

    public static Encoding Encoding { get; } = new UTF8Encoding(true);

    public static void WriteRow(TextWriter writer, IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(Separator, cells.Select(cell => "\"" + (cell ?? string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
        writer.Write("\r\n");
    }
}
