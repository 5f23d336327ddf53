using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain.Text;

namespace BalancFunctions.Functions.Storage.ReadModel;

/// <summary>The OTPC's list filters; a null member does not filter.</summary>
/// <param name="Status">A status code text, such as <c>fora-de-termini</c>.</param>
/// <param name="District">A district's name; accents and case are ignored.</param>
/// <param name="Type">An agreement type code, such as <c>cessio-us</c>.</param>
/// <param name="Awaiting">True to list only agreements with a balance awaiting its registry entry.</param>
/// <param name="DueFrom">The first next due date to list.</param>
/// <param name="DueTo">The last next due date to list.</param>
/// <param name="Search">Words that start words of the entity's name; accents and case are ignored.</param>
/// <param name="Sort">The order of the list.</param>
public sealed record AgreementFilter(
    string? Status = null,
    string? District = null,
    string? Type = null,
    bool Awaiting = false,
    DateOnly? DueFrom = null,
    DateOnly? DueTo = null,
    string? Search = null,
    ListSort Sort = ListSort.Due);

/// <summary>One page of the list, the token of the next one (null at the end) and how many entities the page read.</summary>
public sealed record AgreementPage(IReadOnlyList<AgreementListRow> Items, string? Continuation, int EntitiesRead);

/// <summary>
/// Reads the OTPC's list from the index table. Without a search, a page reads one partition, chosen
/// by the filters, within a row key range when a due-date window is sorted by due date; so it reads
/// only the rows it returns. With a search, it reads the rows of the word partition whose word starts
/// with the search's longest word, which are the candidates, and sorts and pages them in memory.
/// </summary>
public static class AgreementListQuery
{
    /// <summary>Reads the page after <paramref name="continuation"/> (null for the first).</summary>
    /// <exception cref="FormatException">The continuation token is malformed or belongs to other filters.</exception>
    public static async Task<AgreementPage> ReadPageAsync(TableClient index, AgreementFilter filter, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        string fingerprint = Fingerprint(filter);
        PageToken? token = continuation is null ? null : PageToken.Decode(continuation, fingerprint);
        return SearchText.LongestWord(filter.Search) is string word
            ? await SearchAsync(index, filter, word, pageSize, token?.Offset ?? 0, fingerprint, cancellationToken)
            : await ReadIndexedAsync(index, filter, pageSize, token?.TableToken, fingerprint, cancellationToken);
    }

