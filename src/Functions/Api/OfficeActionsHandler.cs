using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// The OTPC's actions on an agreement: extend a due date, record a renewal or extension (pròrroga)
/// of the agreement, end it early, change its contacts or language, set its reminder policy. Each
/// one is stored with its log row (who and when) in one transaction and then sent to the running
/// orchestration, which plans its cycle again at once.
/// </summary>
public sealed partial class OfficeActionsHandler(AgreementStates states, AgreementRepository repository, AgreementIndex index, TimeProvider clock, ILogger<OfficeActionsHandler> logger)
{
    private const long MaxBodyBytes = 16 * 1024;

    /// <summary>The change an action makes: problems found, or a detail for the log once the entity is changed.</summary>
    private sealed record Outcome(IReadOnlyList<ProblemItem> Problems, object? Detail)
    {
        public static Outcome Done(object detail) => new([], detail);
    }

    /// <summary><c>POST /api/otpc/agreements/{id}/extensions</c> with <c>{"dueDate", "newDueDate", "reason"}</c>.</summary>
    public Task<ApiResult> ExtendDueDateAsync(HttpRequest request, string agreementId, DurableTaskClient client, CancellationToken cancellationToken) =>
        this.ApplyAsync(request, agreementId, client, "due-date-extended", (body, loaded, today, language) =>
        {
            List<ProblemItem> problems = [];
            DateOnly? dueDate = ReadDate(body, "dueDate", problems, language);
            DateOnly? newDueDate = ReadDate(body, "newDueDate", problems, language);
            if (dueDate is null || newDueDate is null)
            {
                return new Outcome(problems, null);
            }

            DueDate? due = DueDates.Compute(loaded.State.Agreement, loaded.State.Extensions).FirstOrDefault(candidate => candidate.Date == dueDate);
            if (due is null)
            {
                problems.Add(Problem("dueDate", "unknown-due-date", language, $"El {Show(dueDate)} no és cap data límit d'aquest conveni.", $"El {Show(dueDate)} no es ninguna fecha límite de este convenio."));
            }
            else if (loaded.Entity.CoveredThroughDate is DateOnly covered && due.Date <= covered)
            {
                problems.Add(Problem("dueDate", "already-covered", language, "Aquest balanç ja està presentat: no cal prorrogar-ne el termini.", "Este balance ya está presentado: no hace falta prorrogar su plazo."));
            }
            else
            {
                // The new date stays before the next due date, so that due dates keep their order and none disappears behind another.
                IReadOnlyList<DueDate> all = DueDates.Compute(loaded.State.Agreement, loaded.State.Extensions);
                DueDate? next = all.FirstOrDefault(candidate => candidate.Date > due.Date);
                DateOnly latest = next is null ? loaded.State.Agreement.EndDate : next.Effective.AddDays(-1);
                if (newDueDate <= due.Date || newDueDate > latest)
                {
                    problems.Add(Problem("newDueDate", "out-of-range", language,
                        $"La nova data ha de ser entre el {Show(due.Date.AddDays(1))} i el {Show(latest)}: no pot passar la data límit següent ni la fi del conveni.",
                        $"La nueva fecha debe estar entre el {Show(due.Date.AddDays(1))} y el {Show(latest)}: no puede pasar la fecha límite siguiente ni el fin del convenio."));
                }
            }

            if (problems.Count > 0)
            {
                return new Outcome(problems, null);
            }

            loaded.Entity.SetExtension(dueDate.Value, newDueDate.Value);
            if (loaded.Entity.EscalatedDueDateValue == dueDate && newDueDate >= today)
            {
                // The balance is no longer overdue: its escalation closes, and the new date gets its own notices.
                loaded.Entity.EscalationLevel = 0;
            }

            return Outcome.Done(new { DueDate = dueDate, NewDueDate = newDueDate, Reason = ReadText(body, "reason") });
        }, cancellationToken);

