namespace BalancFunctions.Domain.Agreements;

/// <summary>The four kinds of agreement of the Patrimoni Ciutadà programme.</summary>
public enum AgreementType
{
    /// <summary>Conveni de cessió d'ús of a local or a plot (code <c>cessio-us</c>).</summary>
    CessioUs,

    /// <summary>Autorització d'ús (code <c>autoritzacio-us</c>).</summary>
    AutoritzacioUs,

    /// <summary>Conveni de gestió cívica of a municipal facility (code <c>gestio-civica</c>).</summary>
    GestioCivica,

    /// <summary>Concessió administrativa (code <c>concessio</c>).</summary>
    Concessio,
}

/// <summary>
/// One agreement of the register, with the columns of the register's CSV file.
/// Dates are local calendar dates in Europe/Madrid.
/// </summary>
public sealed record Agreement(
    string AgreementId,
    AgreementType Type,
    string EntityName,
    string EntityNif,
    string SpaceName,
    string SpaceAddress,
    string District,
    string Neighbourhood,
    DateOnly StartDate,
    DateOnly EndDate,
    int BalancePeriodMonths,
    int RenewalLeadDays,
    DateOnly? LastBalanceDate,
    string ContactName,
    string ContactEmail,
    string RepresentativeEmail,
    Language Language);
