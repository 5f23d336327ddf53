using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Domain.Tests.Agreements;

// Control digits used below: 5269078 gives 1 (letter A), 1234567 gives 4 (letter D),
// 0012345 gives 5 (letter E) and 0000000 gives 0 (letter J).
public sealed class LegalEntityNifTests
{
    [Theory]
    // G, F, J and the other letters accept the digit or the letter form.
    [InlineData("G52690781")]
    [InlineData("G5269078A")]
    [InlineData("F52690781")]
    [InlineData("J12345674")]
    [InlineData("J1234567D")]
    // A, B, E and H take the digit form.
    [InlineData("A12345674")]
    [InlineData("B12345674")]
    // N, P, Q, S and W take the letter form.
    [InlineData("P1234567D")]
    [InlineData("Q0000000J")]
    [InlineData("W1234567D")]
    // NIFs with 00 for the province take the letter form.
    [InlineData("G0012345E")]
    [InlineData("B0012345E")]
    public void Check_ValidNif_IsValid(string nif)
    {
        NifCheck check = LegalEntityNif.Check(nif);

        Assert.Equal(NifProblem.None, check.Problem);
        Assert.True(check.IsValid);
        Assert.True(LegalEntityNif.IsValid(nif));
    }

    [Theory]
    [InlineData("G52690782", "1A")]
    [InlineData("G5269078B", "1A")]
    [InlineData("A1234567D", "4")]
    [InlineData("A12345675", "4")]
    [InlineData("P12345674", "D")]
    [InlineData("B00123455", "E")]
    [InlineData("G00123455", "E")]
    public void Check_WrongControl_ListsExpected(string nif, string expected)
    {
        NifCheck check = LegalEntityNif.Check(nif);

        Assert.Equal(NifProblem.WrongControlCharacter, check.Problem);
        Assert.Equal(expected, string.Concat(check.ExpectedControl));
        Assert.False(check.IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("G5269078")]
    [InlineData("G526907811")]
    [InlineData("I52690781")]
    [InlineData("G5269O781")]
    [InlineData("g52690781")]
    [InlineData("G-5269078")]
    [InlineData("123456789")]
    public void Check_Malformed_IsInvalidFormat(string? nif)
    {
        Assert.Equal(NifProblem.InvalidFormat, LegalEntityNif.Check(nif).Problem);
    }

    [Theory]
    [InlineData("12345678Z")]
    [InlineData("X1234567L")]
    [InlineData("Y1234567X")]
    [InlineData("K1234567A")]
    public void Check_NaturalPersonNif_IsNaturalPerson(string nif)
    {
        Assert.Equal(NifProblem.NaturalPerson, LegalEntityNif.Check(nif).Problem);
    }
}
