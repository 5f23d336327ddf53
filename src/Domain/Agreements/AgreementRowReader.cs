using System.Globalization;
using System.Text;

namespace BalancFunctions.Domain.Agreements;

/// <summary>
/// Checks one data row of the register and maps it to an <see cref="Agreement"/>, collecting
/// every problem of the row in <see cref="Errors"/>.
/// </summary>
internal sealed class AgreementRowReader
{
    /// <summary>Max length of a text field, in user-perceived characters.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Max length of <c>space_address</c>, in user-perceived characters.</summary>
    public const int MaxAddressLength = 300;

    /// <summary>Max length of an agreement id, which becomes an Azure Table key.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Max length of an e-mail address (RFC 5321 allows 256 octets for a path, angle brackets included).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Max renewal lead, in days.</summary>
    public const int MaxLeadDays = 365;

    // The programme's balance periods, in months.
    private static readonly int[] BalancePeriods = [6, 12, 24];

    private static readonly DateOnly MinDate = DateLimits.Min;
    private static readonly DateOnly MaxDate = DateLimits.Max;

    private readonly CsvRecord record;
    private readonly IReadOnlyDictionary<string, int> columnIndexes;
    private readonly Dictionary<string, int> idRows;
    private readonly List<ImportRowError> errors = [];
    private string? agreementId;

    /// <param name="record">The row.</param>
    /// <param name="columnIndexes">The field index of each column, from the header.</param>
    /// <param name="idRows">The row of each agreement id seen so far, which this reader adds to.</param>
    public AgreementRowReader(CsvRecord record, IReadOnlyDictionary<string, int> columnIndexes, Dictionary<string, int> idRows)
    {
        this.record = record;
        this.columnIndexes = columnIndexes;
        this.idRows = idRows;
    }

    /// <summary>The row's problems, filled by <see cref="Read"/>.</summary>
    public IReadOnlyList<ImportRowError> Errors => this.errors;

    /// <summary>Checks every field of the row and returns the agreement, or null when the row has any problem.</summary>
    public Agreement? Read()
    {
        bool rightCount = this.record.Fields.Count == this.columnIndexes.Count;

        // The id goes into every error of the row, so it is read first.
        if (rightCount)
        {
            this.agreementId = this.ReadId();
        }

        if (this.record.Problem is CsvQuotingProblem problem)
        {
            string column = this.ColumnAt(this.record.ProblemField);
            this.AddError(column, ImportErrorCodes.InvalidQuoting, ImportMessages.InvalidQuoting(column, problem));
        }

        if (!rightCount)
        {
            // Without the right number of fields, no field can be matched to its column. The field
            // at the id's position is still shown as the id when it looks like one, to help find the row.
            this.agreementId = this.GuessId();
            this.AddError(string.Empty, ImportErrorCodes.WrongColumnCount, ImportMessages.WrongColumnCount(this.record.Fields.Count, this.columnIndexes.Count));
            return null;
        }

        AgreementType? type = this.ReadType();
        string entityName = this.ReadText("entity_name", MaxTextLength);
        string entityNif = this.ReadNif();
        string spaceName = this.ReadText("space_name", MaxTextLength);
        string spaceAddress = this.ReadText("space_address", MaxAddressLength);
        string district = this.ReadText("district", MaxTextLength);
        string neighbourhood = this.ReadText("neighbourhood", MaxTextLength);
        DateOnly? startDate = this.ReadDate("start_date", required: true);
        DateOnly? endDate = this.ReadDate("end_date", required: true);
        int? periodMonths = this.ReadPeriod();
        int? leadDays = this.ReadLeadDays();
        DateOnly? lastBalanceDate = this.ReadDate("last_balance_date", required: false);
        string contactName = this.ReadText("contact_name", MaxTextLength);
        string contactEmail = this.ReadEmail("contact_email");
        string representativeEmail = this.ReadEmail("representative_email");
        Language? language = this.ReadLanguage();

        if (startDate is DateOnly start && endDate is DateOnly end && end <= start)
        {
            this.AddError("end_date", ImportErrorCodes.EndBeforeStart, ImportMessages.EndBeforeStart(start, end));
        }

        if (this.errors.Count > 0)
        {
            return null;
        }

        // With no errors, every value below was read.
        return new Agreement(
            this.agreementId!,
            type!.Value,
            entityName,
            entityNif,
            spaceName,
            spaceAddress,
            district,
            neighbourhood,
            startDate!.Value,
            endDate!.Value,
            periodMonths!.Value,
            leadDays!.Value,
            lastBalanceDate,
            contactName,
            contactEmail,
            representativeEmail,
            language!.Value);
    }

    // Returns the id in upper case when it is valid, and records its row so that a later row with
    // the same id is a duplicate. Storage keys are case-sensitive, so a lower-case typing slip would
    // otherwise create a second agreement with reminders of its own.
    private string? ReadId()
    {
        const string column = "agreement_id";
        if (!this.TryReadRequired(column, out string value))
        {
            return null;
        }

        value = value.ToUpperInvariant();

        if (!IsValidId(value))
        {
            this.AddError(column, ImportErrorCodes.InvalidId, ImportMessages.InvalidId(value));
            return null;
        }

        if (this.idRows.TryGetValue(value, out int firstRow))
        {
            this.agreementId = value;
            this.AddError(column, ImportErrorCodes.DuplicateId, ImportMessages.DuplicateId(value, firstRow));
            return value;
        }

        this.idRows.Add(value, this.record.Row);
        return value;
    }

