using System.Globalization;
using System.Text;
using BalancFunctions.Domain.Exports;

namespace BalancFunctions.Domain.Tests.Exports;

public sealed class CsvExportTests
{
    /// <summary>Cells as written, and as a strict reader reads them back.</summary>
    public static TheoryData<string?[], string[]> RoundTripCases => new()
    {
        { ["Associació", "Gràcia"], ["Associació", "Gràcia"] },
        { ["àéíòóúçñ·l ÀÉÍÒÓÚÇÑ", "Col·lectiu", "Coŀlectiu"], ["àéíòóúçñ·l ÀÉÍÒÓÚÇÑ", "Col·lectiu", "Coŀlectiu"] },
        { ["Casal \"La Xarxa\"", "\"", "\"\""], ["Casal \"La Xarxa\"", "\"", "\"\""] },
        { ["a;b", ";", ";;"], ["a;b", ";", ";;"] },
        { ["Carrer de Sant Pau, 1, 08037 Barcelona"], ["Carrer de Sant Pau, 1, 08037 Barcelona"] },
        { ["two\r\nlines", "lf\nonly", "cr\ronly", "\r\n"], ["two\r\nlines", "lf\nonly", "cr\ronly", "'\r\n"] },
        { [" leading", "trailing ", " ", "in side"], [" leading", "trailing ", " ", "in side"] },
        { ["Casal 🎉", "👩‍👩‍👧", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"], ["Casal 🎉", "👩‍👩‍👧", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"] },
        { ["مرحبا بالعالم", "שלום;עולם", "\u202Ereversed", "abc\u200Fdef"], ["مرحبا بالعالم", "שלום;עולם", "\u202Ereversed", "abc\u200Fdef"] },
        { [null, "", "x", null], ["", "", "x", ""] },
        // Formulas get an apostrophe, after any quoting they need.
        { ["=SUM(A1)", "+1", "@x", "-2+3"], ["'=SUM(A1)", "'+1", "'@x", "'-2+3"] },
        { ["=HYPERLINK(\"http://127.0.0.1/?\"&A1;\"x\")"], ["'=HYPERLINK(\"http://127.0.0.1/?\"&A1;\"x\")"] },
        { ["\tx", "\rx", "\0x", "  =1+1", " -", "-", "+", "="], ["'\tx", "'\rx", "'\0x", "'  =1+1", "' -", "'-", "'+", "'="] },
        { ["--3", "-3-", "-3,", "-,5", "-1,234.5", "-1e5", "-3 ", "−3"], ["'--3", "'-3-", "'-3,", "'-,5", "'-1,234.5", "'-1e5", "'-3 ", "−3"] },
        // Plain numbers, invariant or Catalan, stay numbers.
        { ["-3", "-1,5", "-1.5", "-0", "0", "1234,5", "-007", " -3"], ["-3", "-1,5", "-1.5", "-0", "0", "1234,5", "-007", " -3"] },
        // Formula characters after the first one are harmless.
        { ["a=b", "3-2", "x@y.org", "1+1", "'=already"], ["a=b", "3-2", "x@y.org", "1+1", "'=already"] },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void WriteRow_Cells_ReadBackByStrictReader(string?[] cells, string[] expected)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        CsvExport.WriteRow(writer, cells);

        List<List<string>> records = StrictCsvReader.Read(writer.ToString(), CsvExport.Separator);
        Assert.Equal(expected, Assert.Single(records));
        Assert.EndsWith("\r\n", writer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, "a;b\r\n")]
    [InlineData(new[] { "a;b" }, "\"a;b\"\r\n")]
    [InlineData(new[] { "Casal \"La Xarxa\"" }, "\"Casal \"\"La Xarxa\"\"\"\r\n")]
    [InlineData(new[] { "two\r\nlines" }, "\"two\r\nlines\"\r\n")]
    [InlineData(new[] { "lf\nonly" }, "\"lf\nonly\"\r\n")]
    [InlineData(new[] { " x", "y " }, "\" x\";\"y \"\r\n")]
    [InlineData(new[] { "\tx" }, "'\tx\r\n")]
    [InlineData(new[] { "x\t" }, "\"x\t\"\r\n")]
    [InlineData(new[] { "=1;2" }, "\"'=1;2\"\r\n")]
    [InlineData(new[] { "\r" }, "\"'\r\"\r\n")]
    [InlineData(new[] { "-1,5", "+1" }, "-1,5;'+1\r\n")]
    [InlineData(new[] { "", "" }, ";\r\n")]
    [InlineData(new string[0], "\r\n")]
    public void WriteRow_Cells_WritesExactText(string[] cells, string expected)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        CsvExport.WriteRow(writer, cells);

