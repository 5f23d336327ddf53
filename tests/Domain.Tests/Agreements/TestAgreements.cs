using System.Globalization;
using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Domain.Tests.Agreements;

/// <summary>Builds agreements for tests, with valid values for every field the test does not set.</summary>
internal static class TestAgreements
{
    public static Agreement Create(
        string start,
        string end,
        int periodMonths = 12,
        int leadDays = 90,
        string? lastBalance = null,
        string id = "PC-TEST-0001") =>
        new(
            AgreementId: id,
            Type: AgreementType.CessioUs,
            EntityName: "Associació de Veïns de Prova",
            EntityNif: "G52690781",
            SpaceName: "Casal de Prova",
            SpaceAddress: "Carrer de Prova, 1, 08001 Barcelona",
            District: "Ciutat Vella",
            Neighbourhood: "el Raval",
            StartDate: DateOnly.Parse(start, CultureInfo.InvariantCulture),
            EndDate: DateOnly.Parse(end, CultureInfo.InvariantCulture),
            BalancePeriodMonths: periodMonths,
            RenewalLeadDays: leadDays,
            LastBalanceDate: lastBalance is null ? null : DateOnly.Parse(lastBalance, CultureInfo.InvariantCulture),
            ContactName: "Anna Prova",
            ContactEmail: "contacte@example.org",
            RepresentativeEmail: "presidencia@example.org",
            Language: Language.Ca);

    public static DateOnly Date(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalDate(string? isoDate) => isoDate is null ? null : Date(isoDate);
}
