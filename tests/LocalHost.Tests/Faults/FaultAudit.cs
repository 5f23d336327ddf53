using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Tests.Support;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>
/// Reads what a fault left behind, from Azurite directly and through the API: submission rows,
/// PDF blobs, log rows, orchestration progress, e-mails and the OTPC's read model.
/// </summary>
public sealed class FaultAudit(FaultHarness harness, FaultRegister register)
{
    /// <summary>Reads every submission row of the agreements table from Azurite.</summary>
    public async Task<List<SubmissionEntity>> ListSubmissionRowsAsync()
    {
        string upper = RowKeys.SubmissionPrefix[..^1] + (char)(RowKeys.SubmissionPrefix[^1] + 1);
        string filter = TableClient.CreateQueryFilter($"RowKey ge {RowKeys.SubmissionPrefix} and RowKey lt {upper}");
        List<SubmissionEntity> rows = [];
        await foreach (SubmissionEntity row in harness.AgreementsTable.QueryAsync<SubmissionEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Reads every lifecycle and office log row of the agreements table from Azurite.</summary>
    public async Task<List<LogEntity>> ListLogRowsAsync()
    {
        string upper = RowKeys.LogPrefix[..^1] + (char)(RowKeys.LogPrefix[^1] + 1);
        string filter = TableClient.CreateQueryFilter($"RowKey ge {RowKeys.LogPrefix} and RowKey lt {upper}");
        List<LogEntity> rows = [];
        await foreach (LogEntity row in harness.AgreementsTable.QueryAsync<LogEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Lists the names and sizes of the PDF blobs in Azurite.</summary>
    public async Task<Dictionary<string, long>> ListPdfBlobsAsync()
    {
        Dictionary<string, long> blobs = new(StringComparer.Ordinal);
        await foreach (BlobItem blob in harness.PdfContainer.GetBlobsAsync())
        {
            blobs[blob.Name] = blob.Properties.ContentLength ?? 0;
        }

        return blobs;
    }

    /// <summary>Returns whether a stored PDF starts with the PDF signature.</summary>
    public async Task<bool> IsPdfAsync(string blobName)
    {
        BlobDownloadResult content = await harness.PdfContainer.GetBlobClient(blobName).DownloadContentAsync();
        return content.Content.ToMemory().Span.StartsWith("%PDF-"u8);
    }

    /// <summary>
    /// Returns the agreements whose orchestration has not yet moved past the due date their balance
    /// covers: not running, or still waiting on that due date or an earlier one.
    /// </summary>
    public async Task<List<string>> ListNotMovedPastAsync(IReadOnlyDictionary<string, DateOnly> coveredDueDates)
    {
        ArgumentNullException.ThrowIfNull(coveredDueDates);
        List<string> waiting = [];
        foreach ((string agreementId, DateOnly covered) in coveredDueDates)
        {
            JsonElement orchestration = (await harness.GetAgreementAsync(agreementId)).GetProperty("orchestration");
            bool running = orchestration.GetProperty("runtimeStatus").GetString() == "Running";
            bool movedPast = orchestration.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress
                && progress.GetProperty("dueDate") is { ValueKind: JsonValueKind.String } dueDate
                && DateOnly.Parse(dueDate.GetString()!, CultureInfo.InvariantCulture) > covered;
            if (!running || !movedPast)
            {
                waiting.Add(agreementId);
            }
        }

        return waiting;
    }

    /// <summary>Polls until every orchestration has moved past its covered due date, or the timeout passes. Returns the agreements whose orchestration has not.</summary>
    public async Task<List<string>> WaitUntilMovedPastAsync(IReadOnlyDictionary<string, DateOnly> coveredDueDates, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            List<string> waiting = await this.ListNotMovedPastAsync(coveredDueDates);
            if (waiting.Count == 0 || DateTime.UtcNow > deadline)
            {
                return waiting;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// Compares the OTPC's read model with the source: each list item with the agreement's detail,
    /// which the API computes from the agreements table, and the counts with tallies of the details.
    /// Returns one line per difference.
    /// </summary>
    public async Task<List<string>> ListReadModelDifferencesAsync()
    {
        List<string> differences = [];
        Dictionary<string, JsonElement> details = new(StringComparer.Ordinal);
        foreach (FaultAgreement agreement in register.Agreements)
        {
            details[agreement.AgreementId] = await harness.GetAgreementAsync(agreement.AgreementId);
        }

        Dictionary<string, JsonElement> items = await this.ListItemsAsync();
        foreach (string missing in details.Keys.Except(items.Keys))
        {
            differences.Add($"{missing}: not in the list");
        }

        foreach (string extra in items.Keys.Except(details.Keys))
        {
            differences.Add($"{extra}: in the list but not in the register");
        }

        foreach ((string agreementId, JsonElement detail) in details)
        {
            if (!items.TryGetValue(agreementId, out JsonElement item))
            {
                continue;
            }

            Compare(differences, agreementId, "status", Text(detail.GetProperty("status").GetProperty("code")), Text(item.GetProperty("status").GetProperty("code")));
            Compare(differences, agreementId, "escalationLevel", Text(detail.GetProperty("status").GetProperty("escalationLevel")), Text(item.GetProperty("status").GetProperty("escalationLevel")));
            Compare(differences, agreementId, "awaitingRegistration", Text(detail.GetProperty("status").GetProperty("awaitingRegistration")), Text(item.GetProperty("status").GetProperty("awaitingRegistration")));
            Compare(differences, agreementId, "nextDueDate", Text(detail.GetProperty("nextDueDate")), Text(item.GetProperty("nextDueDate")));
        }

        JsonElement counts = await harness.Office.GetFromJsonAsync<JsonElement>("api/otpc/counts");
        Compare(differences, "counts", "total", details.Count.ToString(CultureInfo.InvariantCulture), Text(counts.GetProperty("total")));
        CompareTally(differences, "byStatus", counts.GetProperty("byStatus"), details.Values.Select(detail => Text(detail.GetProperty("status").GetProperty("code"))));
        CompareTally(differences, "byDistrict", counts.GetProperty("byDistrict"), details.Values.Select(detail => Text(detail.GetProperty("agreement").GetProperty("district"))));
        CompareTally(differences, "byType", counts.GetProperty("byType"), details.Values.Select(detail => Text(detail.GetProperty("agreement").GetProperty("type"))));
        int awaiting = details.Values.Count(detail => detail.GetProperty("status").GetProperty("awaitingRegistration").GetBoolean());
        Compare(differences, "counts", "awaitingRegistration", awaiting.ToString(CultureInfo.InvariantCulture), Text(counts.GetProperty("awaitingRegistration")));
        return differences;
    }

    /// <summary>Counts the e-mails the SMTP server accepted, by Message-ID.</summary>
    public static EmailFigures CountEmails(IReadOnlyList<ReceivedMessage> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        List<IGrouping<string, ReceivedMessage>> byId = [.. received.GroupBy(message => message.Message.MessageId ?? string.Empty, StringComparer.Ordinal)];
        return new EmailFigures(
            received.Count,
            byId.Count,
            [.. byId.Where(group => group.Count() > 1).Select(group => new DuplicateEmail(group.Key, group.Count(), group.Min(message => message.AcceptedAtUtc)))]);
    }

    private async Task<Dictionary<string, JsonElement>> ListItemsAsync()
    {
        Dictionary<string, JsonElement> items = new(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            string path = "api/otpc/agreements?pageSize=200" + (continuation is null ? string.Empty : "&continuation=" + Uri.EscapeDataString(continuation));
            JsonElement page = await harness.Office.GetFromJsonAsync<JsonElement>(path);
            foreach (JsonElement item in page.GetProperty("items").EnumerateArray())
            {
                items[item.GetProperty("agreementId").GetString()!] = item;
            }

            continuation = page.GetProperty("continuation") is { ValueKind: JsonValueKind.String } next ? next.GetString() : null;
        }
        while (continuation is not null);

        return items;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    private static void Compare(List<string> differences, string subject, string field, string source, string readModel)
    {
        if (!string.Equals(source, readModel, StringComparison.Ordinal))
        {
            differences.Add($"{subject}: {field} is {source} in the source and {readModel} in the read model");
        }
    }

    private static void CompareTally(List<string> differences, string field, JsonElement counted, IEnumerable<string> values)
    {
        Dictionary<string, int> expected = values.GroupBy(value => value, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        Dictionary<string, int> actual = counted.EnumerateObject().Where(entry => entry.Value.GetInt32() > 0).ToDictionary(entry => entry.Name, entry => entry.Value.GetInt32(), StringComparer.Ordinal);
        foreach (string key in expected.Keys.Union(actual.Keys))
        {
            Compare(differences, "counts", $"{field}[{key}]", expected.GetValueOrDefault(key).ToString(CultureInfo.InvariantCulture), actual.GetValueOrDefault(key).ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>E-mails accepted, distinct Message-IDs, and the Message-IDs accepted more than once.</summary>
public sealed record EmailFigures(int Accepted, int Distinct, IReadOnlyList<DuplicateEmail> Duplicates);

/// <summary>A Message-ID accepted more than once, and when its first copy was accepted.</summary>
public sealed record DuplicateEmail(string MessageId, int Copies, DateTimeOffset FirstAcceptedAtUtc);