    private static async Task<AgreementPage> ReadIndexedAsync(TableClient index, AgreementFilter filter, int pageSize, string? tableToken, string fingerprint, CancellationToken cancellationToken)
    {
        string? districtKey = filter.District is null ? null : IndexKeys.DistrictKey(filter.District);
        List<string> clauses = [];
        if (filter.Awaiting)
        {
            // Few balances await their registry entry at once: the other filters apply within that partition.
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.AwaitingPartition(filter.Sort)}"));
            clauses.AddRange(ColumnFilters(filter with { Awaiting = false }, districtKey));
        }
        else
        {
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.ListPartition(filter.Sort, filter.Status, districtKey, filter.Type)}"));
        }

        clauses.AddRange(filter.Sort == ListSort.Due ? DueRowRange(filter) : DueColumnFilters(filter));
        try
        {
            await foreach (Page<AgreementListRow> page in index.QueryAsync<AgreementListRow>(string.Join(" and ", clauses), pageSize, cancellationToken: cancellationToken).AsPages(tableToken, pageSize))
            {
                string? next = page.ContinuationToken is null ? null : new PageToken(fingerprint, page.ContinuationToken, null).Encode();
                return new AgreementPage(page.Values, next, page.Values.Count);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 400 && tableToken is not null)
        {
            // The filters' fingerprint is not a secret, so a caller can forge a token whose Table part the service rejects.
            throw new FormatException("The continuation token is not one the Table service accepts.", exception);
        }

        return new AgreementPage([], null, 0);
    }

    private static async Task<AgreementPage> SearchAsync(TableClient index, AgreementFilter filter, string word, int pageSize, int offset, string fingerprint, CancellationToken cancellationToken)
    {
        string start = IndexKeys.Safe(word);
        List<string> clauses =
        [
            TableClient.CreateQueryFilter($"PartitionKey eq {IndexKeys.WordPartition} and RowKey ge {start} and RowKey lt {IndexKeys.PrefixEnd(start)}"),
            .. ColumnFilters(filter, filter.District is null ? null : IndexKeys.DistrictKey(filter.District)),
            .. DueColumnFilters(filter),
        ];
        int read = 0;
        Dictionary<string, AgreementListRow> matches = new(StringComparer.Ordinal);
        await foreach (AgreementListRow row in index.QueryAsync<AgreementListRow>(string.Join(" and ", clauses), cancellationToken: cancellationToken))
        {
            read++;
            if (SearchText.Matches(row.NameFolded, filter.Search))
            {
                matches.TryAdd(row.AgreementId, row);
            }
        }

        List<AgreementListRow> page = [.. matches.Values
            .OrderBy(row => IndexKeys.ListRow(filter.Sort, row.AgreementId, row.NextDueDate, row.EntityName), StringComparer.Ordinal)
            .Skip(offset)
            .Take(pageSize)];
        int nextOffset = offset + page.Count;
        string? next = nextOffset < matches.Count ? new PageToken(fingerprint, null, nextOffset).Encode() : null;
        return new AgreementPage(page, next, read);
    }

    /// <summary>Filters on the list columns, for a partition that does not filter by itself.</summary>
    private static IEnumerable<string> ColumnFilters(AgreementFilter filter, string? districtKey)
    {
        if (filter.Status is not null)
        {
            yield return TableClient.CreateQueryFilter($"Status eq {filter.Status}");
        }

        if (districtKey is not null)
        {
            yield return TableClient.CreateQueryFilter($"DistrictKey eq {districtKey}");
        }

        if (filter.Type is not null)
        {
            yield return TableClient.CreateQueryFilter($"AgreementType eq {filter.Type}");
        }

        if (filter.Awaiting)
        {
            yield return TableClient.CreateQueryFilter($"AwaitingRegistration eq {true}");
        }
    }

    /// <summary>A due-date window as a row key range of a partition sorted by due date.</summary>
    private static IEnumerable<string> DueRowRange(AgreementFilter filter)
    {
        if (filter.DueFrom is DateOnly from)
        {
            yield return TableClient.CreateQueryFilter($"RowKey ge {Date(from)}");
        }

        if (filter.DueTo is DateOnly to)
        {
            yield return TableClient.CreateQueryFilter($"RowKey lt {Date(to.AddDays(1))}");
        }
        else if (filter.DueFrom is not null)
        {
            yield return TableClient.CreateQueryFilter($"RowKey lt {IndexKeys.NoDueDate}");
        }
    }

    /// <summary>A due-date window as filters on the next due date column.</summary>
    private static IEnumerable<string> DueColumnFilters(AgreementFilter filter)
    {
        if (filter.DueFrom is null && filter.DueTo is null)
        {
            yield break;
        }

        yield return TableClient.CreateQueryFilter($"NextDueDate ge {Date(filter.DueFrom ?? DateOnly.MinValue)}");
        yield return TableClient.CreateQueryFilter($"NextDueDate le {Date(filter.DueTo ?? DateOnly.MaxValue)}");
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Fingerprint(AgreementFilter filter) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(filter))))[..16];

    /// <summary>A continuation token: the filters it belongs to and the Table's token or an offset into search results.</summary>
    private sealed record PageToken(string Fingerprint, string? TableToken, int? Offset)
    {
        /// <summary>
        /// The maximum length of a Table token, in UTF-8 bytes. A real one contains the next
        /// partition and row keys, which are far shorter in this table. A forged long one made the
        /// Table query's request longer than Azurite accepts (Node.js 20: 16 KiB), and the list
        /// failed with 500.
        /// </summary>
        private const int MaxTableTokenBytes = 4096;

        public string Encode() =>
            Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static PageToken Decode(string text, string fingerprint)
        {
            PageToken? token;
            try
            {
                string base64 = text.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                token = JsonSerializer.Deserialize<PageToken>(Convert.FromBase64String(base64));
            }
            catch (Exception exception) when (exception is FormatException or JsonException)
            {
                throw new FormatException("The continuation token is malformed.", exception);
            }

            if (token is null || token.Fingerprint != fingerprint || token.Offset < 0)
            {
                throw new FormatException("The continuation token belongs to other filters.");
            }

            if (token.TableToken is not null && Encoding.UTF8.GetByteCount(token.TableToken) > MaxTableTokenBytes)
            {
                throw new FormatException($"The continuation token's Table token is longer than {MaxTableTokenBytes} bytes.");
            }

            return token;
        }
    }
}
