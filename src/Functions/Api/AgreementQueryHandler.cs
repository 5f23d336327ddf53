using System.Text.Json;
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

/// <summary>The OTPC's view of one agreement with its whole record; the list is in <see cref="AgreementListHandler"/>.</summary>
public sealed class AgreementQueryHandler(AgreementRepository repository, SubmissionTokens tokens, Links links, TimeProvider clock)
{
    /// <summary>
    /// <c>GET /api/otpc/agreements/{id}</c>: one agreement with its due dates, its reminder and
    /// escalation log, its submissions, its orchestration and the entity's submission link.
    /// </summary>
    public async Task<ApiResult> GetAsync(HttpRequest request, string agreementId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        agreementId = Ids.Normalize(agreementId) ?? string.Empty;
        Language language = RequestBodies.Language(request);
        AgreementEntity? entity = Ids.IsValid(agreementId) ? await repository.GetAgreementAsync(agreementId, cancellationToken) : null;
        if (entity is null)
        {
            return Problems.NotFound(language, "agreementId", agreementId);
        }

        DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
        List<SubmissionEntity> submissions = await repository.ListSubmissionsAsync(agreementId, cancellationToken);
        LifecycleState state = AgreementStates.StateOf(entity, submissions);
        Agreement agreement = state.Agreement;
        DateOnly? coveredThrough = entity.CoveredThroughDate;
        AgreementStatus status = AgreementStates.StatusOn(entity, state, today);
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(agreement, state.Extensions);
        List<LogEntity> log = await repository.ListLogAsync(agreementId, cancellationToken);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(LifecycleNames.InstanceId(agreementId), getInputsAndOutputs: true, cancellationToken);

        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            Agreement = new
            {
                agreement.AgreementId,
                Type = entity.AgreementType,
                agreement.EntityName,
                agreement.EntityNif,
                agreement.SpaceName,
                agreement.SpaceAddress,
                agreement.District,
                agreement.Neighbourhood,
                agreement.StartDate,
                agreement.EndDate,
                agreement.BalancePeriodMonths,
                agreement.RenewalLeadDays,
                agreement.LastBalanceDate,
                agreement.ContactName,
                agreement.ContactEmail,
                agreement.RepresentativeEmail,
                Language = entity.Language,
            },
            TypeName = AgreementTypeCodes.Name(agreement.Type),
            Status = StatusView(status),
            status.NextDueDate,
            CoveredThrough = coveredThrough,
            EscalatedDueDate = entity.EscalatedDueDateValue,
            entity.EscalationLevel,
            ReminderPolicy = JsonSerializer.Deserialize<JsonElement>(state.Policy.ToJson()),
            EndedEarlyOn = AgreementEntity.ParseDate(entity.EndedEarlyOn),
            DueDates = dueDates.Select(due => new
            {
                due.Date,
                due.ExtendedTo,
                Kind = due.Kind == DueDateKind.Renewal ? "renewal" : "periodic",
                Covered = coveredThrough is DateOnly covered && due.Date <= covered,
            }),
            Log = log
                .OrderBy(entry => entry.DoneAtUtc)
                .Select(entry => new { entry.Kind, entry.DueDate, entry.Step, entry.Recipients, entry.Outcome, entry.Actor, entry.Detail, entry.DoneAtUtc }),
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
                    submission.RegistryNumber,
                    submission.RegistryDate,
                    submission.RegisteredBy,
                    Timeliness = TimelinessOf(dueDates, submission),
                    PdfUrl = links.OfficePdf(agreementId, submission.SubmissionId, clock.GetUtcNow()),
                }),
            Orchestration = new
            {
                InstanceId = LifecycleNames.InstanceId(agreementId),
                RuntimeStatus = instance?.RuntimeStatus.ToString(),
                instance?.LastUpdatedAt,
                Progress = instance?.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<LifecycleProgress>(),
            },
            SubmissionToken = tokens.Create(agreementId),
            SubmissionLink = links.Form(agreementId),
        });
    }

    private static object StatusView(AgreementStatus status) => new
    {
        Code = status.CodeText,
        status.Label,
        status.EscalationLevel,
        status.AwaitingRegistration,
    };

    /// <summary>Decides whether a submission was on time: by its registry date when recorded, else by its submission date.</summary>
    private static TimelinessResult TimelinessOf(IReadOnlyList<DueDate> dueDates, SubmissionEntity submission)
    {
        DateOnly covered = AgreementEntity.ParseDate(submission.CoveredDueDate)!.Value;
        DueDate due = dueDates.FirstOrDefault(candidate => candidate.Date == covered) ?? new DueDate(covered, DueDateKind.Periodic);
        return Timeliness.Decide(due, MadridTime.LocalDate(submission.SubmittedAtUtc), AgreementEntity.ParseDate(submission.RegistryDate));
    }
}