    private string? GuessId()
    {
        int index = this.columnIndexes["agreement_id"];
        string? value = index < this.record.Fields.Count ? this.record.Fields[index].Trim() : null;
        return value is not null && IsValidId(value) ? value : null;
    }

    private static bool IsValidId(string value) =>
        value.Length is > 0 and <= MaxIdLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private AgreementType? ReadType()
    {
        const string column = "agreement_type";
        if (!this.TryReadRequired(column, out string value))
        {
            return null;
        }

        if (AgreementTypeCodes.TryParse(value.ToLowerInvariant(), out AgreementType type))
        {
            return type;
        }

        this.AddError(column, ImportErrorCodes.InvalidType, ImportMessages.InvalidType(value));
        return null;
    }

    // Returns the NIF in upper case.
    private string ReadNif()
    {
        const string column = "entity_nif";
        if (!this.TryReadRequired(column, out string value))
        {
            return string.Empty;
        }

        string nif = value.ToUpperInvariant();
        NifCheck check = LegalEntityNif.Check(nif);
        LocalizedText? message = check.Problem switch
        {
            NifProblem.None => null,
            NifProblem.NaturalPerson => ImportMessages.NaturalPersonNif(value),
            NifProblem.WrongControlCharacter => ImportMessages.WrongNifControl(value, check.ExpectedControl),
            _ => ImportMessages.InvalidNifFormat(value),
        };
        if (message is not null)
        {
            this.AddError(column, ImportErrorCodes.InvalidNif, message);
        }

        return nif;
    }

    private string ReadText(string column, int maxLength)
    {
        if (!this.TryReadRequired(column, out string value))
        {
            return string.Empty;
        }

        if (value.Any(char.IsControl))
        {
            this.AddError(column, ImportErrorCodes.InvalidText, ImportMessages.ControlCharacters(column));
        }

        int length = new StringInfo(value).LengthInTextElements;
        if (length > maxLength)
        {
            this.AddError(column, ImportErrorCodes.TooLong, ImportMessages.TooLong(column, length, maxLength));
        }

        return value;
    }

    private DateOnly? ReadDate(string column, bool required)
    {
        string? value = this.Field(column);
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0)
        {
            if (required)
            {
                this.AddError(column, ImportErrorCodes.Required, ImportMessages.Required(column));
            }

            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) || date < MinDate || date > MaxDate)
        {
            this.AddError(column, ImportErrorCodes.InvalidDate, ImportMessages.InvalidDate(column, value));
            return null;
        }

        return date;
    }

    private int? ReadPeriod()
    {
        const string column = "balance_period_months";
        if (!this.TryReadRequired(column, out string value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int months) || !BalancePeriods.Contains(months))
        {
            this.AddError(column, ImportErrorCodes.InvalidPeriod, ImportMessages.InvalidPeriod(value));
            return null;
        }

        return months;
    }

    private int? ReadLeadDays()
    {
        const string column = "renewal_lead_days";
        if (!this.TryReadRequired(column, out string value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int days) || days > MaxLeadDays)
        {
            this.AddError(column, ImportErrorCodes.InvalidLeadDays, ImportMessages.InvalidLeadDays(value, MaxLeadDays));
            return null;
        }

        return days;
    }

    private string ReadEmail(string column)
    {
        if (!this.TryReadRequired(column, out string value))
        {
            return string.Empty;
        }

        if (!IsPlausibleEmail(value))
        {
            this.AddError(column, ImportErrorCodes.InvalidEmail, ImportMessages.InvalidEmail(column, value, MaxEmailLength));
        }

        return value;
    }

    private Language? ReadLanguage()
    {
        const string column = "language";
        if (!this.TryReadRequired(column, out string value))
        {
            return null;
        }

        if (!LanguageCodes.TryParse(value, out Language language))
        {
            this.AddError(column, ImportErrorCodes.InvalidLanguage, ImportMessages.InvalidLanguage(value));
            return null;
        }

        return language;
    }

    /// <summary>
    /// Checks e-mail syntax pragmatically, not by the full RFC 5322 grammar: one @, a non-empty
    /// local part, a domain of dot-separated non-empty labels with at least one dot, no white
    /// space or control characters, and at most <see cref="MaxEmailLength"/> characters.
    /// </summary>
    internal static bool IsPlausibleEmail(string value)
    {
        if (value.Length == 0 || value.Length > MaxEmailLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        int at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@'))
        {
            return false;
        }

        string[] labels = value[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length > 0);
    }

    // Reads a required field, adding a "required" error when it is empty.
    private bool TryReadRequired(string column, out string value)
    {
        string? field = this.Field(column);
        value = field ?? string.Empty;
        if (field is null)
        {
            return false;
        }

        if (field.Length == 0)
        {
            this.AddError(column, ImportErrorCodes.Required, ImportMessages.Required(column));
            return false;
        }

        return true;
    }

    // Returns a field trimmed and in Unicode normalization form C. A field with invalid UTF-16
    // (a lone surrogate) cannot be normalized, so it gets an "invalid-text" error and reads as null.
    private string? Field(string column)
    {
        string value = this.record.Fields[this.columnIndexes[column]].Trim();
        try
        {
            return value.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            this.AddError(column, ImportErrorCodes.InvalidText, ImportMessages.InvalidCharacters(column));
            return null;
        }
    }

    private string ColumnAt(int fieldIndex)
    {
        foreach ((string column, int index) in this.columnIndexes)
        {
            if (index == fieldIndex)
            {
                return column;
            }
        }

        return string.Empty;
    }

    private void AddError(string column, string code, LocalizedText message) =>
        this.errors.Add(new ImportRowError(this.record.Row, this.agreementId, column, code, message));
}