    /// <summary><c>POST /api/otpc/agreements/{id}/renewals</c> with <c>{"newEndDate", "kind": "renovacio" | "prorroga"}</c>.</summary>
    public Task<ApiResult> RenewAsync(HttpRequest request, string agreementId, DurableTaskClient client, CancellationToken cancellationToken) =>
        this.ApplyAsync(request, agreementId, client, "agreement-renewed", (body, loaded, today, language) =>
        {
            List<ProblemItem> problems = [];
            DateOnly? newEndDate = ReadDate(body, "newEndDate", problems, language);
            string? kind = ReadText(body, "kind");
            if (kind is not ("renovacio" or "prorroga"))
            {
                problems.Add(Problem("kind", "invalid-kind", language, "Indiqueu si és una renovació (renovacio) o una pròrroga (prorroga).", "Indique si es una renovación (renovacio) o una prórroga (prorroga)."));
            }

            DateOnly currentEnd = loaded.State.Agreement.EndDate;
            if (newEndDate is not null && newEndDate <= currentEnd)
            {
                problems.Add(Problem("newEndDate", "out-of-range", language, $"La nova data de finalització ha de ser posterior a l'actual ({Show(currentEnd)}).", $"La nueva fecha de finalización debe ser posterior a la actual ({Show(currentEnd)})."));
            }

            if (problems.Count > 0 || newEndDate is null)
            {
                return new Outcome(problems, null);
            }

            loaded.Entity.EndDate = AgreementEntity.FormatDate(newEndDate)!;
            return Outcome.Done(new { Kind = kind, PreviousEndDate = currentEnd, NewEndDate = newEndDate });
        }, cancellationToken);

    /// <summary><c>POST /api/otpc/agreements/{id}/early-end</c> with <c>{"endDate", "reason"}</c>.</summary>
    public Task<ApiResult> EndEarlyAsync(HttpRequest request, string agreementId, DurableTaskClient client, CancellationToken cancellationToken) =>
        this.ApplyAsync(request, agreementId, client, "agreement-ended-early", (body, loaded, today, language) =>
        {
            List<ProblemItem> problems = [];
            DateOnly? endDate = ReadDate(body, "endDate", problems, language);
            Agreement agreement = loaded.State.Agreement;
            if (endDate is not null && (endDate < agreement.StartDate || endDate >= agreement.EndDate))
            {
                problems.Add(Problem("endDate", "out-of-range", language,
                    $"La data de finalització anticipada ha de ser entre el {Show(agreement.StartDate)} i el {Show(agreement.EndDate.AddDays(-1))}.",
                    $"La fecha de finalización anticipada debe estar entre el {Show(agreement.StartDate)} y el {Show(agreement.EndDate.AddDays(-1))}."));
            }

            if (problems.Count > 0 || endDate is null)
            {
                return new Outcome(problems, null);
            }

            loaded.Entity.EndDate = AgreementEntity.FormatDate(endDate)!;
            loaded.Entity.EndedEarlyOn = AgreementEntity.FormatDate(endDate);
            return Outcome.Done(new { PreviousEndDate = agreement.EndDate, EndDate = endDate, Reason = ReadText(body, "reason") });
        }, cancellationToken);

