using System.Globalization;
using System.Text;

namespace BalancFunctions.Domain.Text;

/// <summary>
/// Accent- and case-insensitive text search over names such as "Casal de Gràcia" or
/// "Col·lectiu L'Harmonia". The read model stores <see cref="Fold"/> of each searchable text and
/// matches a query against it with <see cref="Matches"/>, so both sides fold the same way.
/// </summary>
/// <remarks>
/// NOTE: .NET normalises through ICU. In globalization-invariant mode, Normalize leaves
/// non-ASCII text unchanged, so there a precomposed letter keeps its accent unless it is in the
/// explicit table of Catalan and Spanish letters. A separate combining mark goes in either mode.
/// The tests with other accents, and the one that decomposes with Normalize, fail in that mode.
/// </remarks>
public static class SearchText
{
    // Accented letters of Catalan and Spanish and their base letters, position by position.
    // Decomposition already handles them, so this table matters only where Normalize does nothing.
    private const string AccentedLetters = "àáâäèéêëìíîïòóôöùúûüýÿçñÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÝÇÑ";
    private const string BaseLetters = "aaaaeeeeiiiioooouuuuyycnAAAAEEEEIIIIOOOOUUUUYCN";

    /// <summary>
    /// Folds a text for search. It removes accents and other non-spacing marks after Unicode
    /// decomposition, so "a\u0300" and "à" fold alike. It removes invisible format characters,
    /// such as a soft hyphen or a direction mark, and the Catalan middle dot: U+00B7, U+2027, the
    /// dot of the precomposed ŀ/Ŀ, and the full stop of the common typed substitute "l.l". It
    /// lower-cases with invariant rules, turns every run of white space into one space and trims.
    /// The result is in NFC, and folding it again changes nothing. Returns "" for null.
    /// </summary>
    /// <example>"Gràcia" → "gracia", "Col·lectiu" → "collectiu", "Sant  Martí " → "sant marti".</example>
    /// <exception cref="ArgumentException">The text is not valid UTF-16, such as an unpaired surrogate.</exception>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        bool pendingSpace = false;
        for (int index = 0; index < decomposed.Length; index += char.IsSurrogatePair(decomposed, index) ? 2 : 1)
        {
            Rune rune = Rune.GetRuneAt(decomposed, index);
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsRemoved(rune) || (!pendingSpace && IsTypedMiddleDot(decomposed, index, builder)))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(BaseLetter(rune));
        }

        // Lower-case the whole string so that letters outside the BMP change too, then recompose
        // what decomposition split but marks did not carry, such as Hangul syllables.
        return builder.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Returns the distinct words of the folded text in order of first appearance. Any character
    /// that is not a letter, a digit or a mark that <see cref="Fold"/> keeps separates words, so "L'Harmonia" gives
    /// "l" and "harmonia", and "Sants-Montjuïc" gives "sants" and "montjuic".
    /// </summary>
    /// <exception cref="ArgumentException">The text is not valid UTF-16, such as an unpaired surrogate.</exception>
    public static IReadOnlyList<string> Words(string? text)
    {
        string folded = Fold(text);
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (Rune rune in folded.EnumerateRunes())
        {
            if (IsWordPart(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            AddWord(word, words, seen);
        }

        AddWord(word, words, seen);
        return words;
    }

    /// <summary>
    /// Returns whether every word of the query is the start of some word of the haystack,
    /// comparing folded words ordinally. "gracia" and "casal gra" match "casal de gracia", but
    /// "racia" does not. A query without words, such as null, "" or "·", matches every haystack.
    /// </summary>
    /// <param name="foldedHaystack">The stored text, already passed through <see cref="Fold"/>. It is split into words here.</param>
    /// <param name="query">The search text as the user typed it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="foldedHaystack"/> is null.</exception>
    /// <exception cref="ArgumentException">A text is not valid UTF-16, such as an unpaired surrogate.</exception>
    public static bool Matches(string foldedHaystack, string? query)
    {
        ArgumentNullException.ThrowIfNull(foldedHaystack);
        IReadOnlyList<string> queryWords = Words(query);
        if (queryWords.Count == 0)
        {
            return true;
        }

        IReadOnlyList<string> haystackWords = Words(foldedHaystack);
        return queryWords.All(queryWord =>
            haystackWords.Any(haystackWord => haystackWord.StartsWith(queryWord, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Returns the longest folded word of the query, measured in UTF-16 code units, the first one
    /// on a tie, or null when the query has no word. The read model scans an index by a prefix
    /// range on this word, because a longer prefix usually matches fewer entries.
    /// </summary>
    /// <exception cref="ArgumentException">The query is not valid UTF-16, such as an unpaired surrogate.</exception>
    public static string? LongestWord(string? query)
    {
        string? longest = null;
        foreach (string word in Words(query))
        {
            if (longest is null || word.Length > longest.Length)
            {
                longest = word;
            }
        }

        return longest;
    }

    /// <summary>
    /// Returns the text of a rune without its accent when it is in the table of Catalan and
    /// Spanish letters, or when it is ŀ, which has only a compatibility decomposition (l + U+00B7)
    /// that FormD keeps whole. Returns the rune's own text otherwise.
    /// </summary>
    private static string BaseLetter(Rune rune)
    {
        if (rune.Value is 0x0140 or 0x013F)
        {
            return "l";
        }

        int position = rune.IsBmp ? AccentedLetters.IndexOf((char)rune.Value, StringComparison.Ordinal) : -1;
        return position >= 0 ? BaseLetters[position].ToString() : rune.ToString();
    }

    /// <summary>
    /// Accents and other non-spacing marks, format characters, and the Catalan middle dot: U+00B7,
    /// U+2027, and U+0387, which is canonically equal to U+00B7.
    /// </summary>
    private static bool IsRemoved(Rune rune) =>
        rune.Value is 0x00B7 or 0x2027 or 0x0387
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format;

    /// <summary>
    /// Returns whether the full stop at <paramref name="index"/> stands for a middle dot, as in
    /// "col.lectiu": an l before it, with no space between, and an l after it.
    /// </summary>
    private static bool IsTypedMiddleDot(string decomposed, int index, StringBuilder foldedSoFar) =>
        decomposed[index] == '.'
        && foldedSoFar.Length > 0 && IsLetterL(foldedSoFar[^1])
        && index + 1 < decomposed.Length && IsLetterL(decomposed[index + 1]);

    private static bool IsLetterL(char character) => character is 'l' or 'L' or '\u0140' or '\u013F';

    /// <summary>
    /// Letters and digits, and the spacing and enclosing marks that Fold keeps, because in scripts
    /// such as Devanagari a vowel sign is part of the word.
    /// </summary>
    private static bool IsWordPart(Rune rune) =>
        Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static void AddWord(StringBuilder word, List<string> words, HashSet<string> seen)
    {
        if (word.Length == 0)
        {
            return;
        }

        string text = word.ToString();
        word.Clear();
        if (seen.Add(text))
        {
            words.Add(text);
        }
    }
}
