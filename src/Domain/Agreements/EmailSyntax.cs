namespace BalancFunctions.Domain.Agreements;

/// <summary>The e-mail syntax check of the register import, for other inputs of contact addresses.</summary>
public static class EmailSyntax
{
    /// <summary>Returns whether a value looks like an e-mail address (one @, a dotted domain, no spaces, at most 254 characters).</summary>
    public static bool IsPlausible(string? value) => value is not null && AgreementRowReader.IsPlausibleEmail(value);
}
