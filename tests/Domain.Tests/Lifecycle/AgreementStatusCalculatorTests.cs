using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Lifecycle;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Lifecycle;

public sealed class AgreementStatusCalculatorTests
{
    // Due dates 2025-01-15, 2026-01-15, 2027-01-15 and the renewal 2027-10-17; ends 2028-01-15.
    private static readonly Agreement Yearly = Create("2024-01-15", "2028-01-15");

    [Theory]
    // After the end date: finished with the renewal balance, else expired without it.
    [InlineData(null, null, "2028-01-16", AgreementStatusCode.ExpiredWithoutBalance, null)]
    [InlineData("2027-01-15", null, "2028-01-16", AgreementStatusCode.ExpiredWithoutBalance, null)]
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
    // Extended from 2025-01-15 to 2025-03-01: due soon and overdue follow the new date.
    [InlineData(null, "2025-03-01", 0, null, "2025-01-16", AgreementStatusCode.UpToDate, "2025-03-01", "2025-01-15", 0)]
    [InlineData(null, "2025-03-01", 0, null, "2025-01-30", AgreementStatusCode.DueSoon, "2025-03-01", "2025-01-15", 0)]
    [InlineData(null, "2025-03-01", 0, null, "2025-03-01", AgreementStatusCode.DueSoon, "2025-03-01", "2025-01-15", 0)]
    [InlineData(null, "2025-03-01", 0, null, "2025-03-02", AgreementStatusCode.Overdue, "2025-03-01", "2025-01-15", 0)]
    // An escalation is stored against the original date.
    [InlineData(null, "2025-03-01", 1, "2025-01-15", "2025-03-02", AgreementStatusCode.Escalated, "2025-03-01", "2025-01-15", 1)]
    // A balance covering the extended due date shows as submitted until the new date.
    [InlineData("2025-01-15", "2025-03-01", 0, null, "2025-02-20", AgreementStatusCode.Submitted, "2026-01-15", "2026-01-15", 0)]
    [InlineData("2025-01-15", "2025-03-01", 0, null, "2025-03-02", AgreementStatusCode.UpToDate, "2026-01-15", "2026-01-15", 0)]
    // Escalation levels: the second level, a level without a stored date, and an earlier due date's level.
    [InlineData(null, null, 2, "2025-01-15", "2025-02-20", AgreementStatusCode.Escalated, "2025-01-15", "2025-01-15", 2)]
    [InlineData(null, null, 1, null, "2025-01-16", AgreementStatusCode.Escalated, "2025-01-15", "2025-01-15", 1)]
    [InlineData(null, null, 0, "2025-01-15", "2025-01-16", AgreementStatusCode.Escalated, "2025-01-15", "2025-01-15", 1)]
    [InlineData("2025-01-15", null, 2, "2025-01-15", "2026-02-01", AgreementStatusCode.Overdue, "2026-01-15", "2026-01-15", 0)]
    // An escalation stays recorded while an extension makes the due date current again.
    [InlineData(null, "2025-03-01", 1, "2025-01-15", "2025-02-01", AgreementStatusCode.DueSoon, "2025-03-01", "2025-01-15", 1)]
    // An extended renewal still decides the end: covered by its original date.
    [InlineData("2027-10-17", "2028-01-10", 0, null, "2028-01-16", AgreementStatusCode.Finished, null, null, 0)]
    [InlineData("2027-01-15", "2028-01-10", 0, null, "2028-01-16", AgreementStatusCode.ExpiredWithoutBalance, null, null, 0)]
    public void Compute_State_ReturnsStatus(
        string? coveredThrough,
        string? extendedTo,
        int escalationLevel,
        string? escalatedDueDate,
        string today,
        AgreementStatusCode expected,
        string? nextDueDate,
        string? nextDueDateOriginal,
        int expectedLevel)
    {
        // The extension applies to the first open due date, or to the renewal for the end cases.
        string extended = coveredThrough == "2027-10-17" || coveredThrough == "2027-01-15" ? "2027-10-17" : "2025-01-15";
        var state = CyclePlannerTests.State(Yearly) with
        {
            CoveredThrough = OptionalDate(coveredThrough),
            Extensions = extendedTo is null ? new Dictionary<DateOnly, DateOnly>() : CyclePlannerTests.Extension(extended, extendedTo),
        };

        AgreementStatus status = AgreementStatusCalculator.Compute(state, escalationLevel, OptionalDate(escalatedDueDate), Date(today));

        Assert.Equal(expected, status.Code);
        Assert.Equal(OptionalDate(nextDueDate), status.NextDueDate);
        Assert.Equal(OptionalDate(nextDueDateOriginal), status.NextDueDateOriginal);
        Assert.Equal(expectedLevel, status.EscalationLevel);
        Assert.False(status.AwaitingRegistration);
    }

