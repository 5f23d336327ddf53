using System.Globalization;
using System.Text;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Load.Bench;

/// <summary>
/// Writes registers of any size for the import endpoint. Each row copies the names, NIF, space,
/// district and language of a row of <c>data/agreements-sample.csv</c> in turn, so the rows look
/// like the real register. Every agreement gets the same dates, chosen by the scenario.
/// </summary>
internal sealed class RegisterWriter
{
    private readonly IReadOnlyList<Agreement> templates;

    private RegisterWriter(IReadOnlyList<Agreement> templates) => this.templates = templates;

    public static RegisterWriter FromSample(string repositoryRoot)
    {
        using StreamReader reader = new(Path.Combine(repositoryRoot, "data", "agreements-sample.csv"));
        AgreementImportResult sample = AgreementCsvReader.Read(reader);
        if (sample.Agreements.Count == 0)
        {
            throw new InvalidOperationException("data/agreements-sample.csv has no valid row to copy.");
        }

        return new RegisterWriter(sample.Agreements);
    }

    /// <summary>
    /// Returns the id of the agreement at a position: the prefix and a six-digit number, such as
    /// <c>PC-L-000042</c>. Ids sort in the order of their positions.
    /// </summary>
    public static string AgreementId(string prefix, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{position:D6}");

    /// <summary>
    /// Returns a register of <paramref name="count"/> agreements, each with one periodic due date on
    /// <paramref name="dueDate"/>: it started 12 months before that date, files a balance every 12
    /// months, ends 3 years after its start, and has filed no balance yet.
    /// </summary>
    public string Write(string idPrefix, int count, DateOnly dueDate)
    {
        DateOnly start = dueDate.AddMonths(-12);
        StringBuilder csv = new();
        csv.AppendJoin(',', AgreementCsvReader.Columns).Append('\n');
        for (int position = 0; position < count; position++)
        {
            Agreement template = this.templates[position % this.templates.Count];
            string id = AgreementId(idPrefix, position);
            string mailbox = id.ToLowerInvariant();
            string[] fields =
            [
                id,
                AgreementTypeCodes.ToCode(template.Type),
                template.EntityName,
                template.EntityNif,
                template.SpaceName,
                template.SpaceAddress,
                template.District,
                template.Neighbourhood,
                Date(start),
                Date(start.AddYears(3)),
                "12",
                "90",
                string.Empty,
                template.ContactName,
                $"contact.{mailbox}@example.org",
                $"representative.{mailbox}@example.net",
                template.Language.ToCode(),
            ];
            csv.AppendJoin(',', fields.Select(Quote)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
