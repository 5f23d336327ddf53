using BalancFunctions.Domain.Text;

namespace BalancFunctions.Domain.Tests.Text;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   \t\r\n ", "")]
    [InlineData("Gràcia", "gracia")]
    [InlineData("Sant Martí", "sant marti")]
    [InlineData("  Sant \t Martí\r\nde  Provençals ", "sant marti de provencals")]
    [InlineData("àéèíïòóúüç ÀÉÈÍÏÒÓÚÜÇ", "aeeiioouuc aeeiioouuc")]
    [InlineData("Ñandú España", "nandu espana")]
    [InlineData("àáâäèéêëìíîïòóôöùúûüýÿçñÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÝÇÑ", "aaaaeeeeiiiioooouuuuyycnaaaaeeeeiiiioooouuuuycn")]
    // The Catalan middle dot: U+00B7, U+2027, the precomposed ŀ and Ŀ, and the typed "l.l".
    [InlineData("Col·lectiu", "collectiu")]
    [InlineData("Col\u2027lectiu", "collectiu")]
    [InlineData("Co\u0140lectiu", "collectiu")]
    [InlineData("CO\u013FLECTIU", "collectiu")]
    [InlineData("Col.lectiu", "collectiu")]
    [InlineData("COL.LECTIU", "collectiu")]
    [InlineData("Cl. Lleida", "cl. lleida")]
    [InlineData("Av. Meridiana", "av. meridiana")]
    [InlineData("l..l", "l..l")]
    // Greek ano teleia U+0387 is canonically equal to U+00B7.
    [InlineData("Col\u0387lectiu", "collectiu")]
    // Decomposed input folds like precomposed.
    [InlineData("Gra\u0300cia", "gracia")]
    [InlineData("Sants-Montjui\u0308c", "sants-montjuic")]
    [InlineData("c\u0327", "c")]
    // Punctuation stays, so that Words can split on it.
    [InlineData("L'Harmonia", "l'harmonia")]
    [InlineData("Associació \"La Xarxa\"", "associacio \"la xarxa\"")]
    // Invisible format characters: soft hyphen, direction marks, zero-width joiner.
    [InlineData("Grà\u00ADcia", "gracia")]
    [InlineData("\u200FGràcia\u200E", "gracia")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("ÆSIR Øresund Łódź", "æsir øresund łodz")]
    [InlineData("日本語 테스트", "日本語 테스트")]
    [InlineData("שָׁלוֹם", "שלום")]
    [InlineData("مَرْحَبًا", "مرحبا")]
    [InlineData("Casal 🎉 Gràcia", "casal 🎉 gracia")]
    [InlineData("𐐀𐐁", "𐐨𐐩")]
    public void Fold_Text_ReturnsFolded(string? text, string expected)
    {
        Assert.Equal(expected, SearchText.Fold(text));
    }

    [Theory]
    [InlineData("Gràcia")]
    [InlineData("Col·lectiu L'Harmonia de Sant Andreu")]
    [InlineData("col.l.lectiu l..l")]
    [InlineData("  Ŀ·L  ")]
    [InlineData("İı ǅ ﬁ Ω Å K")]
    [InlineData("한국어 हिन्दी কো")]
    [InlineData("Casal 🎉👩‍👩‍👧")]
    public void Fold_Folded_IsUnchanged(string text)
    {
        string folded = SearchText.Fold(text);

        Assert.Equal(folded, SearchText.Fold(folded));
    }

    [Fact]
    public void Fold_DecomposedAndPrecomposed_AreEqual()
    {
        string precomposed = "Plaça de l'Àngel, Sant Martí, Güell";
        string decomposed = precomposed.Normalize(System.Text.NormalizationForm.FormD);

        Assert.NotEqual(precomposed, decomposed);
        Assert.Equal(SearchText.Fold(precomposed), SearchText.Fold(decomposed));
    }

    [Fact]
    public void Fold_UnpairedSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => SearchText.Fold("Gr\uD800cia"));
    }

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData(" ·'- ", new string[0])]
    [InlineData("L'Harmonia", new[] { "l", "harmonia" })]
    [InlineData("Casal de Gràcia", new[] { "casal", "de", "gracia" })]
    [InlineData("Sants-Montjuïc", new[] { "sants", "montjuic" })]
    [InlineData("Col·lectiu del Carmel", new[] { "collectiu", "del", "carmel" })]
    [InlineData("Associació \"La Xarxa\" (Barcelona)", new[] { "associacio", "la", "xarxa", "barcelona" })]
    [InlineData("de la Gent de la Gent", new[] { "de", "la", "gent" })]
    [InlineData("GRÀCIA gracia Gracia", new[] { "gracia" })]
    [InlineData("Carrer de Sant Pau, 1, 08037 Barcelona", new[] { "carrer", "de", "sant", "pau", "1", "08037", "barcelona" })]
    [InlineData("PC-2019-0001", new[] { "pc", "2019", "0001" })]
    [InlineData("casal🎉gràcia", new[] { "casal", "gracia" })]
    [InlineData("à_b", new[] { "a", "b" })]
    [InlineData("हिन्दी भाषा", new[] { "हिनदी", "भाषा" })]
    [InlineData("𐐀bc", new[] { "𐐨bc" })]
    public void Words_Text_ReturnsDistinctFoldedWords(string? text, string[] expected)
    {
        Assert.Equal(expected, SearchText.Words(text));
    }

    [Theory]
    [InlineData("Casal de Gràcia", "gracia", true)]
    [InlineData("Casal de Gràcia", "Gràcia", true)]
    [InlineData("Casal de Gràcia", "casal gra", true)]
    [InlineData("Casal de Gràcia", "gra casal", true)]
    [InlineData("Casal de Gràcia", "GRA", true)]
    [InlineData("Casal de Gràcia", "racia", false)]
    [InlineData("Casal de Gràcia", "casal sants", false)]
    [InlineData("Casal de Gràcia", "gracias", false)]
    [InlineData("Casal de Gràcia", "casal-de", true)]
    [InlineData("Casal de Gràcia", "casaldegracia", false)]
    [InlineData("Col·lectiu L'Harmonia", "col·lec", true)]
    [InlineData("Col·lectiu L'Harmonia", "collec", true)]
    [InlineData("Col·lectiu L'Harmonia", "col.lectiu", true)]
    [InlineData("Col·lectiu L'Harmonia", "l'harm", true)]
    [InlineData("Col·lectiu L'Harmonia", "harmonia", true)]
    [InlineData("Col·lectiu L'Harmonia", "l harmonia", true)]
    [InlineData("Col·lectiu L'Harmonia", "lharmonia", false)]
    [InlineData("Esplai del Besòs i el Maresme", "besos maresme", true)]
    [InlineData("Esplai del Besòs i el Maresme", "Beso\u0300s", true)]
    [InlineData("Sants-Montjuïc", "montjuic", true)]
    [InlineData("Sants-Montjuïc", "sants montjuïc", true)]
    [InlineData("Sant Martí", "", true)]
    [InlineData("Sant Martí", "   ", true)]
    [InlineData("Sant Martí", null, true)]
    [InlineData("Sant Martí", "·'", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("PC-2019-0001", "2019 0001", true)]
    [InlineData("PC-2019-0001", "pc-2019", true)]
    [InlineData("PC-2019-0001", "001", false)]
    public void Matches_Query_FindsWordPrefixes(string haystack, string? query, bool expected)
    {
        Assert.Equal(expected, SearchText.Matches(SearchText.Fold(haystack), query));
    }

    [Fact]
    public void Matches_NullHaystack_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SearchText.Matches(null!, "gracia"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" ·'- ", null)]
    [InlineData("gracia", "gracia")]
    [InlineData("casal gra", "casal")]
    [InlineData("de Gràcia", "gracia")]
    [InlineData("abc def", "abc")]
    [InlineData("L'Harmonia", "harmonia")]
    [InlineData("Col·lectiu del Carmel", "collectiu")]
    [InlineData("ab CD ef", "ab")]
    public void LongestWord_Query_ReturnsFirstLongest(string? query, string? expected)
    {
        Assert.Equal(expected, SearchText.LongestWord(query));
    }
}
