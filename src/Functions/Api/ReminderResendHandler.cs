using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Mail;
using BalancFunctions.Domain.Ports;
using BalancFunctions.Domain.Submissions;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// <c>POST /api/otpc/agreements/{id}/reminders</c> with <c>{"requestId"}</c>: e-mails the entity
/// now the reminder of its open due date, at the OTPC's request, and logs it as an office action.
/// The client generates the request id once per click. Its log row is claimed before the e-mail
/// goes out and marked sent after, so a retried request gets the first one's entry and sends
/// nothing more.
/// </summary>
public sealed partial class ReminderResendHandler(
    AgreementStates states,
    AgreementRepository repository,
    LifecycleMail lifecycleMail,
    TimeProvider clock,
    ILogger<ReminderResendHandler> logger)
{
    /// <summary>The office action's name, in its log row and its response.</summary>
    public const string Action = "reminder-resent";

    private const long MaxBodyBytes = 4 * 1024;
    private const string Pending = "pending";
    private const string Sent = "sent";
    private const string Undeliverable = "undeliverable";

    public async Task<ApiResult> HandleAsync(HttpRequest request, string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Language language = RequestBodies.Language(request);
        (string? requestId, ApiResult? invalid) = await ReadRequestIdAsync(request, language, cancellationToken);
        if (requestId is null)
        {
            return invalid!;
        }

        agreementId = Ids.Normalize(agreementId) ?? string.Empty;
        LoadedAgreement? loaded = Ids.IsValid(agreementId) ? await states.LoadAsync(agreementId, cancellationToken) : null;
        if (loaded is null)
        {
            return Problems.NotFound(language, "agreementId", agreementId);
        }

        // A repeated request gets the first one's outcome, even when no due date is open any more.
        string rowKey = RowKeys.OfficeRequest(Action, requestId);
        LogEntity? earlier = await repository.GetLogAsync(agreementId, rowKey, cancellationToken);
        if (earlier is not null)
        {
            this.LogRepeated(agreementId, requestId, earlier.Outcome);
            return ResponseFor(earlier, language);
        }

        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = MadridTime.LocalDate(now);
        (DueDate? open, ApiResult? closed) = FindOpenDueDate(loaded, today, language);
        if (open is null)
        {
            return closed!;
        }

        // Up to the date in force the entity gets the reminder. After it, the entity gets the overdue notice, which also goes to its legal representative.
        DueDate inForce = LifecycleMail.InForce(open);
        bool overdue = inForce.Date < today;
        LogEntity claim = new()
        {
            PartitionKey = agreementId,
            RowKey = rowKey,
            Kind = "action",
            Step = Action,
            DueDate = AgreementEntity.FormatDate(open.Date)!,
            Recipients = LifecycleMail.EntityRoles(includeRepresentative: overdue),
            Outcome = Pending,
            Actor = OfficeActionsHandler.Actor(request),
            Detail = JsonSerializer.Serialize(new { RequestId = requestId, Email = overdue ? "overdue-notice" : "reminder", DueDateInForce = inForce.Date }, ApiResult.JsonOptions),
            DoneAtUtc = now,
        };
        if (!await repository.TryAddLogAsync(claim, cancellationToken))
        {
            // A request with the same id claimed the row between the read above and this write.
            // When that row is gone again, the other request failed to send and released it.
            LogEntity? winner = await repository.GetLogAsync(agreementId, rowKey, cancellationToken);
            this.LogRepeated(agreementId, requestId, winner?.Outcome ?? "released");
            return winner is null ? MailUnavailable(language) : ResponseFor(winner, language);
        }

        EmailContent content = overdue ? lifecycleMail.OverdueNotice(loaded.State.Agreement, inForce) : lifecycleMail.Reminder(loaded.State.Agreement, inForce, today);
        return await this.SendClaimedAsync(loaded.State.Agreement, content, includeRepresentative: overdue, claim, requestId, language, cancellationToken);
    }

    /// <summary>Reads and checks the body's request id. Returns the id, or the problem to respond with.</summary>
    private static async Task<(string? RequestId, ApiResult? Problem)> ReadRequestIdAsync(HttpRequest request, Language language, CancellationToken cancellationToken)
    {
        (JsonDocument? document, ApiResult? problem) = await RequestBodies.ReadJsonObjectAsync(request, MaxBodyBytes, language, cancellationToken);
        if (document is null)
        {
            return (null, problem);
        }

        using (document)
        {
            string? requestId = document.RootElement.TryGetProperty("requestId", out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return requestId is not null && RequestIdPattern().IsMatch(requestId) ? (requestId, null) : (null, InvalidRequestId(language));
        }
    }

    /// <summary>Returns the agreement's first open due date, or the 409 problem when it has ended or has every balance filed.</summary>
    private static (DueDate? Open, ApiResult? Problem) FindOpenDueDate(LoadedAgreement loaded, DateOnly today, Language language)
    {
        Agreement agreement = loaded.State.Agreement;
        if (loaded.Entity.EndedEarlyOn is not null || today > agreement.EndDate)
        {
            return (null, AgreementFinished(language, agreement.EndDate));
        }

        DueDate? open = DueDates.FirstOpen(DueDates.Compute(agreement, loaded.State.Extensions), loaded.State.CoveredThrough);
        return open is null ? (null, NothingOpen(language)) : (open, null);
    }

    /// <summary>Sends the e-mail of a claimed log row and records its outcome in the row.</summary>
    private async Task<ApiResult> SendClaimedAsync(Agreement agreement, EmailContent content, bool includeRepresentative, LogEntity claim, string requestId, Language language, CancellationToken cancellationToken)
    {
        string agreementId = claim.PartitionKey;
        DateOnly dueDate = AgreementEntity.ParseDate(claim.DueDate)!.Value;
        try
        {
            await lifecycleMail.SendToEntityAsync(agreement, content, LifecycleMail.MessageId(agreementId, Action, dueDate, requestId), includeRepresentative, cancellationToken);
        }
        catch (PermanentMailFailureException exception)
        {
            this.LogUndeliverable(exception, agreementId, requestId, exception.ReplyCode);
            claim.Outcome = Undeliverable;
            await repository.Table.UpdateEntityAsync(claim, ETag.All, TableUpdateMode.Replace, cancellationToken);
            return ResponseFor(claim, language);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A refused connection or a 4xx reply means the server took nothing, so the claim is released and the same request id may try again.
            // NOTE: a failure after the server accepted the message (while disconnecting) also lands here, and a retry then sends it twice.
            // A process that dies, or a request cancelled, between the claim and the send leaves the row pending for good: the OTPC then sends with a new request id.
            this.LogMailFailed(exception, agreementId, requestId);
            await repository.Table.DeleteEntityAsync(agreementId, claim.RowKey, ETag.All, CancellationToken.None);
            return MailUnavailable(language);
        }

        claim.Outcome = Sent;
        await repository.Table.UpdateEntityAsync(claim, ETag.All, TableUpdateMode.Replace, cancellationToken);
        this.LogResent(agreementId, requestId, dueDate, claim.Recipients);
        return ResponseFor(claim, language);
    }

    /// <summary>
    /// Returns the response for a log row: 200 with the entry once sent, 202 with it while another
    /// request with the same id is still sending, and the mail server's rejection as a problem.
    /// </summary>
    private static ApiResult ResponseFor(LogEntity entry, Language language)
    {
        if (entry.Outcome == Undeliverable)
        {
            return Problems.ForField(
                StatusCodes.Status502BadGateway,
                "mail-rejected",
                "contactEmail",
                new("El servidor de correu ha rebutjat el recordatori", "El servidor de correo ha rechazado el recordatorio"),
                new(
                    "El servidor de correu ha rebutjat definitivament l'adreça de l'entitat. Reviseu els contactes del conveni i torneu a enviar el recordatori amb un requestId nou.",
                    "El servidor de correo ha rechazado definitivamente la dirección de la entidad. Revise los contactos del convenio y vuelva a enviar el recordatorio con un requestId nuevo."),
                language);
        }

        return ApiResult.Json(entry.Outcome == Pending ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, new
        {
            AgreementId = entry.PartitionKey,
            Action,
            entry.DueDate,
            entry.Recipients,
            entry.Outcome,
            entry.Actor,
            Detail = JsonSerializer.Deserialize<JsonElement>(entry.Detail ?? "{}"),
            entry.DoneAtUtc,
        });
    }

    private static ApiResult InvalidRequestId(Language language) => Problems.ForField(
        StatusCodes.Status422UnprocessableEntity,
        "invalid-request-id",
        "requestId",
        new("Falta l'identificador de la sol·licitud", "Falta el identificador de la solicitud"),
        new(
            "Envieu un requestId de 8 a 64 caràcters (lletres sense accents, xifres i guionets), generat un cop per a cada sol·licitud, perquè un reintent no enviï el recordatori dues vegades.",
            "Envíe un requestId de 8 a 64 caracteres (letras sin acentos, cifras y guiones), generado una vez para cada solicitud, para que un reintento no envíe el recordatorio dos veces."),
        language);

    private static ApiResult AgreementFinished(Language language, DateOnly endDate) => Problems.ForField(
        StatusCodes.Status409Conflict,
        "agreement-finished",
        "agreementId",
        new("No hi ha cap termini obert", "No hay ningún plazo abierto"),
        new(
            $"El conveni està finalitzat (data de finalització: {LocalFormat.Date(endDate)}): no té cap balanç pendent i no se li envien recordatoris.",
            $"El convenio está finalizado (fecha de finalización: {LocalFormat.Date(endDate)}): no tiene ningún balance pendiente y no se le envían recordatorios."),
        language);

    private static ApiResult NothingOpen(Language language) => Problems.ForField(
        StatusCodes.Status409Conflict,
        "no-open-due-date",
        "agreementId",
        new("No hi ha cap termini obert", "No hay ningún plazo abierto"),
        new(
            "Tots els balanços d'aquest conveni ja estan presentats: no hi ha cap termini per recordar.",
            "Todos los balances de este convenio ya están presentados: no hay ningún plazo que recordar."),
        language);

    private static ApiResult MailUnavailable(Language language) => Problems.ForField(
        StatusCodes.Status503ServiceUnavailable,
        "mail-unavailable",
        "requestId",
        new("No s'ha pogut enviar el recordatori", "No se ha podido enviar el recordatorio"),
        new(
            "El servidor de correu no ha acceptat el missatge ara i no s'ha enviat res. Torneu-ho a provar d'aquí a uns minuts amb el mateix requestId.",
            "El servidor de correo no ha aceptado el mensaje ahora y no se ha enviado nada. Vuelva a intentarlo dentro de unos minutos con el mismo requestId."),
        language);

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Agreement {AgreementId}: reminder request {RequestId} for {DueDate:yyyy-MM-dd} sent to {Recipients}")]
    private partial void LogResent(string agreementId, string requestId, DateOnly dueDate, string recipients);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Agreement {AgreementId}: reminder request {RequestId} repeated, outcome {Outcome}; nothing sent")]
    private partial void LogRepeated(string agreementId, string requestId, string outcome);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: reminder request {RequestId} rejected permanently by the SMTP server ({ReplyCode})")]
    private partial void LogUndeliverable(Exception exception, string agreementId, string requestId, int replyCode);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: reminder request {RequestId} not sent, the SMTP server failed; the request may be retried")]
    private partial void LogMailFailed(Exception exception, string agreementId, string requestId);
}
