using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>The app's tables and PDF container in storage, as the <c>BalancStorage</c> settings name them.</summary>
public sealed record StorageNames(string AgreementsTable, string IndexTable, string PdfContainer)
{
    /// <summary>Returns names of their own for a test that needs storage apart from the fixture's; <paramref name="suffix"/> is letters and digits.</summary>
    public static StorageNames WithSuffix(string suffix) =>
        new("agreements" + suffix, "agreementindex" + suffix, "balances" + suffix.ToLowerInvariant());
}

/// <summary>
/// Every row of the app's two tables and every blob of its PDF container, each with its ETag, so
/// that comparing two snapshots shows any row or blob added, removed or rewritten in between. The
/// Durable Task hub's own tables and queues are left out: orchestrations write there on their own.
/// </summary>
public sealed class StorageSnapshot
{
    private readonly SortedSet<string> items;

    private StorageSnapshot(SortedSet<string> items) => this.items = items;

    public int Count => this.items.Count;

    public static async Task<StorageSnapshot> CaptureAsync(string connectionString, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        SortedSet<string> items = new(StringComparer.Ordinal);
        TableServiceClient tables = new(connectionString);
        foreach (string table in new[] { names.AgreementsTable, names.IndexTable })
        {
            await foreach (TableEntity entity in tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                items.Add($"table {table} | {entity.PartitionKey} | {entity.RowKey} | {entity.ETag}");
            }
        }

        BlobContainerClient container = new BlobServiceClient(connectionString).GetBlobContainerClient(names.PdfContainer);
        await foreach (BlobItem blob in container.GetBlobsAsync())
        {
            items.Add($"blob {names.PdfContainer} | {blob.Name} | {blob.Properties.ETag}");
        }

        return new StorageSnapshot(items);
    }

    /// <summary>
    /// Captures snapshots a second apart until two in a row are equal, so that writes which an
    /// earlier request started in the background (index refreshes, orchestration steps) are done.
    /// </summary>
    public static async Task<StorageSnapshot> CaptureQuietAsync(string connectionString, StorageNames names)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        StorageSnapshot previous = await CaptureAsync(connectionString, names);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            StorageSnapshot current = await CaptureAsync(connectionString, names);
            if (current.Changes(previous).Count == 0)
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Storage kept changing for 60 s. Last changes: {string.Join("; ", current.Changes(previous))}");
            }

            previous = current;
        }
    }

    /// <summary>Returns what differs from an earlier snapshot: "+ item" for a new or rewritten row or blob, "- item" for one gone or rewritten.</summary>
    public IReadOnlyList<string> Changes(StorageSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return
        [
            .. this.items.Except(earlier.items, StringComparer.Ordinal).Select(item => "+ " + item),
            .. earlier.items.Except(this.items, StringComparer.Ordinal).Select(item => "- " + item),
        ];
    }
}
