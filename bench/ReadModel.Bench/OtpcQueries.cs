using Azure.Data.Tables;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Domain.Text;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;

namespace BalancFunctions.ReadModel.Bench;

/// <summary>What one run of a query returns: the agreement ids (or counts) in order, and how many table entities it read.</summary>
internal sealed record QueryOutcome(IReadOnlyList<string> Results, int EntitiesRead);

/// <summary>One OTPC query, read from the index table and by a full scan of the agreements table.</summary>
internal sealed record QueryCase(string Name, Func<CancellationToken, Task<QueryOutcome>> ReadModel, Func<CancellationToken, Task<QueryOutcome>> FullScan);

/// <summary>An agreement row of the full scan with the status computed from it.</summary>
internal sealed record ScannedAgreement(AgreementEntity Entity, AgreementStatus Status);

/// <summary>
/// The queries the OTPC makes, each in two forms. The read model form calls the code the HTTP
/// handler calls (<see cref="AgreementListQuery.ReadPageAsync"/>, <see cref="AgreementIndex.CountAsync"/>).
/// The full scan form is what the list did before the read model: it reads every agreement row
/// (<see cref="AgreementRepository.ListAgreementsAsync"/>), computes each status with no submissions,
/// then filters, sorts and pages in memory in the read model's order, so both forms return the same rows.
/// </summary>
internal sealed class OtpcQueries(AgreementIndex index, AgreementRepository repository, DateOnly today)
{
    private const string Overdue = "fora-de-termini";
    private const string Escalated = "derivat-otpc";
    /// <summary>How many counter rows <see cref="AgreementIndex.CountAsync"/> reads, as <see cref="PrepareAsync"/> counted them.</summary>
    public int CounterRows { get; private set; }

