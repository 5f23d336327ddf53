using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace BalancFunctions.Functions.Api;

/// <summary>The OTPC's queries: every agreement with its status, and one agreement with its whole record.</summary>
public sealed class AgreementQueryHandler(AgreementRepository repository, SubmissionTokens tokens, Links links, TimeProvider clock)
{
    /// <summary><c>GET /api/otpc/agreements</c>: every agreement with its status and next due date.</summary>
    public async Task<ApiResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
        List<AgreementEntity> entities = await repository.ListAgreementsAsync(cancellationToken);
        var items = entities
            .OrderBy(entity => entity.PartitionKey, StringComparer.Ordinal)
            .Select(entity =>
            {
                Agreement agreement = entity.ToAgreement();
                AgreementStatus status = AgreementStatusCalculator.Compute(agreement, entity.CoveredThroughDate, entity.EscalatedDueDateValue, today);
                return new
                {
                    agreement.AgreementId,
                    Type = entity.AgreementType,
                    agreement.EntityName,
                    agreement.District,
                    agreement.Neighbourhood,
                    agreement.SpaceName,
                    agreement.EndDate,
                    Status = StatusView(status),
                    status.NextDueDate,
                };
            })
            .ToList();

        return ApiResult.Json(StatusCodes.Status200OK, new { AsOf = today, Count = items.Count, Items = items });
    }

    /// <summary>
    /// <c>GET /api/otpc/agreements/{id}</c>: one agreement with its due dates, its reminder and
    /// escalation log, its submissions, its orchestration and the entity's submission link.
    /// </summary>
    public async Task<ApiResult> GetAsync(HttpRequest request, string agreementId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        Language language = RequestBodies.Language(request);
        AgreementEntity? entity = Ids.IsValid(agreementId) ? await repository.GetAgreementAsync(agreementId, cancellationToken) : null;
        if (entity is null)
        {
            return Problems.NotFound(language, "agreementId", agreementId);
        }

        DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
        Agreement agreement = entity.ToAgreement();
        DateOnly? coveredThrough = entity.CoveredThroughDate;
        AgreementStatus status = AgreementStatusCalculator.Compute(agreement, coveredThrough, entity.EscalatedDueDateValue, today);
        List<SubmissionEntity> submissions = await repository.ListSubmissionsAsync(agreementId, cancellationToken);
        List<LogEntity> log = await repository.ListLogAsync(agreementId, cancellationToken);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(LifecycleNames.InstanceId(agreementId), getInputsAndOutputs: false, cancellationToken);

        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            Agreement = agreement,
            TypeCode = entity.AgreementType,
            TypeName = AgreementTypeCodes.Name(agreement.Type),
            Status = StatusView(status),
            status.NextDueDate,
            CoveredThrough = coveredThrough,
            EscalatedDueDate = entity.EscalatedDueDateValue,
            DueDates = DueDates.Compute(agreement).Select(due => new
            {
                due.Date,
                Kind = due.Kind == DueDateKind.Renewal ? "renewal" : "periodic",
                Covered = coveredThrough is DateOnly covered && due.Date <= covered,
            }),
            Log = log
                .OrderBy(entry => entry.DoneAtUtc)
                .Select(entry => new { entry.Kind, entry.DueDate, entry.Step, entry.Recipients, entry.DoneAtUtc }),
            Submissions = submissions
                .OrderBy(submission => submission.SubmittedAtUtc)
                .Select(submission => new
                {
                    submission.SubmissionId,
                    submission.Sha256,
                    submission.SubmittedAtUtc,
                    submission.CoveredDueDate,
                    submission.CoveredDueKind,
                    submission.Late,
                    submission.QuestionnaireVersion,
                    submission.Language,
                    PdfUrl = links.Pdf(agreementId, submission.SubmissionId),
                }),
            Orchestration = new
            {
                InstanceId = LifecycleNames.InstanceId(agreementId),
                RuntimeStatus = instance?.RuntimeStatus.ToString(),
                instance?.LastUpdatedAt,
            },
            SubmissionToken = tokens.Create(agreementId),
            SubmissionLink = links.Form(agreementId),
        });
    }

    private static object StatusView(AgreementStatus status) => new { Code = status.CodeText, Label = status.Label };
}
