using System.Globalization;
using System.Text;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// Number and date formats of Catalan and Spanish, written out by hand because the ICU data
/// behind <c>CultureInfo("ca-ES")</c> may be missing where the application runs.
/// </summary>
public static class LocalFormat
{
    /// <summary>
    /// Formats a number with a decimal comma and a full stop between thousands, without trailing
    /// decimal zeros. As in the CLDR data for each language, Catalan groups from 4 integer digits
    /// (2.300) and Spanish from 5 (2300, 23.000).
    /// </summary>
    public static string Number(decimal value, Language language)
    {
        string invariant = Math.Abs(Normalize(value)).ToString(CultureInfo.InvariantCulture);
        string[] parts = invariant.Split('.');
        string integerDigits = parts[0];
        int minimumDigitsToGroup = language == Language.Es ? 5 : 4;

        var builder = new StringBuilder();
        if (value < 0 && Normalize(value) != 0)
        {
            builder.Append('-');
        }

        if (integerDigits.Length >= minimumDigitsToGroup)
        {
            int firstGroupLength = integerDigits.Length % 3 == 0 ? 3 : integerDigits.Length % 3;
            builder.Append(integerDigits, 0, firstGroupLength);
            for (int index = firstGroupLength; index < integerDigits.Length; index += 3)
            {
                builder.Append('.').Append(integerDigits, index, 3);
            }
        }
        else
        {
            builder.Append(integerDigits);
        }

        if (parts.Length > 1)
        {
            builder.Append(',').Append(parts[1]);
        }

        return builder.ToString();
    }

    /// <summary>Formats a date as dd/MM/yyyy, as both languages write it.</summary>
    public static string Date(DateOnly date) => date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// <summary>Formats a local time as dd/MM/yyyy HH:mm followed by its UTC offset, such as (UTC+01:00).</summary>
    public static string DateTime(DateTimeOffset localTime)
    {
        string offsetSign = localTime.Offset < TimeSpan.Zero ? "-" : "+";
        string offset = localTime.Offset.Duration().ToString("hh':'mm", CultureInfo.InvariantCulture);
        return localTime.ToString("dd'/'MM'/'yyyy HH':'mm", CultureInfo.InvariantCulture) + $" (UTC{offsetSign}{offset})";
    }

    /// <summary>Returns the same number with the smallest scale that keeps its value (1.50 → 1.5, 42.0 → 42).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
