using Azure;
using Azure.Data.Tables;

namespace BalancFunctions.Functions.Storage;

/// <summary>Reads and writes the agreements table: agreement rows, submissions and the lifecycle log.</summary>
public sealed class AgreementRepository(TableClient table)
{
    /// <summary>The table client, for callers that batch operations in one partition.</summary>
    public TableClient Table => table;

    public async Task<AgreementEntity?> GetAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        NullableResponse<AgreementEntity> response =
            await table.GetEntityIfExistsAsync<AgreementEntity>(agreementId, RowKeys.Agreement, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Lists every agreement row.</summary>
    // TODO: this reads every agreement's row; the OTPC queries need a read model with keys per filter.
    public async Task<List<AgreementEntity>> ListAgreementsAsync(CancellationToken cancellationToken)
    {
        List<AgreementEntity> agreements = [];
        string filter = TableClient.CreateQueryFilter($"RowKey eq {RowKeys.Agreement}");
        await foreach (AgreementEntity entity in table.QueryAsync<AgreementEntity>(filter, cancellationToken: cancellationToken))
        {
            agreements.Add(entity);
        }

        return agreements;
    }

    public async Task<List<SubmissionEntity>> ListSubmissionsAsync(string agreementId, CancellationToken cancellationToken)
    {
        List<SubmissionEntity> submissions = [];
        string filter = RowKeys.PrefixFilter(agreementId, RowKeys.SubmissionPrefix);
        await foreach (SubmissionEntity entity in table.QueryAsync<SubmissionEntity>(filter, cancellationToken: cancellationToken))
        {
            submissions.Add(entity);
        }

        return submissions;
    }

    public async Task<SubmissionEntity?> GetSubmissionAsync(string agreementId, string submissionId, CancellationToken cancellationToken)
    {
        NullableResponse<SubmissionEntity> response = await table.GetEntityIfExistsAsync<SubmissionEntity>(
            agreementId, RowKeys.Submission(submissionId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<DraftEntity?> GetDraftAsync(string agreementId, CancellationToken cancellationToken)
    {
        NullableResponse<DraftEntity> response = await table.GetEntityIfExistsAsync<DraftEntity>(agreementId, RowKeys.Draft, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Deletes an agreement's draft; a missing one is fine.</summary>
    public async Task DeleteDraftAsync(string agreementId, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(agreementId, RowKeys.Draft, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    public async Task<List<LogEntity>> ListLogAsync(string agreementId, CancellationToken cancellationToken)
    {
        List<LogEntity> entries = [];
        string filter = RowKeys.PrefixFilter(agreementId, RowKeys.LogPrefix);
        await foreach (LogEntity entity in table.QueryAsync<LogEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entity);
        }

        return entries;
    }

    public async Task<bool> LogExistsAsync(string agreementId, string rowKey, CancellationToken cancellationToken)
    {
        NullableResponse<LogEntity> response =
            await table.GetEntityIfExistsAsync<LogEntity>(agreementId, rowKey, select: ["RowKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    public async Task<LogEntity?> GetLogAsync(string agreementId, string rowKey, CancellationToken cancellationToken)
    {
        NullableResponse<LogEntity> response = await table.GetEntityIfExistsAsync<LogEntity>(agreementId, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds a log row; returns false when a row with its key already exists.</summary>
    public async Task<bool> TryAddLogAsync(LogEntity entry, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entry, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }
}
