using System.Globalization;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Functions.Tests.ReadModel;

/// <summary>Paging through well over 1,000 agreements with continuation tokens, in Azurite.</summary>
[Collection(StorageTestGroup.Name)]
public sealed class PagingTests(StorageFixture fixture)
{
    private const int AgreementCount = 1300;
    private static readonly string[] Districts = ["Ciutat Vella", "Gràcia", "Sant Martí", "Sants-Montjuïc", "Horta-Guinardó"];
    private static readonly AgreementType[] Types = [AgreementType.CessioUs, AgreementType.GestioCivica];

    [Fact]
    public async Task List_1300Agreements_PagesThroughEveryOneOnceInOrder()
    {
        ServiceCollection collection = new();
        TestServices.Configure(collection, fixture, TestServices.UniqueSuffix());
        await using ServiceProvider services = collection.BuildServiceProvider();
        AgreementIndex index = services.GetRequiredService<AgreementIndex>();
        await index.Table.CreateIfNotExistsAsync();
        await index.BulkLoadAsync(Generate().Select(entity => (entity, (IReadOnlyList<SubmissionEntity>)[])), CancellationToken.None);

        foreach (AgreementFilter filter in (AgreementFilter[])[new(), new(Sort: ListSort.Name), new(Type: "gestio-civica"), new(District: "gracia")])
        {
            List<AgreementListRow> rows = [];
            int reads = 0;
            int pages = 0;
            string? continuation = null;
            do
            {
                AgreementPage page = await AgreementListQuery.ReadPageAsync(index.Table, filter, 200, continuation, CancellationToken.None);
                rows.AddRange(page.Items);
                reads += page.EntitiesRead;
                pages++;
                continuation = page.Continuation;
            }
            while (continuation is not null);

            int expected = AgreementCount;
            if (filter.Type is not null)
            {
                expected = AgreementCount / Types.Length;
            }
            else if (filter.District is not null)
            {
                expected = AgreementCount / Districts.Length;
            }
            Assert.Equal(expected, rows.Count);
            Assert.Equal(expected, rows.Select(row => row.AgreementId).Distinct().Count());
            Assert.Equal(expected, reads);
            Assert.True(pages >= expected / 200);
            string[] keys = [.. rows.Select(row => IndexKeys.ListRow(filter.Sort, row.AgreementId, row.NextDueDate, row.EntityName))];
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }
    }

    private static IEnumerable<AgreementEntity> Generate()
    {
        DateOnly start = MadridTime.LocalDate(DateTimeOffset.UtcNow).AddYears(-1);
        for (int number = 1; number <= AgreementCount; number++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"PG-2026-{number:0000}");
            Agreement agreement = new(
                id,
                Types[number % Types.Length],
                string.Create(CultureInfo.InvariantCulture, $"Associació {number} de Veïns i Veïnes"),
                "G52690781",
                "Local",
                "Carrer de la Prova, 1, 08005 Barcelona",
                Districts[number % Districts.Length],
                "Barri",
                start.AddDays(number % 365),
                start.AddYears(4).AddDays(number % 365),
                12,
                90,
                null,
                "Laia Puig",
                "contacte@example.org",
                "representant@example.net",
                Language.Ca);
            yield return AgreementEntity.FromAgreement(agreement, null, "generated", DateTimeOffset.UtcNow);
        }
    }
}
