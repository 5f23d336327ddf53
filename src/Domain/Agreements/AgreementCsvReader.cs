namespace BalancFunctions.Domain.Agreements;

/// <summary>
/// A rejected row of an imported register: its row number (the header is row 1, as in a
/// spreadsheet), the column at fault, a stable code and a message in Catalan and Spanish.
/// </summary>
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

    /// <summary>Reads and checks every row of a register.</summary>
    public static AgreementImportResult Read(TextReader reader) => throw new NotImplementedException();
}
