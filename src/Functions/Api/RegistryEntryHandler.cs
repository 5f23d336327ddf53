using System.Text.Json;
using Azure.Data.Tables;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// Records the electronic registry entry of a submission (número d'assentament and data de
/// registre), by the entity with its token or by the OTPC. From then on the registry date decides
/// whether the balance was on time, and the reminder to register stops.
/// </summary>
public sealed class RegistryEntryHandler(AgreementStates states, AgreementRepository repository, AgreementIndex index, SubmissionTokens tokens, TimeProvider clock)
{
    private const long MaxBodyBytes = 16 * 1024;
    private const int MaxNumberLength = 64;

    /// <summary><c>POST /api/agreements/{id}/submissions/{submissionId}/registry</c> with <c>{"token", "number", "date"}</c>.</summary>
    public Task<ApiResult> RecordByEntityAsync(HttpRequest request, string agreementId, string submissionId, DurableTaskClient client, CancellationToken cancellationToken) =>
        this.RecordAsync(request, agreementId, submissionId, client, byOffice: false, cancellationToken);

    /// <summary><c>POST /api/otpc/agreements/{id}/submissions/{submissionId}/registry</c> with <c>{"number", "date"}</c>.</summary>
    public Task<ApiResult> RecordByOfficeAsync(HttpRequest request, string agreementId, string submissionId, DurableTaskClient client, CancellationToken cancellationToken) =>
        this.RecordAsync(request, agreementId, submissionId, client, byOffice: true, cancellationToken);

    private async Task<ApiResult> RecordAsync(HttpRequest request, string agreementId, string submissionId, DurableTaskClient client, bool byOffice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        agreementId = Ids.Normalize(agreementId) ?? string.Empty;
        Language language = RequestBodies.Language(request);
        (JsonDocument? document, ApiResult? problem) = await RequestBodies.ReadJsonObjectAsync(request, MaxBodyBytes, language, cancellationToken);
        if (document is null)
        {
            return problem!;
        }

        using (document)
        {
            JsonElement body = document.RootElement;
            if (!byOffice)
            {
                string? token = body.TryGetProperty("token", out JsonElement tokenValue) && tokenValue.ValueKind == JsonValueKind.String ? tokenValue.GetString() : null;
                if (string.IsNullOrEmpty(token))
                {
                    return SubmissionHandler.TokenRequired(language);
                }

                if (!Ids.IsValid(agreementId) || !tokens.IsValid(agreementId, token))
                {
                    return SubmissionHandler.TokenInvalid(language);
                }
            }

            LoadedAgreement? loaded = Ids.IsValid(agreementId) ? await states.LoadAsync(agreementId, cancellationToken) : null;
            submissionId = submissionId.Trim().ToLowerInvariant();
            SubmissionEntity? submission = loaded?.Submissions.FirstOrDefault(candidate => candidate.SubmissionId == submissionId);
            if (loaded is null || submission is null)
            {
                return Problems.NotFound(language, "submissionId", submissionId);
            }

            if (!byOffice && submission.RegisteredBy is string registeredBy && registeredBy != "entity")
            {
                return Problems.ForField(
                    StatusCodes.Status409Conflict,
                    "registered-by-office",
                    "number",
                    new("L'OTPC ja ha registrat aquest assentament", "La OTPC ya ha registrado este asiento"),
                    new("L'OTPC ja ha anotat l'assentament d'aquest balanç. Si no és correcte, adreceu-vos a l'OTPC.", "La OTPC ya ha anotado el asiento de este balance. Si no es correcto, diríjase a la OTPC."),
                    language);
            }

            DateTimeOffset now = clock.GetUtcNow();
            DateOnly today = MadridTime.LocalDate(now);
            DateOnly submittedOn = MadridTime.LocalDate(submission.SubmittedAtUtc);
            List<ProblemItem> problems = [];
            string? number = body.TryGetProperty("number", out JsonElement numberValue) && numberValue.ValueKind == JsonValueKind.String ? numberValue.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(number) || number.Length > MaxNumberLength || number.Any(char.IsControl))
            {
                problems.Add(new ProblemItem("number", "invalid-registry-number", language == Language.Es
                    ? "Indique el número de asiento del justificante de registro (hasta 64 caracteres)."
                    : "Indiqueu el número d'assentament del justificant de registre (fins a 64 caràcters)."));
            }

            DateOnly? date = OfficeActionsHandler.ReadDate(body, "date", problems, language);
            if (date is not null && (date < submittedOn || date > today))
            {
                problems.Add(new ProblemItem("date", "out-of-range", language == Language.Es
                    ? "La fecha de registro debe estar entre la fecha de presentación y hoy."
                    : "La data de registre ha de ser entre la data de presentació i avui."));
            }

            if (problems.Count > 0)
            {
                return Problems.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "validation",
                    new("L'assentament de registre té errors", "El asiento de registro tiene errores"),
                    new("Copieu el número i la data del justificant de registre.", "Copie el número y la fecha del justificante de registro."),
                    language,
                    problems);
            }

            string actor = byOffice ? OfficeActionsHandler.Actor(request) : "entity";
            submission.RegistryNumber = number;
            submission.RegistryDate = AgreementEntity.FormatDate(date);
            submission.RegisteredBy = actor;
            submission.RegisteredAtUtc = now;
            LogEntity entry = OfficeActionsHandler.ActionLogEntry(agreementId, "registry-entry-recorded", actor, new { SubmissionId = submissionId, RegistryNumber = number, RegistryDate = date }, now);
            await repository.Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, submission, submission.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, entry),
                ],
                cancellationToken);
            await index.TryRefreshAsync(agreementId, cancellationToken);
            await OfficeActionsHandler.RaiseChangedAsync(client, agreementId, "registry-entry-recorded", now, cancellationToken);

            DueDate due = DueDates.Compute(loaded.State.Agreement, loaded.State.Extensions)
                .FirstOrDefault(candidate => candidate.Date == AgreementEntity.ParseDate(submission.CoveredDueDate))
                ?? new DueDate(AgreementEntity.ParseDate(submission.CoveredDueDate)!.Value, DueDateKind.Periodic);
            TimelinessResult timeliness = Timeliness.Decide(due, submittedOn, date);
            return ApiResult.Json(StatusCodes.Status200OK, new
            {
                AgreementId = agreementId,
                SubmissionId = submissionId,
                RegistryNumber = number,
                RegistryDate = date,
                RegisteredBy = actor,
                Timeliness = timeliness,
            });
        }
    }
}