    /// <summary><c>PUT /api/otpc/agreements/{id}/contacts</c> with any of <c>{"contactName", "contactEmail", "representativeEmail", "language"}</c>.</summary>
    public Task<ApiResult> ChangeContactsAsync(HttpRequest request, string agreementId, DurableTaskClient client, CancellationToken cancellationToken) =>
        this.ApplyAsync(request, agreementId, client, "contacts-changed", (body, loaded, today, language) =>
        {
            List<ProblemItem> problems = [];
            string? contactName = ReadText(body, "contactName");
            string? contactEmail = ReadText(body, "contactEmail");
            string? representativeEmail = ReadText(body, "representativeEmail");
            string? agreementLanguage = ReadText(body, "language");
            foreach ((string field, string? value) in new[] { ("contactEmail", contactEmail), ("representativeEmail", representativeEmail) })
            {
                if (value is not null && !EmailSyntax.IsPlausible(value))
                {
                    problems.Add(Problem(field, "invalid-email", language, "L'adreça electrònica no és vàlida.", "La dirección de correo electrónico no es válida."));
                }
            }

            if (contactName is not null && (contactName.Length == 0 || contactName.Length > 200))
            {
                problems.Add(Problem("contactName", "invalid-length", language, "El nom ha de tenir entre 1 i 200 caràcters.", "El nombre debe tener entre 1 y 200 caracteres."));
            }

            if (agreementLanguage is not null && !LanguageCodes.TryParse(agreementLanguage, out _))
            {
                problems.Add(Problem("language", "invalid-language", language, "La llengua ha de ser ca o es.", "La lengua debe ser ca o es."));
            }

            if (contactName is null && contactEmail is null && representativeEmail is null && agreementLanguage is null)
            {
                problems.Add(Problem("body", "nothing-to-change", language, "Indiqueu què cal canviar: contactName, contactEmail, representativeEmail o language.", "Indique qué hay que cambiar: contactName, contactEmail, representativeEmail o language."));
            }

            if (problems.Count > 0)
            {
                return new Outcome(problems, null);
            }

            AgreementEntity entity = loaded.Entity;
            entity.ContactName = contactName ?? entity.ContactName;
            entity.ContactEmail = contactEmail ?? entity.ContactEmail;
            entity.RepresentativeEmail = representativeEmail ?? entity.RepresentativeEmail;
            entity.Language = agreementLanguage is null ? entity.Language : LanguageCodes.ParseOrDefault(agreementLanguage).ToCode();

            // The log names what changed, never the addresses themselves.
            return Outcome.Done(new { ContactName = contactName is not null, ContactEmail = contactEmail is not null, RepresentativeEmail = representativeEmail is not null, Language = agreementLanguage });
        }, cancellationToken);

    /// <summary><c>PUT /api/otpc/agreements/{id}/reminder-policy</c> with a policy, or <c>{"policy": null}</c> for the type's default.</summary>
    public Task<ApiResult> SetReminderPolicyAsync(HttpRequest request, string agreementId, DurableTaskClient client, CancellationToken cancellationToken) =>
        this.ApplyAsync(request, agreementId, client, "reminder-policy-changed", (body, loaded, today, language) =>
        {
            if (body.TryGetProperty("policy", out JsonElement policy) && policy.ValueKind == JsonValueKind.Null)
            {
                loaded.Entity.ReminderPolicyJson = null;
                return Outcome.Done(new { Policy = "default" });
            }

            try
            {
                ReminderPolicy parsed = ReminderPolicy.Parse(body.GetRawText());
                loaded.Entity.ReminderPolicyJson = parsed.ToJson();
                return Outcome.Done(new { Policy = parsed.ToJson() });
            }
            catch (InvalidReminderPolicyException exception)
            {
                return new Outcome([Problem("policy", "invalid-policy", language, $"La pauta de recordatoris no és vàlida: {exception.Message}", $"La pauta de recordatorios no es válida: {exception.Message}")], null);
            }
        }, cancellationToken);

