using System.Globalization;
using System.Text.Json;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Exports;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;
using BalancFunctions.Domain.Tests.Agreements;
using BalancFunctions.Domain.Tests.Submissions;

namespace BalancFunctions.Domain.Tests.Exports;

public sealed class IndicatorCalculatorTests
{
    private static readonly string[] Questions = ["DG02", "DG04"];

    [Fact]
    public void Compute_Groups_SortedByDimensionThenValue()
    {
        List<IndicatorInput> inputs =
        [
            .. Inputs(6, "Sants-Montjuïc", "gestio-civica"),
            .. Inputs(5, "Eixample", "cessio-us", firstNumber: 100),
            .. Inputs(2, "Gràcia", "concessio", firstNumber: 200),
        ];

        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(inputs, Questions);

        Assert.Equal(
            [
                "all/",
                "district/Eixample",
                "district/Gràcia",
                "district/Sants-Montjuïc",
                "type/cessio-us",
                "type/concessio",
                "type/gestio-civica",
            ],
            groups.Select(group => $"{group.Dimension}/{group.Value}"));
    }

    [Fact]
    public void Compute_ValueOrder_IsOrdinal()
    {
        List<IndicatorInput> inputs = [.. Inputs(5, "a", "x"), .. Inputs(5, "B", "x", 100), .. Inputs(5, "À", "x", 200)];

        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(inputs, Questions);

        Assert.Equal(["B", "a", "À"], groups.Where(group => group.Dimension == "district").Select(group => group.Value));
    }

    [Theory]
    [InlineData(0, true, 0)]
    [InlineData(1, true, 0)]
    [InlineData(4, true, 0)]
    [InlineData(5, false, 5)]
    [InlineData(6, false, 6)]
    [InlineData(40, false, 40)]
    public void Compute_GroupSize_SuppressesSmallGroups(int count, bool suppressed, int entities)
    {
        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(Inputs(count, "Gràcia", "cessio-us"), Questions);

        Assert.Equal(count == 0 ? 1 : 3, groups.Count);
        Assert.All(groups, group => Assert.Equal(suppressed, group.Suppressed));
        Assert.All(groups, group => Assert.Equal(entities, group.Entities));
        Assert.All(groups, group => Assert.Equal(Questions, group.Values.Select(value => value.QuestionId)));
        Assert.All(groups.SelectMany(group => group.Values), value => Assert.Equal(suppressed, value.Sum is null));
    }

    [Fact]
    public void Compute_SuppressedGroup_HidesEveryFigure()
    {
        List<IndicatorInput> inputs = [.. Inputs(5, "Eixample", "cessio-us"), .. Inputs(4, "Gràcia", "cessio-us", 100)];

        IndicatorGroup gracia = Group(IndicatorCalculator.Compute(inputs, Questions), "district", "Gràcia");

        Assert.True(gracia.Suppressed);
        Assert.Equal(0, gracia.Entities);
        Assert.Equal([new("DG02", 0, null, null), new("DG04", 0, null, null)], gracia.Values);
    }

    [Theory]
    [InlineData(0, 0, null, null)]
    [InlineData(4, 0, null, null)]
    [InlineData(5, 5, "15", "3")]
    [InlineData(6, 6, "21", "3.5")]
    public void Compute_FewAnswers_HidesQuestion(int answered, int expectedAnswers, string? expectedSum, string? expectedMedian)
    {
        // Ten entities answer DG04 with 1, 2, 3…; only the first ones answer DG02.
        List<IndicatorInput> inputs = [];
        for (int index = 0; index < 10; index++)
        {
            var numbers = new Dictionary<string, decimal> { ["DG04"] = index + 1 };
            if (index < answered)
            {
                numbers["DG02"] = index + 1;
            }

            inputs.Add(new IndicatorInput($"PC-{index}", "Gràcia", "cessio-us", numbers));
        }

        IndicatorGroup all = Group(IndicatorCalculator.Compute(inputs, Questions), "all", "");

        Assert.False(all.Suppressed);
        Assert.Equal(10, all.Entities);
        Assert.Equal(new IndicatorValue("DG02", expectedAnswers, Number(expectedSum), Number(expectedMedian)), all.Values[0]);
        Assert.Equal(new IndicatorValue("DG04", 10, 55, 5.5m), all.Values[1]);
    }

