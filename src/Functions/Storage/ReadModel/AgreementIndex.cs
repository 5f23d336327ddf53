using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain.Calendar;
using Microsoft.Extensions.Logging;

namespace BalancFunctions.Functions.Storage.ReadModel;

/// <summary>
/// Keeps the index table, the OTPC's read model, in step with the agreements table. Every write to
/// an agreement's records is followed by <see cref="RefreshAsync"/>, which projects the agreement
/// again from its source records; a status that changes with the date is refreshed on the date it
/// changes; the daily reconciliation projects every agreement again, which repairs anything a
/// crash left behind. The index is never the source of anything: it can be rebuilt from the
/// agreements table at any time.
/// </summary>
public sealed partial class AgreementIndex(
    TableClient index,
    AgreementRepository repository,
    TimeProvider clock,
    Func<SubmissionEntity, IReadOnlyDictionary<string, decimal>> numbersOf,
    ILogger<AgreementIndex> logger) : IDisposable
{
    private const int MaxAttempts = 20;
    private const int MaxTransactionActions = 100;
    private readonly SemaphoreSlim flushLock = new(1, 1);
    private DateOnly lastFlushed;

    /// <summary>The index table client, for queries and for creating the table.</summary>
    public TableClient Table => index;

    public void Dispose() => this.flushLock.Dispose();

    /// <summary>Projects one agreement again from its source records; returns true when anything changed.</summary>
    public Task<bool> RefreshAsync(string agreementId, CancellationToken cancellationToken) =>
        this.RefreshAsync(agreementId, rewrite: false, cancellationToken);

    /// <summary>
    /// Projects one agreement again from its source records; returns true when anything changed.
    /// With <paramref name="rewrite"/>, it writes every index row even when the record says they are
    /// written, which restores rows lost by other means than a crash.
    /// </summary>
    public async Task<bool> RefreshAsync(string agreementId, bool rewrite, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(agreementId);
        for (int attempt = 1; ; attempt++)
        {
            DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
            AgreementEntity? entity = await repository.GetAgreementAsync(agreementId, cancellationToken);
            ProjectionEntity? desired = entity is null
                ? null
                : AgreementProjection.Build(entity, await repository.ListSubmissionsAsync(agreementId, cancellationToken), today, numbersOf);
            ProjectionEntity? current = await this.GetProjectionAsync(agreementId, cancellationToken);
            if (desired is null && current is null)
            {
                return false;
            }

            if (desired is not null && current is not null && current.Hash == desired.Hash && current.Complete && !rewrite)
            {
                return false;
            }

            try
            {
                await this.ApplyAsync(agreementId, current, desired, cancellationToken);
                return current is null || desired is null || current.Hash != desired.Hash || !current.Complete;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another refresh changed the projection or a counter first: read again and project again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Refreshes an agreement after a request changed its records, without failing the request: the
    /// records are stored, and the daily reconciliation repairs a refresh that fails here.
    /// </summary>
    /// <returns>False when the refresh failed.</returns>
    public async Task<bool> TryRefreshAsync(string agreementId, CancellationToken cancellationToken)
    {
        try
        {
            await this.RefreshAsync(agreementId, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception)
        {
            this.LogRefreshFailed(exception, agreementId);
            return false;
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(inner => inner is RequestFailedException))
        {
            // Azure.Core throws this, not a RequestFailedException, when a transport failure such as a refused connection outlasts its retries.
            this.LogRefreshFailed(exception, agreementId);
            return false;
        }
    }

    /// <summary>
    /// Refreshes, once per local day, the agreements whose status changes with the date (a due date
    /// coming near or passing, an agreement ending). Queries call it first, so they never show
    /// yesterday's status; it reads only the agreements that change.
    /// </summary>
    public async Task FlushDateChangesAsync(CancellationToken cancellationToken)
    {
        DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
        if (this.lastFlushed == today)
        {
            return;
        }

        await this.flushLock.WaitAsync(cancellationToken);
        try
        {
            if (this.lastFlushed == today)
            {
                return;
            }

            string upper = IndexKeys.Refresh(today.AddDays(1), string.Empty);
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.RefreshPartition} and RowKey lt {upper}");
            List<string> changing = [];
            await foreach (TableEntity row in index.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                changing.Add(row.RowKey[(row.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..]);
            }

            bool allRefreshed = true;
            foreach (string agreementId in changing.Distinct(StringComparer.Ordinal))
            {
                allRefreshed &= await this.TryRefreshAsync(agreementId, cancellationToken);
            }

            // A failed refresh is tried again by the next query, and this query reads the index as it is.
            if (allRefreshed)
            {
                this.lastFlushed = today;
            }

            if (changing.Count > 0)
            {
                this.LogFlushed(changing.Count, today);
            }
        }
        finally
        {
            this.flushLock.Release();
        }
    }

    /// <summary>
    /// Projects every agreement of the source again, drops the projections of agreements no longer in
    /// it and counts every counter again from the projection records. The daily reconciliation runs it.
    /// A <paramref name="full"/> repair also writes every index row again and deletes every row that no
    /// projection record lists: it reads the whole index, for when rows were lost or added by hand.
    /// </summary>
    public async Task<int> RepairAsync(IReadOnlyCollection<string> agreementIds, bool full, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreementIds);
        int changed = 0;
        HashSet<string> known = new(agreementIds, StringComparer.Ordinal);
        foreach (string agreementId in agreementIds)
        {
            changed += await this.RefreshAsync(agreementId, full, cancellationToken) ? 1 : 0;
        }

        foreach (string orphan in (await this.ListProjectionIdsAsync(cancellationToken)).Where(id => !known.Contains(id)))
        {
            changed += await this.RefreshAsync(orphan, cancellationToken) ? 1 : 0;
        }

        if (full)
        {
            changed += await this.DeleteUnlistedRowsAsync(cancellationToken);
        }

        await this.RecountAsync(cancellationToken);
        this.lastFlushed = MadridTime.LocalDate(clock.GetUtcNow());
        if (changed > 0)
        {
            this.LogRepaired(changed);
        }

        return changed;
    }

    /// <summary>
    /// Writes the projections of many agreements at once, in batches per partition: the fast way to
    /// fill an empty index from the source, used by the benchmark. It does not delete rows of earlier
    /// projections, so it is only for an empty index.
    /// </summary>
    public async Task BulkLoadAsync(IEnumerable<(AgreementEntity Entity, IReadOnlyList<SubmissionEntity> Submissions)> agreements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
        List<ProjectionEntity> projections = [.. agreements.Select(item => AgreementProjection.Build(item.Entity, item.Submissions, today, numbersOf))];
        List<ITableEntity> rows = [.. projections.SelectMany(projection =>
            AgreementProjection.Keys(projection.KeysJson).Select(key => (ITableEntity)projection.CopyTo(new AgreementListRow(), key.Partition, key.Row)))];
        rows.AddRange(projections);
        rows.AddRange(CountersOf(projections).Values);
        foreach (IGrouping<string, ITableEntity> partition in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            foreach (ITableEntity[] chunk in partition.Chunk(MaxTransactionActions))
            {
                await index.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
            }
        }
    }

    /// <summary>Reads every counter and adds its shards up: how many agreements count in each status, district and type.</summary>
    public async Task<IReadOnlyList<(string Dimension, string Label, int Count)>> CountAsync(CancellationToken cancellationToken)
    {
        List<CounterEntity> shards = await this.ListCountersAsync(cancellationToken);
        return [.. shards
            .GroupBy(shard => shard.Dimension, StringComparer.Ordinal)
            .Select(group => (group.Key, group.OrderByDescending(shard => shard.Count).First().Label, group.Sum(shard => shard.Count)))];
    }

    private async Task<List<CounterEntity>> ListCountersAsync(CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {IndexKeys.MetaPartition} and RowKey ge {IndexKeys.CounterPrefix} and RowKey lt {IndexKeys.PrefixEnd(IndexKeys.CounterPrefix)}");
        List<CounterEntity> counters = [];
        await foreach (CounterEntity counter in index.QueryAsync<CounterEntity>(filter, cancellationToken: cancellationToken))
        {
            counters.Add(counter);
        }

        return counters;
    }

    /// <summary>Reads the projection records of the agreements with a balance: district, type and numeric answers.</summary>
    public async Task<List<ProjectionEntity>> ListNumbersAsync(CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {IndexKeys.MetaPartition} and RowKey ge {IndexKeys.ProjectionPrefix} and RowKey lt {IndexKeys.PrefixEnd(IndexKeys.ProjectionPrefix)} and HasNumbers eq {true}");
        List<ProjectionEntity> projections = [];
        string[] columns = [nameof(ProjectionEntity.AgreementId), nameof(ProjectionEntity.District), nameof(ProjectionEntity.AgreementType), nameof(ProjectionEntity.NumbersJson)];
        await foreach (ProjectionEntity projection in index.QueryAsync<ProjectionEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            projections.Add(projection);
        }

        return projections;
    }

    private async Task<ProjectionEntity?> GetProjectionAsync(string agreementId, CancellationToken cancellationToken)
    {
        NullableResponse<ProjectionEntity> response = await index.GetEntityIfExistsAsync<ProjectionEntity>(
            IndexKeys.MetaPartition, IndexKeys.Projection(agreementId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Replaces the projection record and moves the agreement between counters in one transaction,
    /// then writes the new index rows, deletes the stale ones and marks the record complete. A crash
    /// after the transaction leaves the record incomplete with its stale rows listed, and the next
    /// refresh finishes the work.
    /// </summary>
    private async Task ApplyAsync(string agreementId, ProjectionEntity? current, ProjectionEntity? desired, CancellationToken cancellationToken)
    {
        IReadOnlyList<IndexKey> currentKeys = current is null ? [] : AgreementProjection.Keys(current.KeysJson);
        IReadOnlyList<IndexKey> desiredKeys = desired is null ? [] : AgreementProjection.Keys(desired.KeysJson);
        IEnumerable<IndexKey> earlierStale = current is null ? [] : AgreementProjection.Keys(current.StaleKeysJson);
        List<IndexKey> stale = [.. currentKeys.Concat(earlierStale).Except(desiredKeys).Distinct()];
        ETag recordETag;
        if (current is not null && desired is not null && current.Hash == desired.Hash)
        {
            // The record is right but its rows may not be: finish writing them.
            recordETag = current.ETag;
        }
        else
        {
            recordETag = await this.SwapRecordAsync(current, desired, stale, cancellationToken);
        }

        if (desired is not null)
        {
            await Task.WhenAll(desiredKeys.Select(key =>
                index.UpsertEntityAsync(desired.CopyTo(new AgreementListRow(), key.Partition, key.Row), TableUpdateMode.Replace, cancellationToken)));
        }

        await Task.WhenAll(stale.Select(key => this.DeleteIfExistsAsync(key, cancellationToken)));
        if (desired is null)
        {
            return;
        }

        TableEntity done = new(IndexKeys.MetaPartition, IndexKeys.Projection(agreementId))
        {
            [nameof(ProjectionEntity.Complete)] = true,
            [nameof(ProjectionEntity.StaleKeysJson)] = "[]",
        };
        try
        {
            await index.UpdateEntityAsync(done, recordETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // A later refresh replaced the record meanwhile; it finishes its own rows.
        }
    }

    /// <summary>Replaces, adds or deletes the projection record and adjusts the counters, in one transaction; returns the record's new ETag.</summary>
    private async Task<ETag> SwapRecordAsync(ProjectionEntity? current, ProjectionEntity? desired, IReadOnlyList<IndexKey> stale, CancellationToken cancellationToken)
    {
        Dictionary<string, int> deltas = new(StringComparer.Ordinal);
        foreach (string counter in current is null ? [] : AgreementProjection.Counters(current.CountersJson))
        {
            deltas[counter] = deltas.GetValueOrDefault(counter) - 1;
        }

        foreach (string counter in desired is null ? [] : AgreementProjection.Counters(desired.CountersJson))
        {
            deltas[counter] = deltas.GetValueOrDefault(counter) + 1;
        }

        List<TableTransactionAction> actions = [];
        if (desired is null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, current!, current!.ETag));
        }
        else
        {
            desired.Complete = false;
            desired.StaleKeysJson = JsonSerializer.Serialize(stale);
            actions.Add(current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, desired)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, desired, current.ETag));
        }

        int shard = IndexKeys.CounterShard((desired ?? current)!.AgreementId);
        foreach ((string dimension, int delta) in deltas.Where(pair => pair.Value != 0))
        {
            NullableResponse<CounterEntity> stored = await index.GetEntityIfExistsAsync<CounterEntity>(
                IndexKeys.MetaPartition, IndexKeys.Counter(dimension, shard), cancellationToken: cancellationToken);
            string label = desired is not null && delta > 0 ? AgreementProjection.CounterLabel(desired, dimension) : stored.HasValue ? stored.Value!.Label : dimension;
            CounterEntity counter = new(dimension, shard, label) { Count = Math.Max(0, (stored.HasValue ? stored.Value!.Count : 0) + delta) };
            actions.Add(stored.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, counter, stored.Value!.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, counter));
        }

        // A transaction that fails on an ETag throws TableTransactionFailedException, a RequestFailedException with status 412 or 409.
        Response<IReadOnlyList<Response>> response = await index.SubmitTransactionAsync(actions, cancellationToken);
        return response.Value[0].Headers.ETag ?? ETag.All;
    }

    private async Task DeleteIfExistsAsync(IndexKey key, CancellationToken cancellationToken)
    {
        try
        {
            await index.DeleteEntityAsync(key.Partition, key.Row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    /// <summary>Deletes every index row that no projection record lists; returns how many agreements had such rows.</summary>
    private async Task<int> DeleteUnlistedRowsAsync(CancellationToken cancellationToken)
    {
        HashSet<IndexKey> listed = [];
        string projections = TableClient.CreateQueryFilter(
            $"PartitionKey eq {IndexKeys.MetaPartition} and RowKey ge {IndexKeys.ProjectionPrefix} and RowKey lt {IndexKeys.PrefixEnd(IndexKeys.ProjectionPrefix)}");
        await foreach (ProjectionEntity projection in index.QueryAsync<ProjectionEntity>(projections, select: [nameof(ProjectionEntity.KeysJson)], cancellationToken: cancellationToken))
        {
            listed.UnionWith(AgreementProjection.Keys(projection.KeysJson));
        }

        HashSet<string> affected = new(StringComparer.Ordinal);
        string rows = TableClient.CreateQueryFilter($"PartitionKey ne {IndexKeys.MetaPartition}");
        await foreach (TableEntity row in index.QueryAsync<TableEntity>(rows, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            IndexKey key = new(row.PartitionKey, row.RowKey);
            if (!listed.Contains(key))
            {
                await this.DeleteIfExistsAsync(key, cancellationToken);
                affected.Add(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..]);
            }
        }

        return affected.Count;
    }

    private async Task<List<string>> ListProjectionIdsAsync(CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {IndexKeys.MetaPartition} and RowKey ge {IndexKeys.ProjectionPrefix} and RowKey lt {IndexKeys.PrefixEnd(IndexKeys.ProjectionPrefix)}");
        List<string> ids = [];
        await foreach (TableEntity row in index.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey[IndexKeys.ProjectionPrefix.Length..]);
        }

        return ids;
    }

    /// <summary>
    /// Counts every counter again from the projection records and writes the ones that differ. A
    /// refresh that moves a counter meanwhile changes its ETag, and the recount starts again.
    /// </summary>
    private async Task RecountAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            Dictionary<string, CounterEntity> stored = (await this.ListCountersAsync(cancellationToken)).ToDictionary(counter => counter.RowKey, StringComparer.Ordinal);
            string filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {IndexKeys.MetaPartition} and RowKey ge {IndexKeys.ProjectionPrefix} and RowKey lt {IndexKeys.PrefixEnd(IndexKeys.ProjectionPrefix)}");
            List<ProjectionEntity> projections = [];
            string[] columns = [nameof(ProjectionEntity.CountersJson), nameof(ProjectionEntity.District), nameof(ProjectionEntity.AgreementId)];
            await foreach (ProjectionEntity projection in index.QueryAsync<ProjectionEntity>(filter, select: columns, cancellationToken: cancellationToken))
            {
                projections.Add(projection);
            }

            Dictionary<string, CounterEntity> counted = CountersOf(projections);
            List<TableTransactionAction> actions = [];
            foreach ((string rowKey, CounterEntity counter) in counted)
            {
                if (!stored.TryGetValue(rowKey, out CounterEntity? existing))
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, counter));
                }
                else if (existing.Count != counter.Count)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, counter, existing.ETag));
                }
            }

            actions.AddRange(stored.Values
                .Where(existing => !counted.ContainsKey(existing.RowKey) && existing.Count != 0)
                .Select(existing => new TableTransactionAction(
                    TableTransactionActionType.UpdateReplace,
                    new CounterEntity(existing.Dimension, 0, existing.Label) { RowKey = existing.RowKey },
                    existing.ETag)));
            if (actions.Count == 0)
            {
                return;
            }

            try
            {
                foreach (TableTransactionAction[] chunk in actions.Chunk(MaxTransactionActions))
                {
                    await index.SubmitTransactionAsync(chunk, cancellationToken);
                }

                this.LogRecounted(actions.Count);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    private static Dictionary<string, CounterEntity> CountersOf(IEnumerable<ProjectionEntity> projections)
    {
        Dictionary<string, CounterEntity> counters = new(StringComparer.Ordinal);
        foreach (ProjectionEntity projection in projections)
        {
            int shard = IndexKeys.CounterShard(projection.AgreementId);
            foreach (string dimension in AgreementProjection.Counters(projection.CountersJson))
            {
                string rowKey = IndexKeys.Counter(dimension, shard);
                if (!counters.TryGetValue(rowKey, out CounterEntity? counter))
                {
                    counter = new CounterEntity(dimension, shard, AgreementProjection.CounterLabel(projection, dimension));
                    counters[rowKey] = counter;
                }

                counter.Count++;
            }
        }

        return counters;
    }

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Read model: agreement {AgreementId} could not be refreshed; the daily reconciliation will repair it")]
    private partial void LogRefreshFailed(Exception exception, string agreementId);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Read model: {Count} agreements whose status changes on {Date:yyyy-MM-dd} refreshed")]
    private partial void LogFlushed(int count, DateOnly date);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Read model: {Count} agreement projections were out of date and were repaired")]
    private partial void LogRepaired(int count);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Read model: {Count} counters differed from the projection records and were corrected")]
    private partial void LogRecounted(int count);
}
