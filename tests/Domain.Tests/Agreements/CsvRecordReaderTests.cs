using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Domain.Tests.Agreements;

public sealed class CsvRecordReaderTests
{
    [Theory]
    [InlineData("a,b\nc,d")]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d")]
    [InlineData("\uFEFFa,b\r\nc,d")]
    public void ReadAll_LineBreaks_SplitRecords(string text)
    {
        List<CsvRecord> records = ReadAll(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["c", "d"], records[1].Fields);
        Assert.Equal(2, records[1].Row);
    }

    [Fact]
    public void ReadAll_QuotedField_KeepsCommasQuotesAndBreaks()
    {
        List<CsvRecord> records = ReadAll("\"Carrer de Sant Pau, 1\",\"Casal \"\"La Xarxa\"\"\",\"two\r\nlines\"\r\nnext,row");

        Assert.Equal(2, records.Count);
        Assert.Equal(["Carrer de Sant Pau, 1", "Casal \"La Xarxa\"", "two\r\nlines"], records[0].Fields);
        Assert.Null(records[0].Problem);
        Assert.Equal(2, records[1].Row);
    }

    [Fact]
    public void ReadAll_EmptyFields_AreKept()
    {
        CsvRecord record = Assert.Single(ReadAll(",\"\",x,"));

        Assert.Equal(["", "", "x", ""], record.Fields);
    }

    [Fact]
    public void ReadAll_QuoteInsideUnquotedField_IsLiteral()
    {
        CsvRecord record = Assert.Single(ReadAll("Casal \"La Xarxa\",b"));

        Assert.Equal(["Casal \"La Xarxa\"", "b"], record.Fields);
        Assert.Null(record.Problem);
    }

    [Fact]
    public void ReadAll_TextAfterClosingQuote_IsProblem()
    {
        CsvRecord record = Assert.Single(ReadAll("a,\"b\"c,d"));

        Assert.Equal(CsvQuotingProblem.TextAfterClosingQuote, record.Problem);
        Assert.Equal(1, record.ProblemField);
        Assert.Equal(3, record.Fields.Count);
    }

    [Fact]
    public void ReadAll_UnterminatedQuote_IsProblem()
    {
        CsvRecord record = Assert.Single(ReadAll("a,\"b,c\nd,e"));

        Assert.Equal(CsvQuotingProblem.UnterminatedQuote, record.Problem);
        Assert.Equal(1, record.ProblemField);
        Assert.Equal(["a", "b,c\nd,e"], record.Fields);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public void ReadAll_EmptyInput_HasNoRecords(string text)
    {
        Assert.Empty(ReadAll(text));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" , ,", true)]
    [InlineData("a,,", false)]
    public void IsBlank_Fields_DetectsBlankRows(string line, bool blank)
    {
        CsvRecord record = Assert.Single(ReadAll(line + "\n"));

        Assert.Equal(blank, record.IsBlank);
    }

    private static List<CsvRecord> ReadAll(string text) => [.. CsvRecordReader.ReadAll(new StringReader(text))];
}
