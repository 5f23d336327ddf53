using System.Security.Cryptography;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Functions.Tests;

/// <summary>Builds the app's services against the test Azurite and SMTP server, with a table and container of the test's own.</summary>
public static class TestServices
{
    public static Dictionary<string, string?> Settings(StorageFixture fixture, string suffix) => new()
    {
        ["BalancStorage:ConnectionString"] = fixture.Azurite.ConnectionString,
        ["BalancStorage:AgreementsTable"] = "agreements" + suffix,
        ["BalancStorage:IndexTable"] = "agreementindex" + suffix,
        ["BalancStorage:PdfContainer"] = "balances" + suffix.ToLowerInvariant(),
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = fixture.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Otpc:EscalationEmail"] = "otpc@example.org",
        ["SubmissionTokens:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    public static void Configure(IServiceCollection services, StorageFixture fixture, string suffix)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(fixture, suffix)).Build();
        services.AddLogging();
        services.AddBalancServices(configuration);
    }

    /// <summary>Returns a suffix that makes table and container names unique to one test.</summary>
    public static string UniqueSuffix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<AgreementRepository> CreateRepositoryAsync(IServiceProvider services)
    {
        AgreementRepository repository = services.GetRequiredService<AgreementRepository>();
        await repository.Table.CreateIfNotExistsAsync();
        return repository;
    }

    /// <summary>An agreement of the register with its contact addresses made unique to the test.</summary>
    public static Agreement Agreement(string id, DateOnly start, DateOnly end, int periodMonths = 12) => new(
        id,
        AgreementType.CessioUs,
        "Casal de Prova de Sant Martí",
        "G52690781",
        "Local del carrer de la Prova",
        "Carrer de la Prova, 1, 08005 Barcelona",
        "Sant Martí",
        "el Poblenou",
        start,
        end,
        periodMonths,
        90,
        null,
        "Laia Puig",
        $"contact.{id.ToLowerInvariant()}@example.org",
        $"representative.{id.ToLowerInvariant()}@example.net",
        Language.Ca);

    public static async Task StoreAsync(AgreementRepository repository, Agreement agreement)
    {
        DateOnly? covered = DueDates.CoveredThroughOnImport(agreement, DueDates.Compute(agreement));
        await repository.Table.AddEntityAsync(AgreementEntity.FromAgreement(agreement, covered, "test", DateTimeOffset.UtcNow));
    }
}
