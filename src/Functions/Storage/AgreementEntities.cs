using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Functions.Storage;

/// <summary>
/// Row keys of the agreements table. Every record of an agreement lives in the agreement's
/// partition, so that a submission and the agreement's coverage change in one transaction.
/// </summary>
public static class RowKeys
{
    public const string Agreement = "agreement";
    public const string SubmissionPrefix = "submission|";
    public const string LogPrefix = "log|";
    public const string Draft = "draft";

    public static string Submission(string submissionId) => SubmissionPrefix + submissionId;

    public static string Log(string kind, DateOnly dueDate, string step) =>
        string.Create(CultureInfo.InvariantCulture, $"{LogPrefix}{kind}|{dueDate:yyyy-MM-dd}|{step}");

    /// <summary>Returns the key of an office action's log row: its instant keeps the rows in order.</summary>
    public static string Action(DateTimeOffset at, string action) =>
        string.Create(CultureInfo.InvariantCulture, $"{LogPrefix}action|{at.UtcDateTime:yyyyMMddHHmmssfffffff}|{action}");

    /// <summary>
    /// Returns the key of the log row of an office action that the client identifies with its own
    /// request id, so that a retried request finds the row of the first one. Only ids that
    /// <c>Ids.IsValid</c> accepts may be passed, because the id becomes part of the key.
    /// </summary>
    public static string OfficeRequest(string action, string requestId) =>
        $"{LogPrefix}request|{action}|{requestId}";

    /// <summary>Returns the filter that selects the rows whose key starts with a prefix.</summary>
    public static string PrefixFilter(string partitionKey, string prefix)
    {
        // '|' + 1 is '}', so every key that starts with the prefix sorts below the upper bound.
        string upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {upper}");
    }
}