    /// <summary>Counts the counter rows that <see cref="AgreementIndex.CountAsync"/> reads, with the same filter, since it returns only their sums.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {IndexKeys.MetaPartition} and RowKey ge {IndexKeys.CounterPrefix} and RowKey lt {IndexKeys.PrefixEnd(IndexKeys.CounterPrefix)}");
        this.CounterRows = 0;
        await foreach (TableEntity _ in index.Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            this.CounterRows++;
        }
    }

    /// <summary>Returns the OTPC's queries in the order the report lists them.</summary>
    public IReadOnlyList<QueryCase> Cases()
    {
        string gracia = IndexKeys.DistrictKey("gracia");
        string santMarti = IndexKeys.DistrictKey("Sant Martí");
        DateOnly dueTo = today.AddDays(90);
        return
        [
            this.FirstPage("First page, unfiltered", new AgreementFilter(), _ => true),
            this.FirstPage($"status={Overdue}", new AgreementFilter(Status: Overdue), row => row.Status.CodeText == Overdue),
            this.FirstPage($"status={Escalated}", new AgreementFilter(Status: Escalated), row => row.Status.CodeText == Escalated),
            this.FirstPage("district=gracia", new AgreementFilter(District: "gracia"), row => IndexKeys.DistrictKey(row.Entity.District) == gracia),
            this.FirstPage("type=gestio-civica", new AgreementFilter(Type: "gestio-civica"), row => row.Entity.AgreementType == "gestio-civica"),
            this.FirstPage(
                $"status={Overdue} + district=Sant Martí + type=cessio-us",
                new AgreementFilter(Status: Overdue, District: "Sant Martí", Type: "cessio-us"),
                row => row.Status.CodeText == Overdue && IndexKeys.DistrictKey(row.Entity.District) == santMarti && row.Entity.AgreementType == "cessio-us"),
            this.FirstPage(
                "Due in the next 90 days",
                new AgreementFilter(DueFrom: today, DueTo: dueTo),
                row => row.Status.NextDueDate is DateOnly next && next >= today && next <= dueTo),
            this.FirstPage("search \"gracia\"", new AgreementFilter(Search: "gracia"), row => SearchText.Matches(SearchText.Fold(row.Entity.EntityName), "gracia")),
            this.FirstPage(
                "search \"associacio veins\"",
                new AgreementFilter(Search: "associacio veins"),
                row => SearchText.Matches(SearchText.Fold(row.Entity.EntityName), "associacio veins")),
            new QueryCase("Counts by status, district and type", this.CountsFromIndexAsync, this.CountsFromScanAsync),
            new QueryCase($"All pages of {AgreementListHandler.MaxPageSize}", this.AllPagesFromIndexAsync, this.AllPagesFromScanAsync),
        ];
    }

    /// <summary>Reads every agreement row and computes its status on <c>today</c>, as the list did before the read model.</summary>
    public async Task<List<ScannedAgreement>> ScanAsync(CancellationToken cancellationToken)
    {
        List<AgreementEntity> entities = await repository.ListAgreementsAsync(cancellationToken);

        // The generated register has no submission rows, so an empty list is exact. Submissions add
        // only the "awaiting registry entry" flag, which no query here filters on.
        return [.. entities.Select(entity => new ScannedAgreement(entity, AgreementStates.StatusOn(entity, AgreementStates.StateOf(entity, []), today)))];
    }

    /// <summary>Returns the key by which the list sorts by due date, the row key of the index's due-date partitions.</summary>
    private static string DueOrder(ScannedAgreement row) =>
        IndexKeys.ListRow(ListSort.Due, row.Entity.PartitionKey, AgreementEntity.FormatDate(row.Status.NextDueDate), row.Entity.EntityName);

    private QueryCase FirstPage(string name, AgreementFilter filter, Func<ScannedAgreement, bool> matches) => new(
        name,
        async cancellationToken =>
        {
            AgreementPage page = await AgreementListQuery.ReadPageAsync(index.Table, filter, AgreementListHandler.DefaultPageSize, null, cancellationToken);
            return new QueryOutcome([.. page.Items.Select(row => row.AgreementId)], page.EntitiesRead);
        },
        async cancellationToken =>
        {
            List<ScannedAgreement> scanned = await this.ScanAsync(cancellationToken);
            string[] page = [.. scanned
                .Where(matches)
                .OrderBy(DueOrder, StringComparer.Ordinal)
                .Take(AgreementListHandler.DefaultPageSize)
                .Select(row => row.Entity.PartitionKey)];
            return new QueryOutcome(page, scanned.Count);
        });

    private async Task<QueryOutcome> CountsFromIndexAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Dimension, string Label, int Count)> counts = await index.CountAsync(cancellationToken);
        return new QueryOutcome(FormatCounts(counts.Select(count => (count.Dimension, count.Count))), this.CounterRows);
    }

    private async Task<QueryOutcome> CountsFromScanAsync(CancellationToken cancellationToken)
    {
        List<ScannedAgreement> scanned = await this.ScanAsync(cancellationToken);
        IEnumerable<string> dimensions = scanned.SelectMany(row => (string[])
        [
            AgreementProjection.AllCounter,
            AgreementProjection.StatusCounter(row.Status.CodeText),
            AgreementProjection.DistrictCounter(IndexKeys.DistrictKey(row.Entity.District)),
            AgreementProjection.TypeCounter(row.Entity.AgreementType),
        ]);
        return new QueryOutcome(FormatCounts(dimensions.CountBy(dimension => dimension).Select(pair => (pair.Key, pair.Value))), scanned.Count);
    }

    /// <summary>Formats counts as "dimension=count" lines in ordinal order, leaving out zeros, so both forms compare equal.</summary>
    private static string[] FormatCounts(IEnumerable<(string Dimension, int Count)> counts) =>
        [.. counts.Where(count => count.Count > 0).Select(count => $"{count.Dimension}={count.Count}").Order(StringComparer.Ordinal)];

    private async Task<QueryOutcome> AllPagesFromIndexAsync(CancellationToken cancellationToken)
    {
        List<string> ids = [];
        int read = 0;
        string? continuation = null;
        do
        {
            AgreementPage page = await AgreementListQuery.ReadPageAsync(index.Table, new AgreementFilter(), AgreementListHandler.MaxPageSize, continuation, cancellationToken);
            ids.AddRange(page.Items.Select(row => row.AgreementId));
            read += page.EntitiesRead;
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return new QueryOutcome(ids, read);
    }

    /// <summary>
    /// Scans once and sorts the whole list in memory, the cheapest way a scan can serve every page.
    /// A stateless endpoint that scanned again for each page would read the table once per page.
    /// </summary>
    private async Task<QueryOutcome> AllPagesFromScanAsync(CancellationToken cancellationToken)
    {
        List<ScannedAgreement> scanned = await this.ScanAsync(cancellationToken);
        return new QueryOutcome([.. scanned.OrderBy(DueOrder, StringComparer.Ordinal).Select(row => row.Entity.PartitionKey)], scanned.Count);
    }
}
