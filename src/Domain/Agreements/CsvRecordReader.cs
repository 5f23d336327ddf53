using System.Text;

namespace BalancFunctions.Domain.Agreements;

/// <summary>A quoting mistake in a CSV record.</summary>
internal enum CsvQuotingProblem
{
    /// <summary>A quoted field goes on after its closing quote, as in <c>"abc"def</c>.</summary>
    TextAfterClosingQuote,

    /// <summary>A quoted field is still open at the end of the input.</summary>
    UnterminatedQuote,
}

/// <summary>
/// One record of a CSV file: its row number (the first record is row 1), its fields, and the
/// first quoting mistake with the index of the field it is in, if any.
/// </summary>
internal sealed record CsvRecord(int Row, IReadOnlyList<string> Fields, CsvQuotingProblem? Problem, int ProblemField)
{
    /// <summary>True when every field is empty or white space, as in an empty line or a line of bare commas.</summary>
    public bool IsBlank => this.Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Splits text into CSV records as RFC 4180 defines them, with comma separators and double-quote
/// quoting. It also accepts LF or a lone CR as the line break, and a quote inside an unquoted
/// field, which is kept as a literal character. A leading U+FEFF (a byte order mark that the
/// decoder left in) is skipped.
/// </summary>
internal sealed class CsvRecordReader
{
    private const int EndOfInput = -1;

    private readonly TextReader reader;
    private int lookahead = EndOfInput;
    private bool hasLookahead;

    private CsvRecordReader(TextReader reader) => this.reader = reader;

    /// <summary>Reads every record, numbering them from 1. A line break at the very end adds no record.</summary>
    public static IEnumerable<CsvRecord> ReadAll(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var csv = new CsvRecordReader(reader);
        if (csv.Peek() == '\uFEFF')
        {
            csv.Next();
        }

        int row = 0;
        while (csv.Peek() != EndOfInput)
        {
            row++;
            yield return csv.ReadRecord(row);
        }
    }

    private CsvRecord ReadRecord(int row)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool inQuotes = false;
        bool wasQuoted = false;
        CsvQuotingProblem? problem = null;
        int problemField = -1;

        while (true)
        {
            int next = this.Next();
            if (next == EndOfInput)
            {
                if (inQuotes && problem is null)
                {
                    problem = CsvQuotingProblem.UnterminatedQuote;
                    problemField = fields.Count;
                }

                break;
            }

            char c = (char)next;
            if (inQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (this.Peek() == '"')
                {
                    // A doubled quote inside a quoted field is one literal quote.
                    this.Next();
                    field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
                continue;
            }

            if (c is '\r' or '\n')
            {
                if (c == '\r' && this.Peek() == '\n')
                {
                    this.Next();
                }

                break;
            }

            if (c == '"' && field.Length == 0 && !wasQuoted)
            {
                inQuotes = true;
                wasQuoted = true;
                continue;
            }

            if (wasQuoted && problem is null)
            {
                problem = CsvQuotingProblem.TextAfterClosingQuote;
                problemField = fields.Count;
            }

            field.Append(c);
        }

        fields.Add(field.ToString());
        return new CsvRecord(row, fields, problem, problemField);
    }

    private int Peek()
    {
        if (!this.hasLookahead)
        {
            this.lookahead = this.reader.Read();
            this.hasLookahead = true;
        }

        return this.lookahead;
    }

    private int Next()
    {
        int next = this.Peek();
        this.hasLookahead = false;
        return next;
    }
}
