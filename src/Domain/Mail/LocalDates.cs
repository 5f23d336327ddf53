using System.Globalization;

namespace BalancFunctions.Domain.Mail;

/// <summary>
/// Written local dates in Catalan and Spanish. Month names are spelled out here rather than taken
/// from CultureInfo, because a host without ICU data has no ca-ES or es-ES culture.
/// </summary>
public static class LocalDates
{
    private static readonly string[] CatalanMonths =
    [
        "gener", "febrer", "març", "abril", "maig", "juny",
        "juliol", "agost", "setembre", "octubre", "novembre", "desembre",
    ];

    private static readonly string[] SpanishMonths =
    [
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ];

    /// <summary>
    /// Formats a date as it is written in a letter: "31 de març de 2027", "1 d'abril de 2027"
    /// (Catalan elides "de" before abril, agost and octubre) or "31 de marzo de 2027".
    /// </summary>
    public static string Format(DateOnly date, Language language)
    {
        string day = date.Day.ToString(CultureInfo.InvariantCulture);
        string year = date.Year.ToString(CultureInfo.InvariantCulture);

        if (language == Language.Es)
        {
            return $"{day} de {SpanishMonths[date.Month - 1]} de {year}";
        }

        string month = CatalanMonths[date.Month - 1];
        string preposition = month[0] is 'a' or 'o' ? "d'" : "de ";
        return $"{day} {preposition}{month} de {year}";
    }
}
