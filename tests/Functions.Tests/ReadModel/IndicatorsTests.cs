using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Exports;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Functions.Tests.ReadModel;

/// <summary>The indicators of the latest balances by district and type, with small groups hidden, from the read model in Azurite.</summary>
[Collection(StorageTestGroup.Name)]
public sealed class IndicatorsTests(StorageFixture fixture)
{
    [Fact]
    public async Task Indicators_SmallDistrict_IsHidden()
    {
        ServiceCollection collection = new();
        TestServices.Configure(collection, fixture, TestServices.UniqueSuffix());
        await using ServiceProvider services = collection.BuildServiceProvider();
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(services);
        AgreementIndex index = services.GetRequiredService<AgreementIndex>();
        await index.Table.CreateIfNotExistsAsync();
        string question = IndicatorCalculator.NumericQuestionIds(services.GetRequiredService<QuestionnaireCatalog>().Current)[0];

        // Seven entities in Gràcia are shown, two in Les Corts are not. Sant Martí has six: a hidden
        // group smaller than five may take the smallest shown group with it, so Gràcia is the larger one.
        (string District, int Count)[] districts = [("Gràcia", 7), ("Sant Martí", 6), ("Les Corts", 2)];
        int number = 0;
        foreach ((string district, int count) in districts)
        {
            for (int i = 0; i < count; i++)
            {
                number++;
                string id = string.Create(CultureInfo.InvariantCulture, $"PC-2026-{8000 + number}");
                await StoreWithBalanceAsync(repository, id, district, question, number * 10m);
                await index.RefreshAsync(id, CancellationToken.None);
            }
        }

        AgreementListHandler handler = services.GetRequiredService<AgreementListHandler>();
        ApiResult json = await handler.IndicatorsAsync(new DefaultHttpContext().Request, CancellationToken.None);
        JsonElement groups = JsonDocument.Parse(json.Body).RootElement.GetProperty("groups");
        JsonElement gracia = groups.EnumerateArray().Single(group => group.GetProperty("value").GetString() == "Gràcia");
        JsonElement corts = groups.EnumerateArray().Single(group => group.GetProperty("value").GetString() == "Les Corts");

        Assert.Equal(7, gracia.GetProperty("entities").GetInt32());
        Assert.Equal(280m, gracia.GetProperty("values").EnumerateArray().Single(value => value.GetProperty("questionId").GetString() == question).GetProperty("sum").GetDecimal());
        Assert.True(corts.GetProperty("suppressed").GetBoolean());
        Assert.Equal("primary", corts.GetProperty("reason").GetString());
        Assert.Equal("none", gracia.GetProperty("reason").GetString());
        Assert.Equal(0, corts.GetProperty("entities").GetInt32());
        Assert.All(corts.GetProperty("values").EnumerateArray(), value => Assert.Equal(JsonValueKind.Null, value.GetProperty("sum").ValueKind));

        DefaultHttpContext spanish = new();
        spanish.Request.Headers.AcceptLanguage = "es";
        ApiResult csv = await handler.IndicatorsCsvAsync(spanish.Request, CancellationToken.None);
        string text = Encoding.UTF8.GetString(csv.Body);
        Assert.Equal("text/csv; charset=utf-8", csv.ContentType);
        Assert.StartsWith("\uFEFF", text, StringComparison.Ordinal);
        Assert.Contains("menos de 5 entidades", text, StringComparison.Ordinal);
        Assert.DoesNotContain(string.Create(CultureInfo.InvariantCulture, $"{140 + 150}"), text, StringComparison.Ordinal);
    }

    private static async Task StoreWithBalanceAsync(AgreementRepository repository, string id, string district, string question, decimal value)
    {
        Agreement agreement = TestServices.Agreement(id, new DateOnly(2025, 1, 15), new DateOnly(2029, 1, 15)) with { District = district };
        await TestServices.StoreAsync(repository, agreement);
        JsonObject canonical = new() { ["answers"] = new JsonObject { [question] = value } };
        await repository.Table.AddEntityAsync(new SubmissionEntity
        {
            PartitionKey = id,
            RowKey = RowKeys.Submission("s" + id),
            SubmissionId = "s" + id,
            SubmittedAtUtc = DateTimeOffset.UtcNow,
            CoveredDueDate = "2026-01-15",
            CoveredDueKind = "periodic",
            QuestionnaireVersion = "2026.1",
            CanonicalJson = canonical.ToJsonString(),
            RegistryNumber = "E/2026/1",
        });
    }
}
