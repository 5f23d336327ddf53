using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Tests.Agreements;

public sealed class AgreementCsvReaderSampleTests
{
    /// <summary>The sample register, read once for every test that uses it.</summary>
    internal static readonly Lazy<AgreementImportResult> Sample = new(ReadSample);

    [Fact]
    public void Read_SampleRegister_HasNoErrors()
    {
        AgreementImportResult result = Sample.Value;

        Assert.Empty(result.Errors.Select(error => $"row {error.Row} {error.Field} {error.Code}: {error.Message.Ca}"));
        Assert.Equal(120, result.Agreements.Count);
    }

    [Fact]
    public void Read_SampleRegister_MapsFirstRow()
    {
        Agreement first = Sample.Value.Agreements[0];

        var expected = new Agreement(
            "PC-2019-0001",
            AgreementType.CessioUs,
            "Coordinadora Intercultural d'Hostafrancs",
            "G52690781",
            "Antiga escola d'Aragó",
            "Carrer de Sant Pau, 1, 08037 Barcelona",
            "Sants-Montjuïc",
            "Hostafrancs",
            TestAgreements.Date("2019-02-25"),
            TestAgreements.Date("2029-02-25"),
            24,
            90,
            TestAgreements.Date("2025-02-14"),
            "Montserrat Benet",
            "coordinadora1@example.org",
            "presidencia.coordinadora1@example.net",
            Language.Ca);
        Assert.Equal(expected, first);
    }

    [Fact]
    public void Read_SampleRegister_HasUniqueIds()
    {
        IReadOnlyList<Agreement> agreements = Sample.Value.Agreements;

        Assert.Equal(agreements.Count, agreements.Select(agreement => agreement.AgreementId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Read_SampleRegister_HasDueDates()
    {
        // Every agreement of the sample is long enough to have at least its renewal balance.
        Assert.All(Sample.Value.Agreements, agreement => Assert.NotEmpty(DueDates.Compute(agreement)));
    }

    [Fact]
    public void Read_SampleRegister_IncludesEveryTypeAndLanguage()
    {
        IReadOnlyList<Agreement> agreements = Sample.Value.Agreements;

        Assert.Equal(Enum.GetValues<AgreementType>().Order(), agreements.Select(agreement => agreement.Type).Distinct().Order());
        Assert.Equal(Enum.GetValues<Language>().Order(), agreements.Select(agreement => agreement.Language).Distinct().Order());
    }

    private static AgreementImportResult ReadSample()
    {
        using var reader = new StreamReader(SamplePath());
        return AgreementCsvReader.Read(reader);
    }

    // The sample lives in the repository's data folder, above the test binaries.
    private static string SamplePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data", "agreements-sample.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"data/agreements-sample.csv not found above {AppContext.BaseDirectory}.");
    }
}
