namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// The stable machine codes of <see cref="Questionnaire.ValidationProblem.Code"/>. Clients may
/// rely on them; the messages may be reworded at any time.
/// </summary>
public static class ProblemCodes
{
    /// <summary>A required field or a mandatory indicator is missing.</summary>
    public const string Required = "required";

    /// <summary>A conditional indicator is missing although its condition holds.</summary>
    public const string RequiredByCondition = "required-by-condition";

    /// <summary>A conditional indicator is answered or declared not available although its condition does not hold.</summary>
    public const string NotApplicable = "not-applicable";

    /// <summary>The JSON value has the wrong kind, such as the string "sí" for a bool.</summary>
    public const string WrongType = "wrong-type";

    /// <summary>A number with decimals where a whole number is expected.</summary>
    public const string NotInteger = "not-integer";

    /// <summary>A number or scale value below the minimum.</summary>
    public const string BelowMinimum = "below-minimum";

    /// <summary>A number or scale value above the maximum.</summary>
    public const string AboveMaximum = "above-maximum";

    /// <summary>A number with more decimals than allowed.</summary>
    public const string TooManyDecimals = "too-many-decimals";

    /// <summary>A text shorter than its minimum length.</summary>
    public const string TooShort = "too-short";

    /// <summary>A text longer than its maximum length.</summary>
    public const string TooLong = "too-long";

    /// <summary>A text that is not valid Unicode (an unpaired surrogate).</summary>
    public const string InvalidText = "invalid-text";

    /// <summary>An option code that the indicator does not have.</summary>
    public const string UnknownOption = "unknown-option";

    /// <summary>An option code repeated in a multi answer.</summary>
    public const string DuplicateOption = "duplicate-option";

    /// <summary>A date that is not a valid yyyy-MM-dd date.</summary>
    public const string InvalidDate = "invalid-date";

    /// <summary>A period whose end is not after its start.</summary>
    public const string PeriodOrder = "period-order";

    /// <summary>A period longer than the indicator allows.</summary>
    public const string PeriodTooLong = "period-too-long";

    /// <summary>A period that ends after the submission date.</summary>
    public const string PeriodInFuture = "period-in-future";

    /// <summary>An answer id that is not an indicator of the submission's questionnaire version.</summary>
    public const string UnknownIndicator = "unknown-indicator";

    /// <summary>A non-numeric indicator declared not available.</summary>
    public const string NotAvailableNotNumeric = "not-available-not-numeric";

    /// <summary>An indicator both answered and declared not available.</summary>
    public const string NotAvailableAndAnswered = "not-available-and-answered";

    /// <summary>A not-available reason that is not a string.</summary>
    public const string NotAvailableReasonWrongType = "not-available-reason-wrong-type";

    /// <summary>A not-available reason that is empty after trimming.</summary>
    public const string NotAvailableReasonMissing = "not-available-reason-missing";

    /// <summary>A not-available reason longer than 300 characters.</summary>
    public const string NotAvailableReasonTooLong = "not-available-reason-too-long";

    /// <summary>An indicator greater than the bound of a cross-indicator rule (error or warning, as the rule says).</summary>
    public const string GreaterThan = "greater-than";

    /// <summary>A body field that the submission format does not have.</summary>
    public const string UnknownField = "unknown-field";

    /// <summary>A property that appears twice in the same JSON object.</summary>
    public const string DuplicateField = "duplicate-field";

    /// <summary>An agreement id with characters other than letters, digits and hyphens, or longer than 64.</summary>
    public const string InvalidFormat = "invalid-format";

    /// <summary>A questionnaire version that the catalog does not have.</summary>
    public const string UnknownVersion = "unknown-version";

    /// <summary>A language other than "ca" and "es".</summary>
    public const string UnknownLanguage = "unknown-language";
}