    /// <summary>Returns who made a request: the signed-in OTPC user in Azure, else "otpc".</summary>
    public static string Actor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? principal = request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].FirstOrDefault();
        return string.IsNullOrWhiteSpace(principal) ? "otpc" : principal.Trim();
    }

    private async Task<ApiResult> ApplyAsync(
        HttpRequest request,
        string agreementId,
        DurableTaskClient client,
        string action,
        Func<JsonElement, LoadedAgreement, DateOnly, Language, Outcome> apply,
        CancellationToken cancellationToken)
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
            LoadedAgreement? loaded = Ids.IsValid(agreementId) ? await states.LoadAsync(agreementId, cancellationToken) : null;
            if (loaded is null)
            {
                return Problems.NotFound(language, "agreementId", agreementId);
            }

            DateTimeOffset now = clock.GetUtcNow();
            Outcome outcome = apply(document.RootElement, loaded, MadridTime.LocalDate(now), language);
            if (outcome.Problems.Count > 0)
            {
                return Problems.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "validation",
                    new("L'acció té errors", "La acción tiene errores"),
                    new("Corregiu les dades indicades i torneu-ho a provar.", "Corrija los datos indicados y vuelva a intentarlo."),
                    language,
                    outcome.Problems);
            }

            LogEntity entry = ActionLogEntry(agreementId, action, Actor(request), outcome.Detail, now);
            try
            {
                await repository.Table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, loaded.Entity, loaded.Entity.ETag),
                        new TableTransactionAction(TableTransactionActionType.Add, entry),
                    ],
                    cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 412)
            {
                return Problems.ForField(
                    StatusCodes.Status409Conflict,
                    "concurrent-change",
                    "agreementId",
                    new("El conveni ha canviat mentrestant", "El convenio ha cambiado mientras tanto"),
                    new("Algú altre ha modificat aquest conveni alhora. Torneu a carregar-lo i repetiu l'acció.", "Otra persona ha modificado este convenio a la vez. Vuelva a cargarlo y repita la acción."),
                    language);
            }

            this.LogAction(agreementId, action);
            await index.TryRefreshAsync(agreementId, cancellationToken);
            await RaiseChangedAsync(client, agreementId, action, now, cancellationToken);
            return ApiResult.Json(StatusCodes.Status200OK, new { AgreementId = agreementId, Action = action, Detail = outcome.Detail, DoneAtUtc = now });
        }
    }

    /// <summary>Builds an office action's log row, with who did it and what changed.</summary>
    public static LogEntity ActionLogEntry(string agreementId, string action, string actor, object? detail, DateTimeOffset now) => new()
    {
        PartitionKey = agreementId,
        RowKey = RowKeys.Action(now, action),
        Kind = "action",
        Step = action,
        DueDate = string.Empty,
        Recipients = string.Empty,
        Outcome = "done",
        Actor = actor,
        Detail = JsonSerializer.Serialize(detail, ApiResult.JsonOptions),
        DoneAtUtc = now,
    };

    /// <summary>
    /// Tells the agreement's orchestration to plan again. An instance that is no longer running (an
    /// agreement renewed after it ended, a failed instance) is started anew, so the change takes effect at once.
    /// </summary>
    public static async Task RaiseChangedAsync(DurableTaskClient client, string agreementId, string change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string instanceId = LifecycleNames.InstanceId(agreementId);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is { IsRunning: true })
        {
            await client.RaiseEventAsync(instanceId, LifecycleNames.AgreementChangedEvent, new AgreementChanged(change, now), cancellationToken);
            return;
        }

        if (instance is not null)
        {
            await client.PurgeInstanceAsync(instanceId, options: null, cancellationToken);
        }

        await AgreementImporter.StartLifecycleAsync(client, agreementId, cancellationToken);
    }

    private static ProblemItem Problem(string field, string code, Language language, string catalan, string spanish) =>
        new(field, code, language == Language.Es ? spanish : catalan);

    private static string Show(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string? ReadText(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim().Normalize() : null;

    internal static DateOnly? ReadDate(JsonElement body, string name, List<ProblemItem> problems, Language language)
    {
        string? text = ReadText(body, name);
        if (text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) && DateLimits.Contains(date))
        {
            return date;
        }

        problems.Add(text is null
            ? Problem(name, "required", language, $"Falta la data {name} (AAAA-MM-DD).", $"Falta la fecha {name} (AAAA-MM-DD).")
            : Problem(name, "invalid-date", language, $"La data «{text}» no és vàlida: cal una data real en format AAAA-MM-DD entre 1900-01-01 i 2199-12-31.", $"La fecha «{text}» no es válida: se espera una fecha real en formato AAAA-MM-DD entre 1900-01-01 y 2199-12-31."));
        return null;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Agreement {AgreementId}: office action {Action} recorded")]
    private partial void LogAction(string agreementId, string action);
}
