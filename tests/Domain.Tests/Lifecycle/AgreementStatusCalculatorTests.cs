using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Lifecycle;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Lifecycle;

public sealed class AgreementStatusCalculatorTests
{
    // Due dates 2025-01-15, 2026-01-15, 2027-01-15 and the renewal 2027-10-17; ends 2028-01-15.
    private static readonly Agreement Yearly = Create("2024-01-15", "2028-01-15");

    [Theory]
    // After the end date.
    [InlineData(null, null, "2028-01-16", AgreementStatusCode.Finished, null)]
    [InlineData("2027-10-17", null, "2028-01-16", AgreementStatusCode.Finished, null)]
    // A balance filed for a due date still ahead, or due today.
    [InlineData("2026-01-15", null, "2025-12-01", AgreementStatusCode.Submitted, "2027-01-15")]
    [InlineData("2026-01-15", null, "2026-01-15", AgreementStatusCode.Submitted, "2027-01-15")]
    [InlineData("2027-10-17", null, "2027-09-01", AgreementStatusCode.Submitted, null)]
    // Every due date covered.
    [InlineData("2027-10-17", null, "2027-10-18", AgreementStatusCode.UpToDate, null)]
    [InlineData("2027-10-17", null, "2028-01-15", AgreementStatusCode.UpToDate, null)]
    // The open due date has passed.
    [InlineData(null, null, "2025-01-16", AgreementStatusCode.Overdue, "2025-01-15")]
    [InlineData(null, null, "2028-01-15", AgreementStatusCode.Overdue, "2025-01-15")]
    [InlineData(null, "2025-01-15", "2025-01-16", AgreementStatusCode.Escalated, "2025-01-15")]
    // An escalation of an earlier due date does not carry over to the next one.
    [InlineData("2025-01-15", "2025-01-15", "2026-02-01", AgreementStatusCode.Overdue, "2026-01-15")]
    // The open due date is 0 to 30 days away.
    [InlineData(null, null, "2025-01-15", AgreementStatusCode.DueSoon, "2025-01-15")]
    [InlineData(null, null, "2024-12-16", AgreementStatusCode.DueSoon, "2025-01-15")]
    [InlineData("2025-01-15", null, "2025-12-20", AgreementStatusCode.DueSoon, "2026-01-15")]
    // The open due date is more than 30 days away.
    [InlineData(null, null, "2024-12-15", AgreementStatusCode.UpToDate, "2025-01-15")]
    [InlineData(null, null, "2024-02-01", AgreementStatusCode.UpToDate, "2025-01-15")]
    [InlineData("2025-01-15", null, "2025-01-16", AgreementStatusCode.UpToDate, "2026-01-15")]
    public void Compute_Cases_ReturnsStatus(
        string? coveredThrough, string? escalatedDueDate, string today, AgreementStatusCode expected, string? nextDueDate)
    {
        AgreementStatus status = AgreementStatusCalculator.Compute(
            Yearly, OptionalDate(coveredThrough), OptionalDate(escalatedDueDate), Date(today));

        Assert.Equal(expected, status.Code);
        Assert.Equal(OptionalDate(nextDueDate), status.NextDueDate);
        Assert.Equal(AgreementStatusCalculator.Describe(expected).CodeText, status.CodeText);
        Assert.Equal(AgreementStatusCalculator.Describe(expected).Label, status.Label);
    }

    [Theory]
    [InlineData(AgreementStatusCode.UpToDate, "al-dia", "Al dia", "Al día")]
    [InlineData(AgreementStatusCode.DueSoon, "termini-proper", "Termini proper", "Plazo próximo")]
    [InlineData(AgreementStatusCode.Overdue, "fora-de-termini", "Fora de termini", "Fuera de plazo")]
    [InlineData(AgreementStatusCode.Escalated, "derivat-otpc", "Derivat a l'OTPC", "Derivado a la OTPC")]
    [InlineData(AgreementStatusCode.Submitted, "presentat", "Presentat", "Presentado")]
    [InlineData(AgreementStatusCode.Finished, "finalitzat", "Finalitzat", "Finalizado")]
    public void Describe_Code_ReturnsCodeTextAndLabels(AgreementStatusCode code, string codeText, string catalan, string spanish)
    {
        AgreementStatusDescription description = AgreementStatusCalculator.Describe(code);

        Assert.Equal(code, description.Code);
        Assert.Equal(codeText, description.CodeText);
        Assert.Equal(catalan, description.Label.Ca);
        Assert.Equal(spanish, description.Label.Es);
    }

    [Fact]
    public void Descriptions_CoverEveryCodeOnce()
    {
        Assert.Equal(Enum.GetValues<AgreementStatusCode>(), AgreementStatusCalculator.Descriptions.Select(description => description.Code));
        Assert.Equal(
            AgreementStatusCalculator.Descriptions.Count,
            AgreementStatusCalculator.Descriptions.Select(description => description.CodeText).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Describe_UndefinedCode_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AgreementStatusCalculator.Describe((AgreementStatusCode)99));
    }

    [Theory]
    [InlineData("al-dia", true, AgreementStatusCode.UpToDate)]
    [InlineData("derivat-otpc", true, AgreementStatusCode.Escalated)]
    [InlineData("Al-Dia", false, AgreementStatusCode.UpToDate)]
    [InlineData("", false, AgreementStatusCode.UpToDate)]
    [InlineData(null, false, AgreementStatusCode.UpToDate)]
    public void TryParseCodeText_Text_FindsCode(string? codeText, bool found, AgreementStatusCode expected)
    {
        Assert.Equal(found, AgreementStatusCalculator.TryParseCodeText(codeText, out AgreementStatusCode code));
        Assert.Equal(expected, code);
    }
}