    [Theory]
    [InlineData("2025-01-10", AgreementStatusCode.Submitted)]
    [InlineData("2025-02-01", AgreementStatusCode.UpToDate)]
    public void Compute_PendingRegistration_SetsAwaitingRegistration(string today, AgreementStatusCode expected)
    {
        var state = CyclePlannerTests.State(Yearly) with
        {
            CoveredThrough = Date("2025-01-15"),
            PendingRegistrations = [new PendingRegistration(Date("2025-01-15"), new DateTimeOffset(2025, 1, 5, 10, 0, 0, TimeSpan.Zero))],
        };

        AgreementStatus status = AgreementStatusCalculator.Compute(state, 0, null, Date(today));

        Assert.Equal(expected, status.Code);
        Assert.True(status.AwaitingRegistration);
    }

    [Fact]
    public void Compute_NoDueDatesEnded_IsFinished()
    {
        // 60 days of term and a 90-day lead: no balance was ever due.
        Agreement agreement = Create("2024-01-01", "2024-03-01", 6, 90);

        AgreementStatus status = AgreementStatusCalculator.Compute(CyclePlannerTests.State(agreement), 0, null, Date("2024-03-02"));

        Assert.Equal(AgreementStatusCode.Finished, status.Code);
    }

    [Fact]
    public void Compute_NegativeLevel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AgreementStatusCalculator.Compute(CyclePlannerTests.State(Yearly), -1, null, Date("2025-01-01")));
    }

    [Fact]
    public void Compute_OldOverload_MatchesStateOverload()
    {
        AgreementStatus old = AgreementStatusCalculator.Compute(Yearly, null, Date("2025-01-15"), Date("2025-02-01"));
        AgreementStatus current = AgreementStatusCalculator.Compute(CyclePlannerTests.State(Yearly), 0, Date("2025-01-15"), Date("2025-02-01"));

        Assert.Equal(current, old);
        Assert.Equal(AgreementStatusCode.Escalated, old.Code);
        Assert.Equal(1, old.EscalationLevel);
    }

    [Theory]
    [InlineData(AgreementStatusCode.UpToDate, "al-dia", "Al dia", "Al día")]
    [InlineData(AgreementStatusCode.DueSoon, "termini-proper", "Termini proper", "Plazo próximo")]
    [InlineData(AgreementStatusCode.Overdue, "fora-de-termini", "Fora de termini", "Fuera de plazo")]
    [InlineData(AgreementStatusCode.Escalated, "derivat-otpc", "Derivat a l'OTPC", "Derivado a la OTPC")]
    [InlineData(AgreementStatusCode.Submitted, "presentat", "Presentat", "Presentado")]
    [InlineData(AgreementStatusCode.Finished, "finalitzat", "Finalitzat", "Finalizado")]
    [InlineData(AgreementStatusCode.ExpiredWithoutBalance, "finalitzat-sense-balanc", "Finalitzat sense balanç", "Finalizado sin balance")]
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
    [InlineData("finalitzat-sense-balanc", true, AgreementStatusCode.ExpiredWithoutBalance)]
    [InlineData("Al-Dia", false, AgreementStatusCode.UpToDate)]
    [InlineData("", false, AgreementStatusCode.UpToDate)]
    [InlineData(null, false, AgreementStatusCode.UpToDate)]
    public void TryParseCodeText_Text_FindsCode(string? codeText, bool found, AgreementStatusCode expected)
    {
        Assert.Equal(found, AgreementStatusCalculator.TryParseCodeText(codeText, out AgreementStatusCode code));
        Assert.Equal(expected, code);
    }
}
