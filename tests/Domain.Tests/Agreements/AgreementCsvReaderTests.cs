using System.Text;
using BalancFunctions.Domain.Agreements;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Agreements;

public sealed class AgreementCsvReaderTests
{
    private static readonly string Header = string.Join(",", AgreementCsvReader.Columns);

    // One row per kind of mistake: the column, its bad value, and the code expected.
    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "agreement_id", "", "required" },
        { "agreement_id", "PC 2025/01", "invalid-id" },
        { "agreement_id", "PC-Niñ-01", "invalid-id" },
        { "agreement_id", new string('A', 65), "invalid-id" },
        { "agreement_type", "cessio", "invalid-type" },
        { "agreement_type", "", "required" },
        { "entity_name", "", "required" },
        { "entity_name", "   ", "required" },
        { "entity_name", new string('x', 201), "too-long" },
        { "entity_name", "Casal\tdel Raval", "invalid-text" },
        { "space_address", new string('x', 301), "too-long" },
        { "district", "Ciutat\nVella", "invalid-text" },
        { "neighbourhood", "", "required" },
        { "contact_name", "", "required" },
        { "entity_nif", "G52690782", "invalid-nif" },
        { "entity_nif", "12345678Z", "invalid-nif" },
        { "entity_nif", "G5269078", "invalid-nif" },
        { "entity_nif", "", "required" },
        { "start_date", "2025-13-01", "invalid-date" },
        { "start_date", "01/02/2025", "invalid-date" },
        { "start_date", "1899-12-31", "invalid-date" },
        { "start_date", "", "required" },
        { "end_date", "2025-02-30", "invalid-date" },
        { "end_date", "2024-01-15", "end-before-start" },
        { "end_date", "2023-06-01", "end-before-start" },
        { "balance_period_months", "18", "invalid-period" },
        { "balance_period_months", "twelve", "invalid-period" },
        { "balance_period_months", "12.0", "invalid-period" },
        { "renewal_lead_days", "366", "invalid-lead-days" },
        { "renewal_lead_days", "-1", "invalid-lead-days" },
        { "renewal_lead_days", "ninety", "invalid-lead-days" },
        { "renewal_lead_days", "", "required" },
        { "last_balance_date", "2025-02-30", "invalid-date" },
        { "last_balance_date", "1800-01-01", "invalid-date" },
        { "contact_email", "contacte.example.org", "invalid-email" },
        { "contact_email", "a@b@example.org", "invalid-email" },
        { "contact_email", "@example.org", "invalid-email" },
        { "contact_email", "contacte@example", "invalid-email" },
        { "contact_email", "contacte@example..org", "invalid-email" },
        { "contact_email", "", "required" },
        { "representative_email", "presidencia @example.org", "invalid-email" },
        { "representative_email", new string('a', 243) + "@example.org", "invalid-email" },
        { "language", "fr", "invalid-language" },
        { "language", "", "required" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Read_OneMistake_ReportsFieldAndCode(string column, string value, string code)
    {
        AgreementImportResult result = Read(Register(Row(), Row(id: "PC-TEST-0003", overrides: (column, value))));

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal(column, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Single(result.Agreements);
    }

    [Fact]
    public void Read_FileOfMistakes_ReportsEveryRow()
    {
        // Row 2 is valid, and row n + 3 carries mistake n.
        var mistakes = Mistakes.Select(row => ((string)row[0], (string)row[1], (string)row[2])).ToList();
        var rows = new List<string> { Row(id: "PC-TEST-0002") };
        rows.AddRange(mistakes.Select((mistake, i) => Row(id: $"PC-TEST-{i + 3:D4}", overrides: (mistake.Item1, mistake.Item2))));

        AgreementImportResult result = Read(Register([.. rows]));

        Assert.Equal(mistakes.Count, result.Errors.Count);
        for (int i = 0; i < mistakes.Count; i++)
        {
            ImportRowError error = result.Errors[i];
            Assert.Equal(i + 3, error.Row);
            Assert.Equal(mistakes[i].Item1, error.Field);
            Assert.Equal(mistakes[i].Item3, error.Code);
        }

        Agreement agreement = Assert.Single(result.Agreements);
        Assert.Equal("PC-TEST-0002", agreement.AgreementId);
    }

    [Fact]
    public void Read_SeveralMistakesInRow_ReportsAll()
    {
        string row = Row(overrides:
        [
            ("agreement_type", "lloguer"),
            ("entity_nif", "G52690782"),
            ("start_date", "2025-02-30"),
            ("balance_period_months", "3"),
            ("contact_email", "sense-arroba"),
            ("language", "en"),
        ]);

        AgreementImportResult result = Read(Register(row));

        Assert.Equal(
            [
                ("agreement_type", "invalid-type"),
                ("entity_nif", "invalid-nif"),
                ("start_date", "invalid-date"),
                ("balance_period_months", "invalid-period"),
                ("contact_email", "invalid-email"),
                ("language", "invalid-language"),
            ],
            result.Errors.Select(error => (error.Field, error.Code)));
        Assert.All(result.Errors, error => Assert.Equal(2, error.Row));
        Assert.All(result.Errors, error => Assert.Equal("PC-TEST-0001", error.AgreementId));
        Assert.Empty(result.Agreements);
    }

    [Fact]
    public void Read_ValidRow_MapsEveryField()
    {
        AgreementImportResult result = Read(Register(Row()));

        Assert.Empty(result.Errors);
        Assert.Equal(Create("2024-01-15", "2028-01-15", 12, 90, "2025-01-10"), Assert.Single(result.Agreements));
    }

    [Fact]
    public void Read_EmptyLastBalanceDate_IsNull()
    {
        AgreementImportResult result = Read(Register(Row(overrides: ("last_balance_date", ""))));

        Assert.Empty(result.Errors);
        Assert.Null(Assert.Single(result.Agreements).LastBalanceDate);
    }

    [Fact]
    public void Read_QuotedCommasAndQuotes_KeepsValue()
    {
        string row = Row(overrides:
        [
            ("entity_name", "Casal \"La Xarxa\", Sants"),
            ("space_address", "Carrer de Sant Pau, 1, 08037 Barcelona"),
        ]);

        Agreement agreement = Assert.Single(Read(Register(row)).Agreements);

        Assert.Equal("Casal \"La Xarxa\", Sants", agreement.EntityName);
        Assert.Equal("Carrer de Sant Pau, 1, 08037 Barcelona", agreement.SpaceAddress);
        Assert.Contains("\"Casal \"\"La Xarxa\"\", Sants\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByteOrderMarkInText_IsSkipped()
    {
        AgreementImportResult result = Read("\uFEFF" + Register(Row()));

        Assert.Empty(result.Errors);
        Assert.Single(result.Agreements);
    }

    [Fact]
    public void Read_Utf8FileWithBom_ReadsAccents()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Register(Row(overrides: ("district", "Sants-Montjuïc"))))];
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        AgreementImportResult result = AgreementCsvReader.Read(reader);

        Assert.Empty(result.Errors);
        Assert.Equal("Sants-Montjuïc", Assert.Single(result.Agreements).District);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Read_LineBreaks_ReadEveryRow(string lineBreak)
    {
        string text = string.Join(lineBreak, Header, Row(id: "PC-TEST-0001"), Row(id: "PC-TEST-0002")) + lineBreak;

        AgreementImportResult result = Read(text);

        Assert.Empty(result.Errors);
        Assert.Equal(["PC-TEST-0001", "PC-TEST-0002"], result.Agreements.Select(agreement => agreement.AgreementId));
    }

    [Fact]
    public void Read_BlankRows_AreSkippedButCounted()
    {
        string text = string.Join("\n", Header, Row(id: "PC-TEST-0001"), "", new string(',', 16), Row(id: "PC-TEST-0002", overrides: ("language", "fr")));

        AgreementImportResult result = Read(text);

        Assert.Single(result.Agreements);
        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Row);
    }

    [Fact]
    public void Read_MultiLineField_CountsAsOneRow()
    {
        string text = Register(Row(id: "PC-TEST-0001", overrides: ("space_address", "Carrer Major, 1\nBaixos")), Row(id: "PC-TEST-0002", overrides: ("language", "fr")));

        AgreementImportResult result = Read(text);

        Assert.Equal(
            [(2, "space_address", "invalid-text"), (3, "language", "invalid-language")],
            result.Errors.Select(error => (error.Row, error.Field, error.Code)));
    }

    [Fact]
    public void Read_HeaderInOtherOrder_MapsByName()
    {
        string[] columns = [.. AgreementCsvReader.Columns.Reverse()];
        string[] values = [.. AgreementCsvReader.Columns.Select(column => ValidValues[column]).Reverse()];
        string text = string.Join(",", columns) + "\n" + string.Join(",", values.Select(Quote));

        AgreementImportResult result = Read(text);

        Assert.Empty(result.Errors);
        Assert.Equal(Create("2024-01-15", "2028-01-15", 12, 90, "2025-01-10"), Assert.Single(result.Agreements));
    }

    [Fact]
    public void Read_MissingHeaderColumn_ReportsRowOne()
    {
        string header = Header.Replace(",language", string.Empty, StringComparison.Ordinal);
        string row = Row()[..Row().LastIndexOf(',')];

        AgreementImportResult result = Read(header + "\n" + row);

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal((1, "language", "missing-column"), (error.Row, error.Field, error.Code));
        Assert.Empty(result.Agreements);
    }

    [Fact]
    public void Read_UnknownAndDuplicateColumns_ReportRowOne()
    {
        string header = Header + ",notes,language";

        AgreementImportResult result = Read(header + "\n" + Row() + ",x,ca");

        Assert.Equal(
            [(1, "notes", "unknown-column"), (1, "language", "duplicate-column")],
            result.Errors.Select(error => (error.Row, error.Field, error.Code)));
        Assert.Empty(result.Agreements);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public void Read_EmptyFile_ReportsMissingHeader(string text)
    {
        AgreementImportResult result = Read(text);

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal((1, "", "missing-header"), (error.Row, error.Field, error.Code));
    }

    [Fact]
    public void Read_HeaderOnly_HasNoAgreements()
    {
        AgreementImportResult result = Read(Header + "\r\n");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Agreements);
    }

    [Fact]
    public void Read_HeaderWithSpaces_IsAccepted()
    {
        string header = string.Join(", ", AgreementCsvReader.Columns);

        AgreementImportResult result = Read(header + "\n" + Row());

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("PC-TEST-0001")]
    [InlineData("pc-test-0001")]
    public void Read_DuplicateId_ReportsSecondRow(string secondId)
    {
        AgreementImportResult result = Read(Register(Row(id: "PC-TEST-0001"), Row(id: "PC-TEST-0002"), Row(id: secondId)));

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal((4, "agreement_id", "duplicate-id", "PC-TEST-0001"), (error.Row, error.Field, error.Code, error.AgreementId));
        Assert.Contains("fila 2", error.Message.Ca, StringComparison.Ordinal);
        Assert.Contains("fila 2", error.Message.Es, StringComparison.Ordinal);
        Assert.Equal(2, result.Agreements.Count);
    }

    [Fact]
    public void Read_LowerCaseId_StoredInUpperCase()
    {
        AgreementImportResult result = Read(Register(Row(id: "pc-test-0001")));

        Assert.Empty(result.Errors);
        Assert.Equal("PC-TEST-0001", Assert.Single(result.Agreements).AgreementId);
    }

    [Fact]
    public void Read_SemicolonHeader_OneClearError()
    {
        string header = string.Join(';', AgreementCsvReader.Columns);

        AgreementImportResult result = Read(Register(Row()).Replace(string.Join(',', AgreementCsvReader.Columns), header, StringComparison.Ordinal));

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal((1, "semicolon-separator"), (error.Row, error.Code));
        Assert.Empty(result.Agreements);
    }

    [Fact]
    public void Read_WrongColumnCount_ReportsWholeRow()
    {
        AgreementImportResult result = Read(Register(Row() + ",extra", "PC-TEST-0002,cessio-us"));

        Assert.Equal(
            [(2, "", "wrong-column-count"), (3, "", "wrong-column-count")],
            result.Errors.Select(error => (error.Row, error.Field, error.Code)));
        Assert.Equal(["PC-TEST-0001", "PC-TEST-0002"], result.Errors.Select(error => error.AgreementId));
        Assert.Contains("18", result.Errors[0].Message.Ca, StringComparison.Ordinal);
        Assert.Contains("17", result.Errors[0].Message.Ca, StringComparison.Ordinal);
        Assert.Empty(result.Agreements);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_ReportsQuoting()
    {
        string row = Row().Replace(",Casal de Prova,", ",\"Casal\" de Prova,", StringComparison.Ordinal);

        AgreementImportResult result = Read(Register(row));

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal(("space_name", "invalid-quoting"), (error.Field, error.Code));
        Assert.Empty(result.Agreements);
    }

    [Fact]
    public void Read_UnterminatedQuote_ReportsQuotingAndCount()
    {
        // No other field of the file is quoted, so the open quote runs to the end of the file
        // and takes the next row with it.
        string row = Row(overrides: ("space_address", "Carrer Major 1")).Replace(",Casal de Prova,", ",\"Casal de Prova,", StringComparison.Ordinal);
        string next = Row(id: "PC-TEST-0002", overrides: ("space_address", "Carrer Major 2"));

        AgreementImportResult result = Read(Register(row, next));

        Assert.Equal(
            [("space_name", "invalid-quoting"), ("", "wrong-column-count")],
            result.Errors.Select(error => (error.Field, error.Code)));
        Assert.Empty(result.Agreements);
    }

    [Fact]
    public void Read_Values_AreTrimmedAndNormalized()
    {
        // "Martí" with a combining acute accent, surrounded by spaces.
        string row = Row(overrides:
        [
            ("district", "  Sant Marti\u0301  "),
            ("entity_nif", " g52690781 "),
            ("agreement_type", "Gestio-Civica"),
            ("language", "ES"),
        ]);

        Agreement agreement = Assert.Single(Read(Register(row)).Agreements);

        Assert.Equal("Sant Mart\u00ED", agreement.District);
        Assert.Equal("G52690781", agreement.EntityNif);
        Assert.Equal(AgreementType.GestioCivica, agreement.Type);
        Assert.Equal(Language.Es, agreement.Language);
    }

    [Theory]
    [InlineData("cessio-us", AgreementType.CessioUs)]
    [InlineData("autoritzacio-us", AgreementType.AutoritzacioUs)]
    [InlineData("gestio-civica", AgreementType.GestioCivica)]
    [InlineData("concessio", AgreementType.Concessio)]
    public void Read_TypeCode_MapsToType(string code, AgreementType expected)
    {
        Agreement agreement = Assert.Single(Read(Register(Row(overrides: ("agreement_type", code)))).Agreements);

        Assert.Equal(expected, agreement.Type);
    }

    [Theory]
    [InlineData("entity_name", 200)]
    [InlineData("space_address", 300)]
    [InlineData("contact_name", 200)]
    public void Read_TextAtMaxLength_IsAccepted(string column, int length)
    {
        // Each "é" below is one character, whether written precomposed or with a combining accent.
        string value = new string('x', length - 2) + "é" + "e\u0301";

        AgreementImportResult result = Read(Register(Row(overrides: (column, value))));

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("365")]
    public void Read_LeadDaysBounds_AreAccepted(string leadDays)
    {
        AgreementImportResult result = Read(Register(Row(overrides: ("renewal_lead_days", leadDays))));

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("12")]
    [InlineData("24")]
    public void Read_ProgrammePeriods_AreAccepted(string months)
    {
        AgreementImportResult result = Read(Register(Row(overrides: ("balance_period_months", months))));

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Read_LoneSurrogate_ReportsInvalidText()
    {
        AgreementImportResult result = Read(Register(Row(overrides: ("contact_name", "Anna \uD800Prova"))));

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal(("contact_name", "invalid-text"), (error.Field, error.Code));
    }

    [Fact]
    public void Read_BadNifControl_GivesExpectedCharacter()
    {
        AgreementImportResult result = Read(Register(Row(overrides: ("entity_nif", "G52690782"))));

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Equal("El NIF «G52690782» no és vàlid: el caràcter de control hauria de ser 1 o A.", error.Message.Ca);
        Assert.Equal("El NIF «G52690782» no es válido: el carácter de control debería ser 1 o A.", error.Message.Es);
    }

    [Fact]
    public void Read_NaturalPersonNif_AsksForLegalPerson()
    {
        AgreementImportResult result = Read(Register(Row(overrides: ("entity_nif", "12345678Z"))));

        ImportRowError error = Assert.Single(result.Errors);
        Assert.Contains("persona jurídica", error.Message.Ca, StringComparison.Ordinal);
        Assert.Contains("persona jurídica", error.Message.Es, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Read_Mistake_HasMessageInBothLanguages(string column, string value, string code)
    {
        ImportRowError error = Assert.Single(Read(Register(Row(overrides: (column, value)))).Errors);

        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message.Ca));
        Assert.False(string.IsNullOrWhiteSpace(error.Message.Es));
        Assert.NotEqual(error.Message.Ca, error.Message.Es);
    }

    [Fact]
    public void Read_LongValue_IsCutInMessage()
    {
        ImportRowError error = Assert.Single(Read(Register(Row(overrides: ("agreement_type", new string('x', 500))))).Errors);

        Assert.Contains(new string('x', 60) + "…»", error.Message.Ca, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 61), error.Message.Ca, StringComparison.Ordinal);
    }

    // The values of Create("2024-01-15", "2028-01-15", 12, 90, "2025-01-10").
    private static readonly Dictionary<string, string> ValidValues = new(StringComparer.Ordinal)
    {
        ["agreement_id"] = "PC-TEST-0001",
        ["agreement_type"] = "cessio-us",
        ["entity_name"] = "Associació de Veïns de Prova",
        ["entity_nif"] = "G52690781",
        ["space_name"] = "Casal de Prova",
        ["space_address"] = "Carrer de Prova, 1, 08001 Barcelona",
        ["district"] = "Ciutat Vella",
        ["neighbourhood"] = "el Raval",
        ["start_date"] = "2024-01-15",
        ["end_date"] = "2028-01-15",
        ["balance_period_months"] = "12",
        ["renewal_lead_days"] = "90",
        ["last_balance_date"] = "2025-01-10",
        ["contact_name"] = "Anna Prova",
        ["contact_email"] = "contacte@example.org",
        ["representative_email"] = "presidencia@example.org",
        ["language"] = "ca",
    };

    private static AgreementImportResult Read(string text) => AgreementCsvReader.Read(new StringReader(text));

    private static string Register(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    private static string Row(string id = "PC-TEST-0001", params (string Column, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(ValidValues, StringComparer.Ordinal) { ["agreement_id"] = id };
        foreach ((string column, string value) in overrides)
        {
            values[column] = value;
        }

        return string.Join(",", AgreementCsvReader.Columns.Select(column => Quote(values[column])));
    }

    // Quotes a value as a spreadsheet would when it contains a comma, a quote or a line break.
    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
