using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Domain.Text;
using BalancFunctions.Functions.Lifecycle;

namespace BalancFunctions.Functions.Storage.ReadModel;

/// <summary>A pair of Table keys, as the projection records keep them.</summary>
public sealed record IndexKey(string Partition, string Row);

/// <summary>Builds an agreement's projection from its source records: a pure function of them and the local date.</summary>
public static class AgreementProjection
{
    public const string AllCounter = "all";
    public const string AwaitingCounter = "a";

    /// <summary>Returns the counter dimension of a status, such as <c>s|fora-de-termini</c>.</summary>
    public static string StatusCounter(string status) => "s|" + status;

    public static string DistrictCounter(string districtKey) => "d|" + districtKey;

    public static string TypeCounter(string type) => "t|" + type;

    /// <summary>
    /// Builds the projection record of an agreement on local date <paramref name="today"/>, with the
    /// index rows it needs and the counters it counts in. <paramref name="numbersOf"/> reads the numeric
    /// answers of a submission.
    /// </summary>
    public static ProjectionEntity Build(
        AgreementEntity entity,
        IReadOnlyList<SubmissionEntity> submissions,
        DateOnly today,
        Func<SubmissionEntity, IReadOnlyDictionary<string, decimal>> numbersOf)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(numbersOf);
        LifecycleState state = AgreementStates.StateOf(entity, submissions);
        AgreementStatus status = AgreementStates.StatusOn(entity, state, today);
        string agreementId = entity.PartitionKey;
        ProjectionEntity projection = new()
        {
            PartitionKey = IndexKeys.MetaPartition,
            RowKey = IndexKeys.Projection(agreementId),
            AgreementId = agreementId,
            AgreementType = entity.AgreementType,
            EntityName = entity.EntityName,
            NameFolded = SearchText.Fold(entity.EntityName),
            District = entity.District,
            DistrictKey = IndexKeys.DistrictKey(entity.District),
            Neighbourhood = entity.Neighbourhood,
            SpaceName = entity.SpaceName,
            EndDate = entity.EndDate,
            Status = status.CodeText,
            EscalationLevel = status.EscalationLevel,
            AwaitingRegistration = status.AwaitingRegistration,
            NextDueDate = AgreementEntity.FormatDate(status.NextDueDate) ?? string.Empty,
            NextDueDateOriginal = AgreementEntity.FormatDate(status.NextDueDateOriginal) ?? string.Empty,
        };

        List<IndexKey> keys = [];
        foreach (ListSort sort in (ListSort[])[ListSort.Due, ListSort.Name])
        {
            string row = IndexKeys.ListRow(sort, agreementId, projection.NextDueDate, projection.EntityName);
            foreach (string? statusFilter in (string?[])[null, projection.Status])
            {
                foreach (string? districtFilter in (string?[])[null, projection.DistrictKey])
                {
                    foreach (string? typeFilter in (string?[])[null, projection.AgreementType])
                    {
                        keys.Add(new IndexKey(IndexKeys.ListPartition(sort, statusFilter, districtFilter, typeFilter), row));
                    }
                }
            }

            if (projection.AwaitingRegistration)
            {
                keys.Add(new IndexKey(IndexKeys.AwaitingPartition(sort), row));
            }
        }

        keys.AddRange(SearchText.Words(entity.EntityName).Select(word => new IndexKey(IndexKeys.WordPartition, IndexKeys.Word(word, agreementId))));
        if (AgreementStates.NextStatusChange(entity, state, today) is DateOnly nextChange)
        {
            keys.Add(new IndexKey(IndexKeys.RefreshPartition, IndexKeys.Refresh(nextChange, agreementId)));
        }

        List<string> counters = [AllCounter, StatusCounter(projection.Status), DistrictCounter(projection.DistrictKey), TypeCounter(projection.AgreementType)];
        if (projection.AwaitingRegistration)
        {
            counters.Add(AwaitingCounter);
        }

        SubmissionEntity? latest = submissions.MaxBy(submission => submission.SubmittedAtUtc);
        IReadOnlyDictionary<string, decimal>? numbers = latest is null ? null : numbersOf(latest);
        projection.NumbersJson = numbers is null ? null : JsonSerializer.Serialize(numbers.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary());
        projection.HasNumbers = numbers is { Count: > 0 };
        projection.KeysJson = JsonSerializer.Serialize(keys.Distinct().ToList());
        projection.CountersJson = JsonSerializer.Serialize(counters);
        projection.Complete = true;
        projection.Hash = HashOf(projection);
        return projection;
    }

    public static IReadOnlyList<IndexKey> Keys(string json) => JsonSerializer.Deserialize<List<IndexKey>>(json) ?? [];

    public static IReadOnlyList<string> Counters(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>Returns the label a counter shows: the district's name for a district, else the code.</summary>
    public static string CounterLabel(ProjectionEntity projection, string counter)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(counter);
        return counter.StartsWith("d|", StringComparison.Ordinal) ? projection.District : counter.Split('|')[^1];
    }

    private static string HashOf(ProjectionEntity projection)
    {
        string content = JsonSerializer.Serialize(new object?[]
        {
            projection.AgreementId, projection.AgreementType, projection.EntityName, projection.District, projection.Neighbourhood,
            projection.SpaceName, projection.EndDate, projection.Status, projection.EscalationLevel, projection.AwaitingRegistration,
            projection.NextDueDate, projection.NextDueDateOriginal, projection.KeysJson, projection.CountersJson, projection.NumbersJson,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
