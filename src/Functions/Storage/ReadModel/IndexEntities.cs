using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain.Text;

namespace BalancFunctions.Functions.Storage.ReadModel;

/// <summary>The orders in which the OTPC's list can be read.</summary>
public enum ListSort
{
    /// <summary>By next due date, then agreement id; agreements with no open due date last.</summary>
    Due,

    /// <summary>By entity name (accents and case ignored), then agreement id.</summary>
    Name,
}

/// <summary>
/// Keys of the index table. Each agreement has one list row in every partition a filter can ask
/// for: one per sort order and per combination of status, district and type, so that any
/// combination of those filters reads one partition and only the rows it returns. The row key
/// orders the partition by the sort; with the due-date sort, a due-date window is a row key range.
/// </summary>
public static class IndexKeys
{
    /// <summary>The partition of the projection records and the counters, so both change in one transaction.</summary>
    public const string MetaPartition = "meta";

    public const string ProjectionPrefix = "p|";

    public const string CounterPrefix = "c|";

    /// <summary>The partition that lists each agreement under the date its status next changes.</summary>
    public const string RefreshPartition = "refresh";

    /// <summary>The partition that lists each agreement under every word of its entity's name.</summary>
    public const string WordPartition = "word";

    /// <summary>The sort key of an agreement with no open due date: after every date.</summary>
    public const string NoDueDate = "9999-12-31";

    /// <summary>The longest folded name kept in a row key; longer names sort by their start.</summary>
    private const int MaxNameKeyLength = 200;

    public static string Projection(string agreementId) => ProjectionPrefix + agreementId;

    /// <summary>How many rows each counter is spread over, so that concurrent refreshes seldom update the same row.</summary>
    public const int CounterShards = 16;

