namespace BalancFunctions.Domain.Agreements;

/// <summary>Why a NIF is not a valid legal person's NIF.</summary>
public enum NifProblem
{
    /// <summary>The NIF is valid.</summary>
    None,

    /// <summary>The NIF has neither the form of a legal person's NIF nor that of a natural person's.</summary>
    InvalidFormat,

    /// <summary>The NIF has the form of a natural person's NIF or NIE, but entities are legal persons.</summary>
    NaturalPerson,

    /// <summary>The control character does not match the digits.</summary>
    WrongControlCharacter,
}

/// <summary>
/// The outcome of checking a NIF. <see cref="ExpectedControl"/> lists the accepted control
/// characters (such as <c>1</c>, <c>A</c>, or <c>1</c> and <c>A</c>) when the control character is wrong.
/// </summary>
public sealed record NifCheck(NifProblem Problem, IReadOnlyList<char> ExpectedControl)
{
    /// <summary>True when the NIF is a valid legal person's NIF.</summary>
    public bool IsValid => this.Problem == NifProblem.None;
}

/// <summary>
/// Checks the NIF of a legal person (the former CIF): an organisation letter, seven digits and a
/// control character computed from the digits.
/// </summary>
public static class LegalEntityNif
{
    /// <summary>The organisation letters that start a legal person's NIF.</summary>
    public const string OrganisationLetters = "ABCDEFGHJNPQRSUVW";

    // The control letter for control digit d is ControlLetters[d].
    private const string ControlLetters = "JABCDEFGHI";

    // Organisations whose control character is always a letter, or always a digit. The
    // others (C, D, F, G, J, R, U, V) accept either form.
    private const string LetterControlOnly = "NPQSW";
    private const string DigitControlOnly = "ABEH";

    /// <summary>True when <paramref name="nif"/> is a valid legal person's NIF, in upper case and without separators.</summary>
    public static bool IsValid(string? nif) => Check(nif).IsValid;

    /// <summary>
    /// Checks a NIF in upper case and without separators, such as <c>G52690781</c>. The result
    /// distinguishes a malformed NIF, a natural person's NIF and a wrong control character.
    /// </summary>
    public static NifCheck Check(string? nif)
    {
        if (nif is null || nif.Length != 9 || !OrganisationLetters.Contains(nif[0], StringComparison.Ordinal) || !AreDigits(nif, 1, 7))
        {
            return new NifCheck(LooksLikeNaturalPerson(nif) ? NifProblem.NaturalPerson : NifProblem.InvalidFormat, []);
        }

        int controlDigit = ControlDigit(nif.AsSpan(1, 7));
        char controlLetter = ControlLetters[controlDigit];
        char controlDigitChar = (char)('0' + controlDigit);

        // NIFs with 00 in place of a province code take the letter form.
        char organisation = nif[0];
        IReadOnlyList<char> expected;
        if (LetterControlOnly.Contains(organisation, StringComparison.Ordinal) || nif.AsSpan(1, 2).SequenceEqual("00"))
        {
            expected = [controlLetter];
        }
        else if (DigitControlOnly.Contains(organisation, StringComparison.Ordinal))
        {
            expected = [controlDigitChar];
        }
        else
        {
            expected = [controlDigitChar, controlLetter];
        }

        return expected.Contains(nif[8])
            ? new NifCheck(NifProblem.None, [])
            : new NifCheck(NifProblem.WrongControlCharacter, expected);
    }

    /// <summary>
    /// Computes the control digit of the seven digits: the digits in positions 2, 4 and 6, plus
    /// the digit sum of twice each digit in positions 1, 3, 5 and 7, subtracted from the next ten.
    /// </summary>
    private static int ControlDigit(ReadOnlySpan<char> digits)
    {
        int total = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int digit = digits[i] - '0';
            if (i % 2 == 0)
            {
                int doubled = digit * 2;
                total += (doubled / 10) + (doubled % 10);
            }
            else
            {
                total += digit;
            }
        }

        return (10 - (total % 10)) % 10;
    }

    // A natural person's NIF is 8 digits and a letter. A NIE is X, Y or Z, 7 digits and a letter,
    // and so are the natural persons' NIFs that start with K, L or M.
    private static bool LooksLikeNaturalPerson(string? nif) =>
        nif is { Length: 9 }
        && char.IsAsciiLetterUpper(nif[8])
        && (AreDigits(nif, 0, 8) || ("XYZKLM".Contains(nif[0], StringComparison.Ordinal) && AreDigits(nif, 1, 7)));

    private static bool AreDigits(string text, int start, int length)
    {
        foreach (char c in text.AsSpan(start, length))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
