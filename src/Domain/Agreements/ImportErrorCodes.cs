namespace BalancFunctions.Domain.Agreements;

/// <summary>The stable codes of <see cref="ImportRowError.Code"/>, for filters and tests.</summary>
public static class ImportErrorCodes
{
    /// <summary>The file has no header row.</summary>
    public const string MissingHeader = "missing-header";

    /// <summary>A column of the register is missing from the header.</summary>
    public const string MissingColumn = "missing-column";

    /// <summary>The header is separated by semicolons, as Excel saves CSV in Catalan and Spanish locales.</summary>
    public const string SemicolonSeparator = "semicolon-separator";

    /// <summary>The header has a column that the register does not have.</summary>
    public const string UnknownColumn = "unknown-column";

    /// <summary>The header names a column twice.</summary>
    public const string DuplicateColumn = "duplicate-column";

    /// <summary>A row has more or fewer fields than the header.</summary>
    public const string WrongColumnCount = "wrong-column-count";

    /// <summary>A quoted field has text after its closing quote, or its quote is never closed.</summary>
    public const string InvalidQuoting = "invalid-quoting";

    /// <summary>A required field is empty.</summary>
    public const string Required = "required";

    /// <summary>A text field is longer than its maximum.</summary>
    public const string TooLong = "too-long";

    /// <summary>A text field contains line breaks, control characters or invalid UTF-16.</summary>
    public const string InvalidText = "invalid-text";

    /// <summary>The agreement id has characters other than A-Z, a-z, 0-9 and hyphens, or more than 64.</summary>
    public const string InvalidId = "invalid-id";

    /// <summary>The agreement id already appeared in an earlier row.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>The agreement type is not one of the four codes.</summary>
    public const string InvalidType = "invalid-type";

    /// <summary>The NIF is not a valid legal person's NIF.</summary>
    public const string InvalidNif = "invalid-nif";

    /// <summary>A date is not yyyy-MM-dd, or is before 1900-01-01.</summary>
    public const string InvalidDate = "invalid-date";

    /// <summary>The end date is not after the start date.</summary>
    public const string EndBeforeStart = "end-before-start";

    /// <summary>The balance period is not 6, 12 or 24 months.</summary>
    public const string InvalidPeriod = "invalid-period";

    /// <summary>The renewal lead is not a whole number of days from 0 to 365.</summary>
    public const string InvalidLeadDays = "invalid-lead-days";

    /// <summary>An e-mail address fails the syntax check.</summary>
    public const string InvalidEmail = "invalid-email";

    /// <summary>The language is not ca or es.</summary>
    public const string InvalidLanguage = "invalid-language";
}
