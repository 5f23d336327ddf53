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
        Assert.All(groups, group => Assert.Equal(suppressed ? SuppressionReason.Primary : SuppressionReason.None, group.Reason));
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
        Assert.Equal(SuppressionReason.Primary, gracia.Reason);
        Assert.Equal(0, gracia.Entities);
        Assert.Equal([new("DG02", 0, null, null, SuppressionReason.Primary), new("DG04", 0, null, null, SuppressionReason.Primary)], gracia.Values);
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
        SuppressionReason expectedReason = expectedSum is null ? SuppressionReason.Primary : SuppressionReason.None;
        Assert.Equal(new IndicatorValue("DG02", expectedAnswers, Number(expectedSum), Number(expectedMedian), expectedReason), all.Values[0]);
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
        Assert.All(groups, group => Assert.Equal(GroupSize(group, inputs) < 5, group.Reason == SuppressionReason.Primary));
        Assert.All(groups, group => Assert.Equal(group.Reason != SuppressionReason.None, group.Suppressed));
        Assert.All(groups.Where(group => !group.Suppressed), group => Assert.Equal(GroupSize(group, inputs), group.Entities));
        AssertSubtractionHidesFewerThanFive(groups);
        Assert.Equal((decimal)(agreements.Count * (agreements.Count - 1) / 2), groups[0].Values[0].Sum);
    }

    // Districts as "name:entities", all of one type. Expected reasons as "name:reason" in group order.
    [Theory]
    [InlineData("A:3,B:5,C:6", "A:Primary,B:Complementary,C:None")]
    [InlineData("A:3,B:6,C:5", "A:Primary,B:None,C:Complementary")]
    [InlineData("A:3,B:5,C:5", "A:Primary,B:Complementary,C:None")]
    [InlineData("B:3,a:5,À:5", "B:Primary,a:Complementary,À:None")]
    [InlineData("A:1,B:1,C:9,D:9", "A:Primary,B:Primary,C:Complementary,D:None")]
    [InlineData("A:4,B:40", "A:Primary,B:Complementary")]
    [InlineData("A:2,B:3,C:7", "A:Primary,B:Primary,C:None")]
    [InlineData("A:1,B:4,C:5", "A:Primary,B:Primary,C:None")]
    [InlineData("A:1,B:2,C:2", "A:Primary,B:Primary,C:Primary")]
    [InlineData("A:5,B:6", "A:None,B:None")]
    public void Compute_SmallDistrict_HidesComplementaryGroups(string districts, string expected)
    {
        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(DistrictInputs(districts), Questions);

        List<IndicatorGroup> byDistrict = [.. groups.Where(group => group.Dimension == "district")];
        Assert.Equal(expected, string.Join(',', byDistrict.Select(group => $"{group.Value}:{group.Reason}")));
        Assert.All(byDistrict, group => Assert.Equal(group.Reason != SuppressionReason.None, group.Suppressed));
        Assert.All(byDistrict.Where(group => group.Suppressed), group => Assert.Equal(0, group.Entities));
        Assert.All(byDistrict.Where(group => group.Suppressed), group => Assert.All(group.Values, value => Assert.Equal(group.Reason, value.Reason)));
        Assert.All(byDistrict.Where(group => group.Suppressed), group => Assert.All(group.Values, value => Assert.Null(value.Sum)));
        Assert.Equal(SuppressionReason.None, Group(groups, "all", "").Reason);
        AssertSubtractionHidesFewerThanFive(groups);
    }

    [Fact]
    public void Compute_SmallType_HidesComplementaryType()
    {
        List<IndicatorInput> inputs = [.. Inputs(3, "Gràcia", "concessio"), .. Inputs(6, "Gràcia", "gestio-civica", 100), .. Inputs(7, "Gràcia", "cessio-us", 200)];

        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(inputs, Questions);

        Assert.Equal(SuppressionReason.None, Group(groups, "type", "cessio-us").Reason);
        Assert.Equal(SuppressionReason.Primary, Group(groups, "type", "concessio").Reason);
        Assert.Equal(SuppressionReason.Complementary, Group(groups, "type", "gestio-civica").Reason);
        Assert.Equal(SuppressionReason.None, Group(groups, "district", "Gràcia").Reason);
        AssertSubtractionHidesFewerThanFive(groups);
    }

    // Districts as "name:entities/answers to DG02", where every entity answers DG04. Expected DG02
    // reasons as "name:reason" in group order.
    [Theory]
    [InlineData("A:5/3,B:6/6,C:7/7", "A:Primary,B:Complementary,C:None")]
    [InlineData("A:5/4,B:9/9", "A:Primary,B:Complementary")]
    [InlineData("A:5/2,B:5/3,C:7/7", "A:Primary,B:Primary,C:None")]
    [InlineData("A:5/3,B:6/6,C:6/6", "A:Primary,B:Complementary,C:None")]
    [InlineData("A:5/0,B:6/6,C:7/7", "A:Primary,B:Complementary,C:None")]
    [InlineData("A:5/5,B:6/6", "A:None,B:None")]
    [InlineData("A:3/1,B:5/5,C:6/6,D:9/9", "A:Primary,B:Complementary,C:None,D:None")]
    [InlineData("A:3/1,B:5/2,C:6/6,D:9/9", "A:Primary,B:Complementary,C:Complementary,D:None")]
    public void Compute_FewAnswers_HidesComplementaryQuestion(string districts, string expected)
    {
        IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(DistrictInputs(districts), Questions);

        List<IndicatorGroup> byDistrict = [.. groups.Where(group => group.Dimension == "district")];
        Assert.Equal(expected, string.Join(',', byDistrict.Select(group => $"{group.Value}:{group.Values[0].Reason}")));
        Assert.All(byDistrict.Where(group => group.Values[0].Reason != SuppressionReason.None), group => Assert.Equal(new IndicatorValue("DG02", 0, null, null, group.Values[0].Reason), group.Values[0]));
        Assert.All(byDistrict.Where(group => group.Values[0].Reason == SuppressionReason.Complementary && !group.Suppressed), group => Assert.True(group.Entities >= 5));
        Assert.Equal(SuppressionReason.None, Group(groups, "all", "").Values[0].Reason);
        AssertSubtractionHidesFewerThanFive(groups);
    }

    [Fact]
    public void Compute_ComplementaryQuestion_KeepsOtherQuestions()
    {
        List<IndicatorInput> inputs = [];
        for (int index = 0; index < 13; index++)
        {
            var numbers = new Dictionary<string, decimal> { ["DG04"] = index };
            if (index is < 3 or >= 5)
            {
                numbers["DG02"] = index;
            }

            inputs.Add(new IndicatorInput($"PC-{index}", index < 5 ? "Gràcia" : "Eixample", "cessio-us", numbers));
        }

        IndicatorGroup eixample = Group(IndicatorCalculator.Compute(inputs, Questions), "district", "Eixample");

        Assert.False(eixample.Suppressed);
        Assert.Equal(SuppressionReason.None, eixample.Reason);
        Assert.Equal(8, eixample.Entities);
        Assert.Equal(new IndicatorValue("DG02", 0, null, null, SuppressionReason.Complementary), eixample.Values[0]);
        Assert.Equal(new IndicatorValue("DG04", 8, 68, 8.5m), eixample.Values[1]);
    }

    [Fact]
    public void Compute_RandomInputs_SubtractionHidesFewerThanFive()
    {
        string[] districts = ["Eixample", "Gràcia", "Horta-Guinardó", "Sant Martí", "Sants-Montjuïc"];
        string[] types = ["cessio-us", "concessio", "gestio-civica"];
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            List<IndicatorInput> inputs = [];
            int count = random.Next(0, 40);
            for (int index = 0; index < count; index++)
            {
                var numbers = new Dictionary<string, decimal>();
                if (random.NextDouble() < 0.8)
                {
                    numbers["DG02"] = random.Next(0, 100);
                }

                if (random.NextDouble() < 0.3)
                {
                    numbers["DG04"] = random.Next(0, 100);
                }

                // Squaring skews the picks so that the last districts and types are small.
                string district = districts[(int)(Math.Pow(random.NextDouble(), 2) * districts.Length)];
                string type = types[(int)(Math.Pow(random.NextDouble(), 2) * types.Length)];
                inputs.Add(new IndicatorInput($"PC-{index}", district, type, numbers));
            }

            IReadOnlyList<IndicatorGroup> groups = IndicatorCalculator.Compute(inputs, Questions);

            AssertSubtractionHidesFewerThanFive(groups, $"seed {seed}: ");
            foreach (IndicatorGroup group in groups)
            {
                List<IndicatorInput> members = Members(group, inputs);
                Assert.True(members.Count < 5 == (group.Reason == SuppressionReason.Primary), $"seed {seed}: {group.Dimension}/{group.Value} has {members.Count} entities but reason {group.Reason}.");
                for (int question = 0; question < Questions.Length; question++)
                {
                    int answers = members.Count(member => member.Numbers.ContainsKey(Questions[question]));
                    IndicatorValue value = group.Values[question];
                    string cell = $"seed {seed}: {group.Dimension}/{group.Value} {value.QuestionId} with {answers} answers";
                    if (group.Suppressed)
                    {
                        Assert.True(value.Reason == group.Reason, $"{cell} has reason {value.Reason} in a group suppressed for {group.Reason}.");
                    }
                    else
                    {
                        Assert.True(answers < 5 == (value.Reason == SuppressionReason.Primary), $"{cell} has reason {value.Reason}.");
                    }

                    Assert.True(value.Reason == SuppressionReason.None || value.Sum is null, $"{cell} is hidden but has a sum.");
                    Assert.True(value.Reason != SuppressionReason.None || value.Answers == answers, $"{cell} shows {value.Answers} answers.");
                }
            }
        }
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
            + "total;;17;DG02;17;229,5;13,5\r\n"
            + "total;;17;DG04;8;102;13,5\r\n"
            + "districte;Eixample;ocult per protegir grups petits;DG02;ocult per protegir grups petits;ocult per protegir grups petits;ocult per protegir grups petits\r\n"
            + "districte;Eixample;ocult per protegir grups petits;DG04;ocult per protegir grups petits;ocult per protegir grups petits;ocult per protegir grups petits\r\n"
            + "districte;Gràcia;menys de 5 entitats;DG02;menys de 5 entitats;menys de 5 entitats;menys de 5 entitats\r\n"
            + "districte;Gràcia;menys de 5 entitats;DG04;menys de 5 entitats;menys de 5 entitats;menys de 5 entitats\r\n"
            + "districte;Sant Martí;5;DG02;5;75;15\r\n"
            + "districte;Sant Martí;5;DG04;menys de 5 respostes;menys de 5 respostes;menys de 5 respostes\r\n"
            + "districte;Sants-Montjuïc;5;DG02;5;112,5;22,5\r\n"
            + "districte;Sants-Montjuïc;5;DG04;ocult per protegir grups petits;ocult per protegir grups petits;ocult per protegir grups petits\r\n"
            + "tipus de conveni;Conveni de cessió d'ús;17;DG02;17;229,5;13,5\r\n"
            + "tipus de conveni;Conveni de cessió d'ús;17;DG04;8;102;13,5\r\n",
            csv);
    }

    [Fact]
    public void WriteCsv_Spanish_UsesSpanishTexts()
    {
        List<List<string>> records = StrictCsvReader.Read(WriteCsv(SmallGroups(), Language.Es), CsvExport.Separator);

        string hidden = "oculto para proteger grupos pequeños";
        Assert.Equal(["dimensión", "valor", "entidades", "pregunta", "respuestas", "suma", "mediana"], records[0]);
        Assert.Equal(["total", "", "17", "DG04", "8", "102", "13,5"], records[2]);
        Assert.Equal(["distrito", "Eixample", hidden, "DG02", hidden, hidden, hidden], records[3]);
        Assert.Equal(["distrito", "Gràcia", "menos de 5 entidades", "DG02", "menos de 5 entidades", "menos de 5 entidades", "menos de 5 entidades"], records[5]);
        Assert.Equal(["distrito", "Sant Martí", "5", "DG02", "5", "75", "15"], records[7]);
        Assert.Equal(["distrito", "Sant Martí", "5", "DG04", "menos de 5 respuestas", "menos de 5 respuestas", "menos de 5 respuestas"], records[8]);
        Assert.Equal(["distrito", "Sants-Montjuïc", "5", "DG04", hidden, hidden, hidden], records[10]);
        Assert.Equal(["tipo de convenio", "Convenio de cesión de uso", "17", "DG02", "17", "229,5", "13,5"], records[11]);
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
        IndicatorGroup[] groups =
        [
            new("all", "", 12, false, []),
            new("district", "Gràcia", 0, true, []),
            new("district", "Sant Martí", 0, true, [], SuppressionReason.Complementary),
            new("type", "concessio", 0, true, [], SuppressionReason.Primary),
        ];

        List<List<string>> records = StrictCsvReader.Read(WriteCsv(groups, Language.Ca), CsvExport.Separator);

        Assert.Equal(5, records.Count);
        Assert.Equal(["total", "", "12", "", "", "", ""], records[1]);
        Assert.Equal(["districte", "Gràcia", "menys de 5 entitats", "", "", "", ""], records[2]);
        Assert.Equal(["districte", "Sant Martí", "ocult per protegir grups petits", "", "", "", ""], records[3]);
        Assert.Equal(["tipus de conveni", "Concessió administrativa", "menys de 5 entitats", "", "", "", ""], records[4]);
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

    // Seventeen cessio-us entities: two in Gràcia (suppressed), then five each in Eixample
    // (suppressed to protect Gràcia), Sant Martí and Sants-Montjuïc. DG02 is answered by all of them
    // (1.5, 3, 4.5 … 25.5). DG04 is answered by three in Sant Martí (hidden) and by the five in
    // Sants-Montjuïc (hidden to protect those three), with the entity's position as the answer.
    private static IReadOnlyList<IndicatorGroup> SmallGroups()
    {
        List<IndicatorInput> inputs = [];
        for (int index = 1; index <= 17; index++)
        {
            var numbers = new Dictionary<string, decimal> { ["DG02"] = index * 1.5m };
            if (index is (>= 8 and <= 10) or >= 13)
            {
                numbers["DG04"] = index;
            }

            string district = index switch
            {
                <= 2 => "Gràcia",
                <= 7 => "Eixample",
                <= 12 => "Sant Martí",
                _ => "Sants-Montjuïc",
            };
            inputs.Add(new IndicatorInput($"PC-{index}", district, "cessio-us", numbers));
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

    // Inputs of type cessio-us from districts written as "name:entities" or "name:entities/answers".
    // The first answers entities of a district answer DG02 (all of them when no count is given),
    // and every entity answers DG04. Each answer is the entity's position.
    private static List<IndicatorInput> DistrictInputs(string districts)
    {
        List<IndicatorInput> inputs = [];
        foreach (string district in districts.Split(','))
        {
            string[] parts = district.Split(':', '/');
            int entities = int.Parse(parts[1], CultureInfo.InvariantCulture);
            int answered = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : entities;
            for (int index = 0; index < entities; index++)
            {
                var numbers = new Dictionary<string, decimal> { ["DG04"] = inputs.Count };
                if (index < answered)
                {
                    numbers["DG02"] = inputs.Count;
                }

                inputs.Add(new IndicatorInput($"PC-{inputs.Count:D4}", parts[0], "cessio-us", numbers));
            }
        }

        return inputs;
    }

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

    private static int GroupSize(IndicatorGroup group, List<IndicatorInput> inputs) => Members(group, inputs).Count;

    private static List<IndicatorInput> Members(IndicatorGroup group, List<IndicatorInput> inputs) =>
        group.Dimension switch
        {
            "district" => [.. inputs.Where(input => input.District == group.Value)],
            "type" => [.. inputs.Where(input => input.AgreementType == group.Value)],
            _ => inputs,
        };

    // Checks that the all group minus the shown groups of each dimension, which equals the hidden
    // groups together, covers no fewer than 5 entities, nor fewer than 5 answers to any question.
    private static void AssertSubtractionHidesFewerThanFive(IReadOnlyList<IndicatorGroup> groups, string context = "")
    {
        IndicatorGroup all = Group(groups, "all", "");
        if (all.Suppressed)
        {
            Assert.All(groups, group => Assert.True(group.Suppressed, $"{context}{group.Dimension}/{group.Value} is shown, but the all group is suppressed."));
            return;
        }

        foreach (string dimension in new[] { "district", "type" })
        {
            List<IndicatorGroup> members = [.. groups.Where(group => group.Dimension == dimension)];
            int hiddenEntities = all.Entities - members.Where(group => !group.Suppressed).Sum(group => group.Entities);
            bool anyGroupHidden = members.Exists(group => group.Suppressed);
            Assert.True(anyGroupHidden ? hiddenEntities >= 5 : hiddenEntities == 0, $"{context}all minus the shown {dimension} groups leaves {hiddenEntities} entities.");

            for (int question = 0; question < all.Values.Count; question++)
            {
                if (all.Values[question].Sum is null)
                {
                    continue;
                }

                int hiddenAnswers = all.Values[question].Answers - members.Where(group => group.Values[question].Sum is not null).Sum(group => group.Values[question].Answers);
                bool anyAnswerHidden = members.Exists(group => group.Values[question].Sum is null);
                Assert.True(
                    anyAnswerHidden ? hiddenAnswers >= 5 : hiddenAnswers == 0,
                    $"{context}all minus the shown {dimension} groups leaves {hiddenAnswers} answers to {all.Values[question].QuestionId}.");
            }
        }
    }

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
