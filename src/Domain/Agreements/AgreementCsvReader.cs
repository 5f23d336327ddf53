namespace BalancFunctions.Domain.Agreements;

/// <summary>
/// A rejected row of an imported register: its row number (the header is row 1, as in a
/// spreadsheet), the column at fault, a stable code and a message in Catalan and Spanish.
/// </summary>
/// <remarks>
/// <see cref="Field"/> is empty when the error concerns the whole row, as with
/// <c>wrong-column-count</c> or <c>missing-header</c>. <see cref="Code"/> is one of
/// <see cref="ImportErrorCodes"/>. The message quotes the value at fault, which may be an
/// e-mail address, so log the code and row instead of the message.
/// </remarks>
public sealed record ImportRowError(int Row, string? AgreementId, string Field, string Code, LocalizedText Message);

/// <summary>The rows of a register that passed every check, and those that did not.</summary>
public sealed record AgreementImportResult(IReadOnlyList<Agreement> Agreements, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Reads the agreement register (CSV, UTF-8, header of the sample register) and checks every row:
/// required fields, dates, type code, period, e-mail syntax and the NIF's check character.
/// </summary>
public static class AgreementCsvReader
{
    /// <summary>The columns of the register, in the order of its header.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "agreement_id", "agreement_type", "entity_name", "entity_nif", "space_name", "space_address",
        "district", "neighbourhood", "start_date", "end_date", "balance_period_months", "renewal_lead_days",
        "last_balance_date", "contact_name", "contact_email", "representative_email", "language",
    ];

    /// <summary>
    /// Reads and checks every row of a register. The header must name every column of
    /// <see cref="Columns"/> once, in any order, and nothing else. Otherwise the result has only
    /// the header's errors. Every problem of every row is reported, and a row with any problem is
    /// left out of <see cref="AgreementImportResult.Agreements"/>. Blank rows are skipped.
    /// </summary>
    public static AgreementImportResult Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var errors = new List<ImportRowError>();
        var agreements = new List<Agreement>();
        using IEnumerator<CsvRecord> records = CsvRecordReader.ReadAll(reader).GetEnumerator();

        if (!records.MoveNext())
        {
            errors.Add(new ImportRowError(1, null, string.Empty, ImportErrorCodes.MissingHeader, ImportMessages.MissingHeader()));
            return new AgreementImportResult(agreements, errors);
        }

        Dictionary<string, int>? columnIndexes = ReadHeader(records.Current, errors);
        if (columnIndexes is null)
        {
            return new AgreementImportResult(agreements, errors);
        }

        var idRows = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (records.MoveNext())
        {
            CsvRecord record = records.Current;
            if (record.IsBlank)
            {
                continue;
            }

            var row = new AgreementRowReader(record, columnIndexes, idRows);
            Agreement? agreement = row.Read();
            errors.AddRange(row.Errors);
            if (agreement is not null)
            {
                agreements.Add(agreement);
            }
        }

        return new AgreementImportResult(agreements, errors);
    }

    // Maps each column name to its field index, or returns null after adding the header's errors.
    private static Dictionary<string, int>? ReadHeader(CsvRecord header, List<ImportRowError> errors)
    {
        var columnIndexes = new Dictionary<string, int>(StringComparer.Ordinal);

        // Excel saves CSV with semicolons in Catalan and Spanish locales: one clear error beats seventeen missing columns.
        if (header.Fields.Count == 1 && header.Fields[0].Contains(';', StringComparison.Ordinal))
        {
            errors.Add(new ImportRowError(1, null, string.Empty, ImportErrorCodes.SemicolonSeparator, ImportMessages.SemicolonSeparator()));
            return null;
        }

        for (int i = 0; i < header.Fields.Count; i++)
        {
            string name = header.Fields[i].Trim();
            if (!Columns.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new ImportRowError(1, null, name, ImportErrorCodes.UnknownColumn, ImportMessages.UnknownColumn(name)));
            }
            else if (!columnIndexes.TryAdd(name, i))
            {
                errors.Add(new ImportRowError(1, null, name, ImportErrorCodes.DuplicateColumn, ImportMessages.DuplicateColumn(name)));
            }
        }

        foreach (string column in Columns)
        {
            if (!columnIndexes.ContainsKey(column))
            {
                errors.Add(new ImportRowError(1, null, column, ImportErrorCodes.MissingColumn, ImportMessages.MissingColumn(column)));
            }
        }

        return errors.Count == 0 ? columnIndexes : null;
    }
}