/// <summary>The agreement row: the register's columns and the lifecycle state derived from its records.</summary>
public sealed class AgreementEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = RowKeys.Agreement;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string AgreementType { get; set; } = string.Empty;

    public string EntityName { get; set; } = string.Empty;

    public string EntityNif { get; set; } = string.Empty;

    public string SpaceName { get; set; } = string.Empty;

    public string SpaceAddress { get; set; } = string.Empty;

    public string District { get; set; } = string.Empty;

    public string Neighbourhood { get; set; } = string.Empty;

    public string StartDate { get; set; } = string.Empty;

    public string EndDate { get; set; } = string.Empty;

    public int BalancePeriodMonths { get; set; }

    public int RenewalLeadDays { get; set; }

    public string? LastBalanceDate { get; set; }

    public string ContactName { get; set; } = string.Empty;

    public string ContactEmail { get; set; } = string.Empty;

    public string RepresentativeEmail { get; set; } = string.Empty;

    public string Language { get; set; } = "ca";

    /// <summary>The last due date covered by a balance (yyyy-MM-dd), or null.</summary>
    public string? CoveredThrough { get; set; }

    /// <summary>The due date whose overdue balance was escalated to the OTPC, or null.</summary>
    public string? EscalatedDueDate { get; set; }

    /// <summary>The escalation level of <see cref="EscalatedDueDate"/>: 0 none or closed, 1 on the due date, 2 after 30 days.</summary>
    public int EscalationLevel { get; set; }

    /// <summary>Extensions granted by the OTPC, as JSON: original due date to new due date.</summary>
    public string? ExtensionsJson { get; set; }

    /// <summary>The date the OTPC ended the agreement early (yyyy-MM-dd), or null; no balance is due after such an end.</summary>
    public string? EndedEarlyOn { get; set; }

    /// <summary>A reminder policy for this agreement only, as JSON, or null for its type's default.</summary>
    public string? ReminderPolicyJson { get; set; }

    /// <summary>The SHA-256 of the register row, to tell an unchanged re-import from a change.</summary>
    public string RegisterHash { get; set; } = string.Empty;

    public DateTimeOffset ImportedAtUtc { get; set; }

    public static AgreementEntity FromAgreement(Agreement agreement, DateOnly? coveredThrough, string registerHash, DateTimeOffset importedAt)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        AgreementEntity entity = new() { PartitionKey = agreement.AgreementId, CoveredThrough = FormatDate(coveredThrough), ImportedAtUtc = importedAt };
        entity.CopyRegisterColumns(agreement, registerHash);
        return entity;
    }

    /// <summary>Overwrites the register's columns, keeping the lifecycle state.</summary>
    public void CopyRegisterColumns(Agreement agreement, string registerHash)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        this.AgreementType = AgreementTypeCodes.ToCode(agreement.Type);
        this.EntityName = agreement.EntityName;
        this.EntityNif = agreement.EntityNif;
        this.SpaceName = agreement.SpaceName;
        this.SpaceAddress = agreement.SpaceAddress;
        this.District = agreement.District;
        this.Neighbourhood = agreement.Neighbourhood;
        this.StartDate = FormatDate(agreement.StartDate)!;
        this.EndDate = FormatDate(agreement.EndDate)!;
        this.BalancePeriodMonths = agreement.BalancePeriodMonths;
        this.RenewalLeadDays = agreement.RenewalLeadDays;
        this.LastBalanceDate = FormatDate(agreement.LastBalanceDate);
        this.ContactName = agreement.ContactName;
        this.ContactEmail = agreement.ContactEmail;
        this.RepresentativeEmail = agreement.RepresentativeEmail;
        this.Language = agreement.Language.ToCode();
        this.RegisterHash = registerHash;
    }

    public Agreement ToAgreement()
    {
        return new Agreement(
            this.PartitionKey,
            AgreementTypeCodes.Parse(this.AgreementType),
            this.EntityName,
            this.EntityNif,
            this.SpaceName,
            this.SpaceAddress,
            this.District,
            this.Neighbourhood,
            ParseDate(this.StartDate)!.Value,
            ParseDate(this.EndDate)!.Value,
            this.BalancePeriodMonths,
            this.RenewalLeadDays,
            ParseDate(this.LastBalanceDate),
            this.ContactName,
            this.ContactEmail,
            this.RepresentativeEmail,
            LanguageCodes.ParseOrDefault(this.Language));
    }

    [IgnoreDataMember]
    public DateOnly? CoveredThroughDate => ParseDate(this.CoveredThrough);

    [IgnoreDataMember]
    public DateOnly? EscalatedDueDateValue => ParseDate(this.EscalatedDueDate);

    /// <summary>Returns the extensions granted, keyed by the original due date.</summary>
    public IReadOnlyDictionary<DateOnly, DateOnly> Extensions()
    {
        if (string.IsNullOrEmpty(this.ExtensionsJson))
        {
            return new Dictionary<DateOnly, DateOnly>();
        }

        Dictionary<string, string> stored = JsonSerializer.Deserialize<Dictionary<string, string>>(this.ExtensionsJson) ?? [];
        return stored.ToDictionary(pair => ParseDate(pair.Key)!.Value, pair => ParseDate(pair.Value)!.Value);
    }

    /// <summary>Records an extension of one due date, replacing an earlier one of the same date.</summary>
    public void SetExtension(DateOnly originalDueDate, DateOnly newDueDate)
    {
        Dictionary<string, string> stored = this.Extensions().ToDictionary(pair => FormatDate(pair.Key)!, pair => FormatDate(pair.Value)!);
        stored[FormatDate(originalDueDate)!] = FormatDate(newDueDate)!;
        this.ExtensionsJson = JsonSerializer.Serialize(stored);
    }

    public static string? FormatDate(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A stored submission: the canonical submission JSON, its hash, the due date it covers and its PDF's blob name.</summary>
public sealed class SubmissionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SubmissionId { get; set; } = string.Empty;

    public string Sha256 { get; set; } = string.Empty;

    public string QuestionnaireVersion { get; set; } = string.Empty;

    public string Language { get; set; } = "ca";

    public DateTimeOffset SubmittedAtUtc { get; set; }

    /// <summary>The due date this balance covers (yyyy-MM-dd).</summary>
    public string CoveredDueDate { get; set; } = string.Empty;

    public string CoveredDueKind { get; set; } = string.Empty;

    /// <summary>True when the balance was submitted after its due date.</summary>
    public bool Late { get; set; }

    /// <summary>The canonical submission JSON that <see cref="Sha256"/> hashes.</summary>
    public string CanonicalJson { get; set; } = string.Empty;

    /// <summary>Warnings of the validation, as JSON.</summary>
    public string WarningsJson { get; set; } = "[]";

    public string PdfBlobName { get; set; } = string.Empty;

    /// <summary>The número d'assentament of the electronic registry entry, once recorded.</summary>
    public string? RegistryNumber { get; set; }

    /// <summary>The data de registre (yyyy-MM-dd), once recorded.</summary>
    public string? RegistryDate { get; set; }

    /// <summary>Who recorded the registry entry: "entity" or the OTPC user.</summary>
    public string? RegisteredBy { get; set; }

    public DateTimeOffset? RegisteredAtUtc { get; set; }
}

/// <summary>One line of an agreement's reminder and escalation log, which is also its audit trail.</summary>
public sealed class LogEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>What happened: an e-mail kind such as "reminder", "overdue-notice" or "escalation", or "action".</summary>
    public string Kind { get; set; } = string.Empty;

    public string DueDate { get; set; } = string.Empty;

    public string Step { get; set; } = string.Empty;

    /// <summary>Who received it, as a role ("contact", "representative", "otpc"), never an address.</summary>
    public string Recipients { get; set; } = string.Empty;

    /// <summary>
    /// "sent" or "undeliverable" for e-mails, "done" for office actions, and "pending" for a
    /// reminder that the OTPC asked to send again while it is being sent.
    /// </summary>
    public string Outcome { get; set; } = "sent";

    /// <summary>Who did an office action: the OTPC user, or "entity".</summary>
    public string? Actor { get; set; }

    /// <summary>What an office action changed, as JSON.</summary>
    public string? Detail { get; set; }

    public DateTimeOffset DoneAtUtc { get; set; }
}

/// <summary>An entity's unsubmitted answers, saved as they are so that a balance can be resumed from any device.</summary>
public sealed class DraftEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = RowKeys.Draft;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string QuestionnaireVersion { get; set; } = string.Empty;

    /// <summary>The answers object as the site sent it, unchecked.</summary>
    public string AnswersJson { get; set; } = "{}";

    public string NotAvailableJson { get; set; } = "{}";

    /// <summary>The submission whose answers the draft started from, if any.</summary>
    public string? PrefilledFrom { get; set; }

    public DateTimeOffset SavedAtUtc { get; set; }
}