        Assert.Equal(expected, writer.ToString());
    }

    [Fact]
    public void WriteRow_SeveralRows_ReadBackInOrder()
    {
        string?[][] rows =
        [
            ["entitat", "districte", "import"],
            ["Col·lectiu \"L'Harmonia\"", "Sants-Montjuïc", CsvExport.FormatNumber(-1234.5m)],
            ["Casal;de\r\nGràcia", null, "=1+1"],
        ];
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        foreach (string?[] row in rows)
        {
            CsvExport.WriteRow(writer, row);
        }

        List<List<string>> records = StrictCsvReader.Read(writer.ToString(), CsvExport.Separator);
        Assert.Equal(3, records.Count);
        Assert.Equal(["entitat", "districte", "import"], records[0]);
        Assert.Equal(["Col·lectiu \"L'Harmonia\"", "Sants-Montjuïc", "-1234,5"], records[1]);
        Assert.Equal(["Casal;de\r\nGràcia", "", "'=1+1"], records[2]);
    }

    [Fact]
    public void Encoding_StreamWriter_StartsWithBom()
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, CsvExport.Encoding, leaveOpen: true))
        {
            CsvExport.WriteRow(writer, ["Gràcia", "🎉"]);
        }

        byte[] bytes = stream.ToArray();

        Assert.Equal(CsvExport.Utf8Bom, bytes[..3]);
        Assert.Equal("Gràcia;🎉\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void Encoding_UnpairedSurrogate_IsReplaced()
    {
        byte[] bytes = CsvExport.Encoding.GetBytes("a\uD800b");

        Assert.Equal("a\uFFFDb", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Utf8Bom_IsPreambleAndFreshCopy()
    {
        byte[] bom = CsvExport.Utf8Bom;
        bom[0] = 0;

        Assert.Equal([0xEF, 0xBB, 0xBF], CsvExport.Utf8Bom);
        Assert.Equal(CsvExport.Utf8Bom, CsvExport.Encoding.GetPreamble());
    }

    [Theory]
    [InlineData("1234.5", "1234,5")]
    [InlineData("1234.50", "1234,5")]
    [InlineData("1000000", "1000000")]
    [InlineData("42.0", "42")]
    [InlineData("0", "0")]
    [InlineData("0.00", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0.001", "0,001")]
    [InlineData("-3", "-3")]
    [InlineData("-1.5", "-1,5")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    public void FormatNumber_Value_UsesDecimalComma(string value, string expected)
    {
        decimal number = decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

        Assert.Equal(expected, CsvExport.FormatNumber(number));
    }

    [Fact]
    public void FormatNumber_NegativeZero_IsZero()
    {
        decimal negativeZero = new(0, 0, 0, isNegative: true, scale: 1);

        Assert.Equal("0", CsvExport.FormatNumber(negativeZero));
    }

    [Theory]
    [InlineData("-1.5")]
    [InlineData("-1234.5")]
    [InlineData("-0.001")]
    [InlineData("-3")]
    public void FormatNumber_Negative_IsNotNeutralised(string value)
    {
        decimal number = decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        CsvExport.WriteRow(writer, [CsvExport.FormatNumber(number)]);

        Assert.Equal(CsvExport.FormatNumber(number) + "\r\n", writer.ToString());
    }

    [Fact]
    public void WriteRow_NullArguments_Throw()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentNullException>(() => CsvExport.WriteRow(null!, ["a"]));
        Assert.Throws<ArgumentNullException>(() => CsvExport.WriteRow(writer, null!));
    }

    [Theory]
    [InlineData("a;b\n")]
    [InlineData("a;b\r")]
    [InlineData("a\"b\r\n")]
    [InlineData("\"a\"b\r\n")]
    [InlineData("\"a\r\n")]
    public void StrictCsvReader_Malformed_Throws(string text)
    {
        Assert.Throws<FormatException>(() => StrictCsvReader.Read(text, ';'));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("a\r\n", 1)]
    [InlineData("a;\r\n;b", 2)]
    public void StrictCsvReader_WellFormed_CountsRecords(string text, int expected)
    {
        Assert.Equal(expected, StrictCsvReader.Read(text, ';').Count);
    }
}
