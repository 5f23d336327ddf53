using System.Globalization;

namespace BalancFunctions.Domain;

/// <summary>
/// The languages in which entities and the OTPC read the programme's texts.
/// Catalan is the programme's normal language and the default everywhere.
/// </summary>
public enum Language
{
    Ca,
    Es,
}

/// <summary>Conversions between <see cref="Language"/> and its ISO 639-1 code.</summary>
public static class LanguageCodes
{
    /// <summary>Returns the ISO 639-1 code ("ca" or "es").</summary>
    public static string ToCode(this Language language) => language == Language.Es ? "es" : "ca";

    /// <summary>Parses "ca" or "es" (any case); returns false for anything else.</summary>
    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "CA":
                language = Language.Ca;
                return true;
            case "ES":
                language = Language.Es;
                return true;
            default:
                language = Language.Ca;
                return false;
        }
    }

    /// <summary>Parses "ca" or "es"; returns Catalan, the default, for anything else.</summary>
    public static Language ParseOrDefault(string? code) => TryParse(code, out Language language) ? language : Language.Ca;

    /// <summary>
    /// Picks the language of an HTTP request: an explicit "ca"/"es" first, then the supported
    /// language with the highest quality value in an Accept-Language header, then Catalan.
    /// </summary>
    public static Language FromRequest(string? explicitCode, string? acceptLanguage)
    {
        if (TryParse(explicitCode, out Language explicitLanguage))
        {
            return explicitLanguage;
        }

        Language? best = null;
        double bestQuality = 0;
        foreach (string part in (acceptLanguage ?? string.Empty).Split(','))
        {
            string[] pieces = part.Split(';');
            string primary = pieces[0].Trim().Split('-')[0];
            double quality = 1;
            foreach (string parameter in pieces.Skip(1))
            {
                string[] pair = parameter.Split('=', 2);
                if (pair.Length == 2 && pair[0].Trim() == "q" && double.TryParse(pair[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
                {
                    quality = parsed;
                }
            }

            // The first of equal quality wins, as the header lists preferences in order.
            if (TryParse(primary, out Language requested) && quality > bestQuality)
            {
                best = requested;
                bestQuality = quality;
            }
        }

        return best ?? Language.Ca;
    }
}

/// <summary>A text that an entity or the OTPC reads, in Catalan and in Spanish.</summary>
public sealed record LocalizedText(string Ca, string Es)
{
    /// <summary>Returns the text in the given language.</summary>
    public string Get(Language language) => language == Language.Es ? this.Es : this.Ca;
}