    /// <summary>Returns the row key of one shard of a counter.</summary>
    public static string Counter(string dimension, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{CounterPrefix}{dimension}~{shard:00}");

    /// <summary>Returns the counter shard of an agreement: a stable hash of its id (FNV-1a), so its moves stay on one row per counter.</summary>
    public static int CounterShard(string agreementId)
    {
        ArgumentNullException.ThrowIfNull(agreementId);
        uint hash = 2166136261;
        foreach (char c in agreementId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % CounterShards);
    }

    /// <summary>Returns the list partition of a sort and a combination of filters (null when not filtered).</summary>
    public static string ListPartition(ListSort sort, string? status, string? districtKey, string? type)
    {
        StringBuilder key = new(sort == ListSort.Due ? "due" : "name");
        if (status is not null)
        {
            key.Append("|s=").Append(status);
        }

        if (districtKey is not null)
        {
            key.Append("|d=").Append(districtKey);
        }

        if (type is not null)
        {
            key.Append("|t=").Append(type);
        }

        return key.ToString();
    }

    /// <summary>Returns the partition of the agreements whose balance awaits its registry entry.</summary>
    public static string AwaitingPartition(ListSort sort) => (sort == ListSort.Due ? "due" : "name") + "|a";

    /// <summary>Returns the row key that orders a list row in a partition of <paramref name="sort"/>.</summary>
    public static string ListRow(ListSort sort, string agreementId, string? nextDueDate, string entityName)
    {
        string order = sort == ListSort.Due
            ? (string.IsNullOrEmpty(nextDueDate) ? NoDueDate : nextDueDate)
            : Truncate(Safe(SearchText.Fold(entityName)), MaxNameKeyLength);
        return order + "|" + agreementId;
    }

    public static string Word(string word, string agreementId) => Truncate(Safe(word), MaxNameKeyLength) + "|" + agreementId;

    public static string Refresh(DateOnly date, string agreementId) =>
        date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|" + agreementId;

    /// <summary>Returns the key form of a district: folded, so that "gracia" finds "Gràcia", and safe in a key.</summary>
    public static string DistrictKey(string district) => Safe(SearchText.Fold(district));

    /// <summary>Returns the first string after every string that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }

    /// <summary>Replaces what a Table key cannot hold ('/', '\', '#', '?', control characters) and the '|' separator.</summary>
    public static string Safe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder safe = new(text.Length);
        foreach (char c in text)
        {
            safe.Append(c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? '-' : c);
        }

        return safe.ToString();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>One agreement as the OTPC's list shows it; every index row carries these columns.</summary>
public class AgreementListRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string AgreementId { get; set; } = string.Empty;

    public string AgreementType { get; set; } = string.Empty;

    public string EntityName { get; set; } = string.Empty;

    /// <summary>The entity's name folded for search (lower case, no accents).</summary>
    public string NameFolded { get; set; } = string.Empty;

    public string District { get; set; } = string.Empty;

    public string DistrictKey { get; set; } = string.Empty;

    public string Neighbourhood { get; set; } = string.Empty;

    public string SpaceName { get; set; } = string.Empty;

    public string EndDate { get; set; } = string.Empty;

    /// <summary>The status code text, such as <c>fora-de-termini</c>; the refresh partition says when it next changes.</summary>
    public string Status { get; set; } = string.Empty;

    public int EscalationLevel { get; set; }

    public bool AwaitingRegistration { get; set; }

    /// <summary>The effective next due date (yyyy-MM-dd), or empty when none is open.</summary>
    public string NextDueDate { get; set; } = string.Empty;

    /// <summary>The original date of the next due date, which office actions name it by, or empty.</summary>
    public string NextDueDateOriginal { get; set; } = string.Empty;

    /// <summary>Copies the list columns to a row with other keys.</summary>
    public T CopyTo<T>(T row, string partitionKey, string rowKey)
        where T : AgreementListRow
    {
        ArgumentNullException.ThrowIfNull(row);
        row.PartitionKey = partitionKey;
        row.RowKey = rowKey;
        row.AgreementId = this.AgreementId;
        row.AgreementType = this.AgreementType;
        row.EntityName = this.EntityName;
        row.NameFolded = this.NameFolded;
        row.District = this.District;
        row.DistrictKey = this.DistrictKey;
        row.Neighbourhood = this.Neighbourhood;
        row.SpaceName = this.SpaceName;
        row.EndDate = this.EndDate;
        row.Status = this.Status;
        row.EscalationLevel = this.EscalationLevel;
        row.AwaitingRegistration = this.AwaitingRegistration;
        row.NextDueDate = this.NextDueDate;
        row.NextDueDateOriginal = this.NextDueDateOriginal;
        return row;
    }
}

/// <summary>
/// The projection record of one agreement: its list columns, the index rows written for it, the
/// counters it counts in and its latest numeric answers. It lives in the meta partition with the
/// counters, so that a change of both is one transaction.
/// </summary>
public sealed class ProjectionEntity : AgreementListRow
{
    /// <summary>The SHA-256 of everything projected; an equal hash means nothing to write.</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>The index rows of the projection, as JSON pairs of partition and row key.</summary>
    public string KeysJson { get; set; } = "[]";

    /// <summary>Rows of an earlier projection still to delete, as JSON pairs.</summary>
    public string StaleKeysJson { get; set; } = "[]";

    /// <summary>The counters this agreement counts in, as a JSON array of dimensions.</summary>
    public string CountersJson { get; set; } = "[]";

    /// <summary>True once every index row of <see cref="KeysJson"/> is written and every stale row deleted.</summary>
    public bool Complete { get; set; }

    /// <summary>The numeric answers of the latest balance, as a JSON object, or null without a balance.</summary>
    public string? NumbersJson { get; set; }

    public bool HasNumbers { get; set; }
}

/// <summary>How many agreements count in one shard of one dimension value, such as status <c>fora-de-termini</c>.</summary>
public sealed class CounterEntity : ITableEntity
{
    public CounterEntity()
    {
    }

    public CounterEntity(string dimension, int shard, string label)
    {
        this.RowKey = IndexKeys.Counter(dimension, shard);
        this.Dimension = dimension;
        this.Label = label;
    }

    public string PartitionKey { get; set; } = IndexKeys.MetaPartition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Count { get; set; }

    /// <summary>What the counter counts, such as <c>s|fora-de-termini</c> or <c>d|gracia</c>.</summary>
    public string Dimension { get; set; } = string.Empty;

    /// <summary>The value as people read it, such as the district's name with its accents.</summary>
    public string Label { get; set; } = string.Empty;
}
