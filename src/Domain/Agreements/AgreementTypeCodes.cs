namespace BalancFunctions.Domain.Agreements;

/// <summary>The register's codes of the agreement types, with their Catalan and Spanish names.</summary>
public static class AgreementTypeCodes
{
    private static readonly (AgreementType Type, string Code, LocalizedText Name)[] Table =
    [
        (AgreementType.CessioUs, "cessio-us", new("Conveni de cessió d'ús", "Convenio de cesión de uso")),
        (AgreementType.AutoritzacioUs, "autoritzacio-us", new("Autorització d'ús", "Autorización de uso")),
        (AgreementType.GestioCivica, "gestio-civica", new("Conveni de gestió cívica", "Convenio de gestión cívica")),
        (AgreementType.Concessio, "concessio", new("Concessió administrativa", "Concesión administrativa")),
    ];

    /// <summary>Returns the register code, such as <c>cessio-us</c>.</summary>
    public static string ToCode(AgreementType type) => Table.First(row => row.Type == type).Code;

    /// <summary>Returns the type's name in Catalan and Spanish.</summary>
    public static LocalizedText Name(AgreementType type) => Table.First(row => row.Type == type).Name;

    /// <summary>Parses a register code; returns false for an unknown one.</summary>
    public static bool TryParse(string? code, out AgreementType type)
    {
        foreach ((AgreementType candidate, string candidateCode, _) in Table)
        {
            if (string.Equals(candidateCode, code, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Parses a register code; throws <see cref="FormatException"/> for an unknown one.</summary>
    public static AgreementType Parse(string code) =>
        TryParse(code, out AgreementType type) ? type : throw new FormatException($"Unknown agreement type code '{code}'.");
}
