using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Domain.Text;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Functions.Tests.ReadModel;

/// <summary>
/// The OTPC's read model against Azurite, checked against a full scan of the source: every filter
/// returns exactly what the status computed from the agreements table says, reading only what it returns.
/// </summary>
[Collection(StorageTestGroup.Name)]
public sealed class ReadModelTests(StorageFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Searches = ["besos", "BESÒS", "agroecologic", "Sagrera", "gracia", "casal", "col·lectiu", "collectiu", "associacio veins", "ateneu popular", "zzzz", "l", "sant genis"];

    private ServiceProvider services = null!;
    private AgreementRepository repository = null!;
    private AgreementIndex index = null!;
    private List<(AgreementEntity Entity, AgreementStatus Status)> source = null!;

    public async Task InitializeAsync()
    {
        ServiceCollection collection = new();
        TestServices.Configure(collection, fixture, TestServices.UniqueSuffix());
        this.services = collection.BuildServiceProvider();
        this.repository = await TestServices.CreateRepositoryAsync(this.services);
        this.index = this.services.GetRequiredService<AgreementIndex>();
        await this.index.Table.CreateIfNotExistsAsync();

        string register = Path.Combine(BalancFunctions.Tests.Support.AzuriteInstance.FindRepositoryRoot(), "data", "agreements-sample.csv");
        using StreamReader reader = new(register);
        IReadOnlyList<Agreement> agreements = AgreementCsvReader.Read(reader).Agreements;
        foreach (Agreement agreement in agreements)
        {
            await TestServices.StoreAsync(this.repository, agreement);
        }

        // Two balances that wait for their registry entry, so that the "awaiting" filter has rows.
        foreach (Agreement agreement in agreements.Take(2))
        {
            await this.AddPendingSubmissionAsync(agreement.AgreementId);
        }

        foreach (Agreement agreement in agreements)
        {
            Assert.True(await this.index.RefreshAsync(agreement.AgreementId, CancellationToken.None));
        }

        this.source = await this.ScanSourceAsync();
    }

    public Task DisposeAsync()
    {
        this.services.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task List_EveryStatus_MatchesStatusComputedFromSource()
    {
        foreach (AgreementStatusDescription status in AgreementStatusCalculator.Descriptions)
        {
            await this.AssertMatchesScanAsync(new AgreementFilter(Status: status.CodeText), row => row.Status.CodeText == status.CodeText);
        }

        Assert.Contains(this.source, row => row.Status.Code == AgreementStatusCode.Overdue || row.Status.Code == AgreementStatusCode.DueSoon);
    }

    [Fact]
    public async Task List_EveryDistrictAndType_MatchesSource()
    {
        foreach (string district in this.source.Select(row => row.Entity.District).Distinct())
        {
            await this.AssertMatchesScanAsync(new AgreementFilter(District: district), row => row.Entity.District == district);
            await this.AssertMatchesScanAsync(new AgreementFilter(District: SearchText.Fold(district).ToUpperInvariant()), row => row.Entity.District == district);
        }

        foreach (string type in this.source.Select(row => row.Entity.AgreementType).Distinct())
        {
            await this.AssertMatchesScanAsync(new AgreementFilter(Type: type), row => row.Entity.AgreementType == type);
        }
    }

    [Fact]
    public async Task List_CombinedFilters_MatchSource()
    {
        foreach ((AgreementEntity entity, AgreementStatus status) in this.source.DistinctBy(row => (row.Status.CodeText, row.Entity.District)).Take(12))
        {
            AgreementFilter filter = new(Status: status.CodeText, District: entity.District, Type: entity.AgreementType);
            await this.AssertMatchesScanAsync(filter, row =>
                row.Status.CodeText == status.CodeText && row.Entity.District == entity.District && row.Entity.AgreementType == entity.AgreementType);
            await this.AssertMatchesScanAsync(filter with { Sort = ListSort.Name }, row =>
                row.Status.CodeText == status.CodeText && row.Entity.District == entity.District && row.Entity.AgreementType == entity.AgreementType);
        }
    }

    [Fact]
    public async Task List_DueWindow_MatchesSource()
    {
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);
        (DateOnly? From, DateOnly? To)[] windows = [(today, today.AddDays(90)), (null, today), (today.AddDays(30), null), (new DateOnly(2027, 1, 31), new DateOnly(2027, 3, 1))];
        foreach ((DateOnly? from, DateOnly? to) in windows)
        {
            bool Inside(AgreementStatus status) => status.NextDueDate is DateOnly next && (from is null || next >= from) && (to is null || next <= to);
            await this.AssertMatchesScanAsync(new AgreementFilter(DueFrom: from, DueTo: to), row => Inside(row.Status));
            await this.AssertMatchesScanAsync(new AgreementFilter(DueFrom: from, DueTo: to, Sort: ListSort.Name), row => Inside(row.Status));
        }
    }

    [Fact]
    public async Task List_Search_IgnoresAccentsAndCase()
    {
        foreach (string search in Searches)
        {
            await this.AssertMatchesScanAsync(new AgreementFilter(Search: search), row => SearchText.Matches(SearchText.Fold(row.Entity.EntityName), search), allowExtraReads: true);
        }

        AgreementPage besos = await AgreementListQuery.ReadPageAsync(this.index.Table, new AgreementFilter(Search: "BESOS"), 50, null, CancellationToken.None);
        Assert.True(besos.Items.Count >= 3);
        Assert.All(besos.Items, row => Assert.Contains("Besòs", row.EntityName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_Awaiting_ListsBalancesWithoutRegistryEntry()
    {
        await this.AssertMatchesScanAsync(new AgreementFilter(Awaiting: true), row => row.Status.AwaitingRegistration);
        Assert.Equal(2, this.source.Count(row => row.Status.AwaitingRegistration));
    }

    [Fact]
    public async Task Counts_EqualCountsOfTheSource()
    {
        IReadOnlyList<(string Dimension, string Label, int Count)> counts = await this.index.CountAsync(CancellationToken.None);
        Assert.Equal(this.source.Count, counts.Single(count => count.Dimension == AgreementProjection.AllCounter).Count);
        foreach (IGrouping<string, (AgreementEntity Entity, AgreementStatus Status)> status in this.source.GroupBy(row => row.Status.CodeText))
        {
            Assert.Equal(status.Count(), counts.Single(count => count.Dimension == AgreementProjection.StatusCounter(status.Key)).Count);
        }

        foreach (IGrouping<string, (AgreementEntity Entity, AgreementStatus Status)> district in this.source.GroupBy(row => row.Entity.District))
        {
            (string _, string label, int count) = counts.Single(count => count.Dimension == AgreementProjection.DistrictCounter(IndexKeys.DistrictKey(district.Key)));
            Assert.Equal((district.Key, district.Count()), (label, count));
        }
    }

    [Fact]
    public async Task Refresh_Escalation_MovesStatusAndCounters()
    {
        (AgreementEntity overdue, _) = this.source.First(row => row.Status.Code == AgreementStatusCode.Overdue);
        int escalatedBefore = await this.CountOfAsync(AgreementProjection.StatusCounter("derivat-otpc"));
        overdue.EscalatedDueDate = AgreementEntity.FormatDate(AgreementStates.StatusOn(overdue, AgreementStates.StateOf(overdue, []), Today()).NextDueDateOriginal);
        overdue.EscalationLevel = 1;
        await this.repository.Table.UpdateEntityAsync(overdue, ETag.All);
        Assert.True(await this.index.RefreshAsync(overdue.PartitionKey, CancellationToken.None));

        Assert.Equal(escalatedBefore + 1, await this.CountOfAsync(AgreementProjection.StatusCounter("derivat-otpc")));
        AgreementPage escalated = await AgreementListQuery.ReadPageAsync(this.index.Table, new AgreementFilter(Status: "derivat-otpc"), 200, null, CancellationToken.None);
        Assert.Contains(escalated.Items, row => row.AgreementId == overdue.PartitionKey && row.EscalationLevel == 1);
        AgreementPage stillOverdue = await AgreementListQuery.ReadPageAsync(this.index.Table, new AgreementFilter(Status: "fora-de-termini"), 200, null, CancellationToken.None);
        Assert.DoesNotContain(stillOverdue.Items, row => row.AgreementId == overdue.PartitionKey);
        Assert.False(await this.index.RefreshAsync(overdue.PartitionKey, CancellationToken.None));
    }

    [Fact]
    public async Task Repair_LostRows_RestoresIndex()
    {
        (AgreementEntity victim, AgreementStatus status) = this.source[5];
        string statusPartition = IndexKeys.ListPartition(ListSort.Due, status.CodeText, null, null);
        string row = IndexKeys.ListRow(ListSort.Due, victim.PartitionKey, AgreementEntity.FormatDate(status.NextDueDate), victim.EntityName);
        await this.index.Table.DeleteEntityAsync(statusPartition, row);
        await this.index.Table.UpsertEntityAsync(new CounterEntity(AgreementProjection.AllCounter, 3, "all") { Count = 999 });
        TableEntity halfWritten = new(IndexKeys.MetaPartition, IndexKeys.Projection(this.source[6].Entity.PartitionKey)) { ["Hash"] = "crashed", ["Complete"] = false };
        await this.index.Table.UpdateEntityAsync(halfWritten, ETag.All, TableUpdateMode.Merge);
        await this.index.Table.UpsertEntityAsync(new ProjectionEntity { PartitionKey = IndexKeys.MetaPartition, RowKey = IndexKeys.Projection("PC-GONE"), AgreementId = "PC-GONE", KeysJson = "[]", CountersJson = "[\"all\"]" });

        await this.index.Table.UpsertEntityAsync(new AgreementListRow { PartitionKey = IndexKeys.ListPartition(ListSort.Due, "presentat", null, null), RowKey = "2027-01-01|" + victim.PartitionKey, AgreementId = victim.PartitionKey });

        int repaired = await this.index.RepairAsync([.. this.source.Select(entry => entry.Entity.PartitionKey)], full: true, CancellationToken.None);

        Assert.True(repaired >= 2);
        Assert.Equal(this.source.Count, await this.CountOfAsync(AgreementProjection.AllCounter));
        await this.AssertMatchesScanAsync(new AgreementFilter(Status: status.CodeText), entry => entry.Status.CodeText == status.CodeText);
        await this.AssertMatchesScanAsync(new AgreementFilter(Status: "presentat"), entry => entry.Status.CodeText == "presentat");
        Assert.False((await this.index.Table.GetEntityIfExistsAsync<TableEntity>(IndexKeys.MetaPartition, IndexKeys.Projection("PC-GONE"))).HasValue);
    }

    [Fact]
    public async Task Continuation_FromOtherFilters_IsRefused()
    {
        AgreementPage first = await AgreementListQuery.ReadPageAsync(this.index.Table, new AgreementFilter(), 10, null, CancellationToken.None);
        Assert.NotNull(first.Continuation);
        await Assert.ThrowsAsync<FormatException>(() =>
            AgreementListQuery.ReadPageAsync(this.index.Table, new AgreementFilter(Type: "cessio-us"), 10, first.Continuation, CancellationToken.None));
        await Assert.ThrowsAsync<FormatException>(() =>
            AgreementListQuery.ReadPageAsync(this.index.Table, new AgreementFilter(), 10, "not a token", CancellationToken.None));
    }

    private static DateOnly Today() => MadridTime.LocalDate(DateTimeOffset.UtcNow);

    /// <summary>Reads every page of a filter and checks it against the scan: same agreements, in the sort's order, no page read more than it returned.</summary>
    private async Task AssertMatchesScanAsync(AgreementFilter filter, Func<(AgreementEntity Entity, AgreementStatus Status), bool> expected, bool allowExtraReads = false)
    {
        List<AgreementListRow> rows = [];
        string? continuation = null;
        do
        {
            AgreementPage page = await AgreementListQuery.ReadPageAsync(this.index.Table, filter, 7, continuation, CancellationToken.None);
            if (!allowExtraReads)
            {
                Assert.Equal(page.Items.Count, page.EntitiesRead);
            }

            rows.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);

        string[] expectedIds = [.. this.source
            .Where(expected)
            .Select(row => (Key: IndexKeys.ListRow(filter.Sort, row.Entity.PartitionKey, AgreementEntity.FormatDate(row.Status.NextDueDate), row.Entity.EntityName), Id: row.Entity.PartitionKey))
            .OrderBy(row => row.Key, StringComparer.Ordinal)
            .Select(row => row.Id)];
        Assert.Equal(expectedIds, rows.Select(row => row.AgreementId));
    }

    private async Task<List<(AgreementEntity Entity, AgreementStatus Status)>> ScanSourceAsync()
    {
        List<(AgreementEntity, AgreementStatus)> rows = [];
        foreach (AgreementEntity entity in await this.repository.ListAgreementsAsync(CancellationToken.None))
        {
            List<SubmissionEntity> submissions = await this.repository.ListSubmissionsAsync(entity.PartitionKey, CancellationToken.None);
            rows.Add((entity, AgreementStates.StatusOn(entity, AgreementStates.StateOf(entity, submissions), Today())));
        }

        return rows;
    }

    private async Task<int> CountOfAsync(string dimension) =>
        (await this.index.CountAsync(CancellationToken.None)).FirstOrDefault(count => count.Dimension == dimension).Count;

    private async Task AddPendingSubmissionAsync(string agreementId)
    {
        AgreementEntity entity = (await this.repository.GetAgreementAsync(agreementId, CancellationToken.None))!;
        DueDate due = DueDates.FirstOpen(DueDates.Compute(entity.ToAgreement()), entity.CoveredThroughDate)!;
        string submissionId = Guid.NewGuid().ToString("N");
        await this.repository.Table.AddEntityAsync(new SubmissionEntity
        {
            PartitionKey = agreementId,
            RowKey = RowKeys.Submission(submissionId),
            SubmissionId = submissionId,
            SubmittedAtUtc = DateTimeOffset.UtcNow,
            CoveredDueDate = AgreementEntity.FormatDate(due.Date)!,
            CoveredDueKind = "periodic",
            QuestionnaireVersion = "2026.1",
        });
        entity.CoveredThrough = AgreementEntity.FormatDate(due.Date);
        await this.repository.Table.UpdateEntityAsync(entity, ETag.All);
    }
}