    [Theory]
    [InlineData("1,2,3,4,5", "15", "3")]
    [InlineData("5,1,4,2,3", "15", "3")]
    [InlineData("1,2,3,4,5,6", "21", "3.5")]
    [InlineData("6,5,4,3,2,1", "21", "3.5")]
    [InlineData("0,0,0,0,0", "0", "0")]
    [InlineData("7,7,7,7,7,7", "42", "7")]
    [InlineData("1,1,1,2,100", "105", "1")]
    [InlineData("1,2,3,100,1000,1000000", "1001106", "51.5")]
    [InlineData("0.5,1.5,2.5,3.5,4.5,5.5", "18", "3")]
    [InlineData("1.50,2.50,3.00,4.00,5.00", "16", "3")]
    [InlineData("0.1,0.2,0.3,0.4,0.5,0.6", "2.1", "0.35")]
    [InlineData("-2,-1,0,1,2", "0", "0")]
    public void Compute_Answers_SumAndMedian(string answers, string sum, string median)
    {
        decimal[] values = [.. answers.Split(',').Select(value => decimal.Parse(value, CultureInfo.InvariantCulture))];
        List<IndicatorInput> inputs =
        [
            .. values.Select((value, index) => new IndicatorInput($"PC-{index}", "Gràcia", "cessio-us", new Dictionary<string, decimal> { ["DG02"] = value })),
        ];

        IndicatorValue result = Assert.Single(Group(IndicatorCalculator.Compute(inputs, ["DG02"]), "all", "").Values);

        Assert.Equal(values.Length, result.Answers);
        Assert.Equal(Number(sum), result.Sum);
        Assert.Equal(Number(median), result.Median);
        Assert.Equal(sum, result.Sum!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(median, result.Median!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Compute_QuestionIds_SetOrderAndFilter()
    {
        List<IndicatorInput> inputs = [.. Inputs(5, "Gràcia", "cessio-us")];

        IndicatorGroup all = Group(IndicatorCalculator.Compute(inputs, ["DG04", "XX99", "DG02"]), "all", "");

        Assert.Equal(["DG04", "XX99", "DG02"], all.Values.Select(value => value.QuestionId));
        Assert.Null(all.Values[1].Sum);
        Assert.Equal(0, all.Values[1].Answers);
    }

    [Fact]
    public void Compute_NoQuestions_KeepsGroups()
    {
        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(Inputs(5, "Gràcia", "cessio-us"), []);

        Assert.Equal(3, groups.Count);
        Assert.All(groups, group => Assert.Empty(group.Values));
        Assert.All(groups, group => Assert.Equal(5, group.Entities));
    }

    [Fact]
    public void Compute_InvalidArguments_Throw()
    {
        List<IndicatorInput> valid = [.. Inputs(5, "Gràcia", "cessio-us")];
        IndicatorInput duplicate = valid[0] with { District = "Eixample" };
        IndicatorInput nullDistrict = valid[0] with { AgreementId = "PC-other", District = null! };

        Assert.Throws<ArgumentNullException>(() => IndicatorCalculator.Compute(null!, Questions));
        Assert.Throws<ArgumentNullException>(() => IndicatorCalculator.Compute(valid, null!));
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute([.. valid, duplicate], Questions));
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute([.. valid, null!], Questions));
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute([.. valid, nullDistrict], Questions));
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute(valid, ["DG02", "DG02"]));
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute(valid, ["DG02", null!]));
    }

    [Fact]
    public void Compute_SampleRegister_GroupsEveryAgreement()
    {
        IReadOnlyList<Agreement> agreements = AgreementCsvReaderSampleTests.Sample.Value.Agreements;
        List<IndicatorInput> inputs = SampleInputs();

        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(inputs, Questions);

        Assert.Equal(agreements.Count, groups[0].Entities);
        Assert.Equal(agreements.Count, groups.Where(group => group.Dimension == "district").Sum(group => GroupSize(group, inputs)));
        Assert.Equal(agreements.Count, groups.Where(group => group.Dimension == "type").Sum(group => GroupSize(group, inputs)));
        Assert.All(groups, group => Assert.Equal(GroupSize(group, inputs) < 5, group.Suppressed));
        Assert.All(groups.Where(group => !group.Suppressed), group => Assert.Equal(GroupSize(group, inputs), group.Entities));
        Assert.Equal((decimal)(agreements.Count * (agreements.Count - 1) / 2), groups[0].Values[0].Sum);
    }

    [Fact]
    public void NumericQuestionIds_Version2026_1_InFormOrder()
    {
        Assert.True(SubmissionSamples.Catalog.TryGet("2026.1", out QuestionnaireDefinition? definition));

        IReadOnlyList<string> ids = IndicatorCalculator.NumericQuestionIds(definition);

        Assert.Equal(
            ["DG02", "DG03", "DG04", "DG05", "PD01", "PD02", "PD03", "PD04", "AT01", "AT02", "AT03", "AT04", "IR01", "IR02", "IR03", "IR04", "IR05", "IR06a", "CP05"],
            ids);
        Assert.Equal(NumericIdsInFile("2026.1"), ids);
    }

    [Fact]
    public void NumericQuestionIds_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => IndicatorCalculator.NumericQuestionIds(null!));
    }

    [Fact]
    public void NumbersOf_SampleSubmission_ReadsNumericAnswers()
    {
        ValidatedSubmission submission = SubmissionSamples.Validate(SubmissionSamples.ReadText("valid-minimal-es.json")).Submission!;

        IReadOnlyDictionary<string, decimal> numbers = IndicatorCalculator.NumbersOf(submission.CanonicalJson, ["DG02", "DG04", "DG05", "IR04", "PD02", "PD05", "DG01", "XX99"]);

        // IR04 is declared not available, PD02 is not answered, PD05 and DG01 are not numbers.
        Assert.Equal(
            new Dictionary<string, decimal> { ["DG02"] = 12, ["DG04"] = 0, ["DG05"] = 15.5m },
            numbers);
    }

    [Theory]
    [InlineData("{\"answers\":{\"A\":1,\"B\":2.50,\"C\":-3}}", "A=1 B=2.50 C=-3")]
    [InlineData("{\"answers\":{\"A\":1e2,\"B\":\"2\",\"C\":null}}", "A=100")]
    [InlineData("{\"answers\":{\"A\":1e400,\"B\":true,\"C\":[1]}}", "")]
    [InlineData("{\"answers\":{},\"notAvailable\":{\"A\":\"no\"}}", "")]
    [InlineData("{\"answers\":{\"a\":1}}", "")]
    public void NumbersOf_Json_KeepsOnlyNumbers(string json, string expected)
    {
        IReadOnlyDictionary<string, decimal> numbers = IndicatorCalculator.NumbersOf(json, ["A", "B", "C"]);

        string actual = string.Join(' ', numbers.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"answers\":[]}")]
    [InlineData("{\"answers\":null}")]
    [InlineData("42")]
    public void NumbersOf_NoAnswersObject_Throws(string json)
    {
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.NumbersOf(json, ["A"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"answers\":{\"A\":01}}")]
    public void NumbersOf_InvalidJson_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => IndicatorCalculator.NumbersOf(json, ["A"]));
    }

    [Fact]
    public void NumbersOf_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => IndicatorCalculator.NumbersOf(null!, ["A"]));
        Assert.Throws<ArgumentNullException>(() => IndicatorCalculator.NumbersOf("{\"answers\":{}}", null!));
    }

    [Fact]
    public void WriteCsv_Catalan_WritesHeaderAndRows()
    {
        string csv = WriteCsv(SmallGroups(), Language.Ca);

        Assert.Equal(
            "dimensió;valor;entitats;pregunta;respostes;suma;mediana\r\n"
            + "total;;7;DG02;7;42;6\r\n"
            + "total;;7;DG04;menys de 5 respostes;menys de 5 respostes;menys de 5 respostes\r\n"
            + "districte;Gràcia;menys de 5 entitats;DG02;menys de 5 entitats;menys de 5 entitats;menys de 5 entitats\r\n"
            + "districte;Gràcia;menys de 5 entitats;DG04;menys de 5 entitats;menys de 5 entitats;menys de 5 entitats\r\n"
            + "districte;Sant Martí;5;DG02;5;37,5;7,5\r\n"
            + "districte;Sant Martí;5;DG04;menys de 5 respostes;menys de 5 respostes;menys de 5 respostes\r\n"
            + "tipus de conveni;Conveni de cessió d'ús;7;DG02;7;42;6\r\n"
            + "tipus de conveni;Conveni de cessió d'ús;7;DG04;menys de 5 respostes;menys de 5 respostes;menys de 5 respostes\r\n",
            csv);
    }

    [Fact]
    public void WriteCsv_Spanish_UsesSpanishTexts()
    {
        List<List<string>> records = StrictCsvReader.Read(WriteCsv(SmallGroups(), Language.Es), CsvExport.Separator);

        Assert.Equal(["dimensión", "valor", "entidades", "pregunta", "respuestas", "suma", "mediana"], records[0]);
        Assert.Equal(["total", "", "7", "DG04", "menos de 5 respuestas", "menos de 5 respuestas", "menos de 5 respuestas"], records[2]);
        Assert.Equal(["distrito", "Gràcia", "menos de 5 entidades", "DG02", "menos de 5 entidades", "menos de 5 entidades", "menos de 5 entidades"], records[3]);
        Assert.Equal(["distrito", "Sant Martí", "5", "DG02", "5", "37,5", "7,5"], records[5]);
        Assert.Equal(["tipo de convenio", "Convenio de cesión de uso", "7", "DG02", "7", "42", "6"], records[7]);
    }

    [Theory]
    [InlineData("type", "gestio-civica", Language.Ca, "tipus de conveni", "Conveni de gestió cívica")]
    [InlineData("type", "concessio", Language.Es, "tipo de convenio", "Concesión administrativa")]
    [InlineData("type", "unknown-type", Language.Ca, "tipus de conveni", "unknown-type")]
    [InlineData("district", "cessio-us", Language.Ca, "districte", "cessio-us")]
    [InlineData("other", "=x", Language.Ca, "other", "'=x")]
    public void WriteCsv_DimensionAndValue_AreNamed(string dimension, string value, Language language, string expectedDimension, string expectedValue)
    {
        IndicatorGroup group = new(dimension, value, 5, false, [new IndicatorValue("DG02", 5, 10, 2)]);

        List<List<string>> records = StrictCsvReader.Read(WriteCsv([group], language), CsvExport.Separator);

        Assert.Equal([expectedDimension, expectedValue, "5", "DG02", "5", "10", "2"], records[1]);
    }

    [Fact]
    public void WriteCsv_GroupWithoutValues_WritesOneRow()
    {
        IndicatorGroup[] groups = [new("all", "", 12, false, []), new("district", "Gràcia", 0, true, [])];

        List<List<string>> records = StrictCsvReader.Read(WriteCsv(groups, Language.Ca), CsvExport.Separator);

        Assert.Equal(3, records.Count);
        Assert.Equal(["total", "", "12", "", "", "", ""], records[1]);
        Assert.Equal(["districte", "Gràcia", "menys de 5 entitats", "", "", "", ""], records[2]);
    }

    [Fact]
    public void WriteCsv_SampleRegister_HasSevenFields()
    {
        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(SampleInputs(), Questions);

        List<List<string>> records = StrictCsvReader.Read(WriteCsv(groups, Language.Ca), CsvExport.Separator);

        Assert.Equal(1 + (groups.Count * Questions.Length), records.Count);
        Assert.All(records, record => Assert.Equal(7, record.Count));
    }

    [Fact]
    public void WriteCsv_InvalidArguments_Throw()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentNullException>(() => IndicatorCalculator.WriteCsv(null!, [], Language.Ca));
        Assert.Throws<ArgumentNullException>(() => IndicatorCalculator.WriteCsv(writer, null!, Language.Ca));
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.WriteCsv(writer, [null!], Language.Ca));
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.WriteCsv(writer, [new IndicatorGroup("all", "", 5, false, null!)], Language.Ca));
    }

    // Seven entities: two in Gràcia and five in Sant Martí, all cessio-us. DG02 is answered by
    // all of them (1.5, 3, 4.5 … 10.5), DG04 by the first three.
    private static IReadOnlyList<IndicatorGroup> SmallGroups()
    {
        List<IndicatorInput> inputs = [];
        for (int index = 1; index <= 7; index++)
        {
            var numbers = new Dictionary<string, decimal> { ["DG02"] = index * 1.5m };
            if (index <= 3)
            {
                numbers["DG04"] = index;
            }

            inputs.Add(new IndicatorInput($"PC-{index}", index <= 2 ? "Gràcia" : "Sant Martí", "cessio-us", numbers));
        }

        return IndicatorCalculator.Compute(inputs, Questions);
    }

    private static string WriteCsv(IReadOnlyList<IndicatorGroup> groups, Language language)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        IndicatorCalculator.WriteCsv(writer, groups, language);
        return writer.ToString();
    }

    // Inputs with DG02 and DG04 answered, numbered from firstNumber so that agreement ids differ.
    private static List<IndicatorInput> Inputs(int count, string district, string type, int firstNumber = 0) =>
    [
        .. Enumerable.Range(firstNumber, count).Select(number => new IndicatorInput(
            $"PC-{number:D4}",
            district,
            type,
            new Dictionary<string, decimal> { ["DG02"] = number, ["DG04"] = number / 2m })),
    ];

    // One input per agreement of the sample register: DG02 is its position, DG04 a half-step value.
    private static List<IndicatorInput> SampleInputs() =>
    [
        .. AgreementCsvReaderSampleTests.Sample.Value.Agreements.Select((agreement, index) => new IndicatorInput(
            agreement.AgreementId,
            agreement.District,
            AgreementTypeCodes.ToCode(agreement.Type),
            new Dictionary<string, decimal> { ["DG02"] = index, ["DG04"] = index % 7 / 2m })),
    ];

    private static IndicatorGroup Group(IReadOnlyList<IndicatorGroup> groups, string dimension, string value) =>
        Assert.Single(groups, group => group.Dimension == dimension && group.Value == value);

    private static int GroupSize(IndicatorGroup group, List<IndicatorInput> inputs) =>
        group.Dimension == "district"
            ? inputs.Count(input => input.District == group.Value)
            : group.Dimension == "type" ? inputs.Count(input => input.AgreementType == group.Value) : inputs.Count;

    private static decimal? Number(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    // Reads the ids of int, decimal and pct questions straight from the embedded file, apart from the catalog's parser.
    private static List<string> NumericIdsInFile(string version)
    {
        using JsonDocument document = JsonDocument.Parse(QuestionnaireCatalog.ReadEmbeddedJson(version)!);
        return
        [
            .. document.RootElement.GetProperty("dimensions").EnumerateArray()
                .SelectMany(dimension => dimension.GetProperty("indicators").EnumerateArray())
                .Where(indicator => indicator.GetProperty("type").GetString() is "int" or "decimal" or "pct")
                .Select(indicator => indicator.GetProperty("id").GetString()!),
        ];
    }
}
