using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Pdf;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace BalancFunctions.Functions.Api;

/// <summary>The receipt of a stored balance, returned with 201 (or 200 for a repeated request).</summary>
public sealed record SubmissionReceipt(
    string SubmissionId,
    string AgreementId,
    string Sha256,
    DateTimeOffset SubmittedAtUtc,
    DateOnly CoveredDueDate,
    string CoveredDueKind,
    bool Late,
    string QuestionnaireVersion,
    Uri PdfUrl,
    IReadOnlyList<ProblemItem> Warnings);

/// <summary>
/// <c>POST /api/balances</c>: checks the agreement's token, validates the answers, renders and
/// stores the PDF, stores the submission and the agreement's new coverage in one transaction, and
/// then raises the event to the agreement's orchestration. The submission id derives from the
/// SHA-256 of the canonical answers, so the same POST sent twice finds the first submission.
/// </summary>
public sealed partial class SubmissionHandler(
    AgreementRepository repository,
    AgreementIndex index,
    PdfStore pdfStore,
    SubmissionTokens tokens,
    QuestionnaireCatalog catalog,
    Links links,
    TimeProvider clock,
    ILogger<SubmissionHandler> logger)
{
    /// <summary>A complete balance is about 5 KiB of JSON; the limit leaves room for every text at its maximum length.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    private const int MaxConcurrencyRetries = 5;

    /// <summary>
    /// How long the same answers count as a retry of the same request (a double click, a lost
    /// response) and get the first receipt again. Later, the same answers are an attempt to file a
    /// balance that is already filed.
    /// </summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromHours(1);

    public async Task<ApiResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        using Activity? activity = SubmissionTelemetry.StartSubmit();
        Language language = RequestBodies.Language(request);
        byte[]? body = await RequestBodies.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.BodyTooLarge(language, MaxBodyBytes);
        }

        JsonDocument document;
        try
        {
            document = request.HasFormContentType
                ? JsonSerializer.SerializeToDocument(FormSubmission.ToJson(await ReadFormAsync(body), catalog))
                : JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            return Problems.InvalidJson(language, exception);
        }
        catch (InvalidDataException)
        {
            // FormReader throws this past its limits: more than 1,024 fields, or a key longer than 2,048 characters.
            return Problems.ForField(
                StatusCodes.Status400BadRequest,
                "invalid-form",
                "body",
                new("El formulari no és vàlid", "El formulario no es válido"),
                new("El formulari té massa camps o un camp massa llarg.", "El formulario tiene demasiados campos o un campo demasiado largo."),
                language);
        }

        using (document)
        {
            return await this.HandleDocumentAsync(document.RootElement, language, client, activity, cancellationToken);
        }
    }

    /// <summary>Reads a form-encoded body (the <c>application/x-www-form-urlencoded</c> rules: '+' is a space, fields may repeat).</summary>
    private static async Task<IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>> ReadFormAsync(byte[] body)
    {
        using FormReader reader = new(Encoding.UTF8.GetString(body));
        Dictionary<string, StringValues> form = await reader.ReadFormAsync();
        return form.Select(field => KeyValuePair.Create(field.Key, (IReadOnlyList<string>)[.. field.Value.Select(value => value ?? string.Empty)]));
    }

    private async Task<ApiResult> HandleDocumentAsync(JsonElement root, Language language, DurableTaskClient client, Activity? activity, CancellationToken cancellationToken)
    {
        language = LanguageCodes.FromRequest(ReadString(root, "language"), language.ToCode());
        string? agreementId = Ids.Normalize(ReadString(root, "agreementId"));
        activity?.SetTag(SubmissionTelemetry.AgreementTag, agreementId);
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = MadridTime.LocalDate(now);

        // The token is checked before the answers, so nobody learns anything about an agreement without it.
        AgreementEntity? agreement = null;
        if (Ids.IsValid(agreementId))
        {
            string? token = ReadString(root, "token");
            if (string.IsNullOrEmpty(token))
            {
                return TokenRequired(language);
            }

            using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.TablesPhase, "get-agreement"))
            {
                agreement = await repository.GetAgreementAsync(agreementId!, cancellationToken);
            }

            if (agreement is null || !tokens.IsValid(agreementId!, token))
            {
                return TokenInvalid(language);
            }
        }

        SubmissionValidationResult validation;
        using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.ValidatePhase))
        {
            validation = BalanceSubmissionValidator.Validate(root, catalog, today);
        }

        if (validation.Submission is null || agreement is null)
        {
            return Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                "validation",
                new("El balanç té errors", "El balance tiene errores"),
                validation.Errors.Count == 1
                    ? new("S'ha trobat 1 error. Corregiu-lo i torneu a enviar el balanç.", "Se ha encontrado 1 error. Corríjalo y vuelva a enviar el balance.")
                    : new($"S'han trobat {validation.Errors.Count} errors. Corregiu-los i torneu a enviar el balanç.", $"Se han encontrado {validation.Errors.Count} errores. Corríjalos y vuelva a enviar el balance."),
                language,
                Problems.Items(validation.Errors, language),
                Problems.Items(validation.Warnings, language));
        }

        // The id is stored in upper case; a body that spelled it otherwise is hashed as stored.
        ValidatedSubmission submission = validation.Submission;
        if (!string.Equals(submission.AgreementId, agreement.PartitionKey, StringComparison.Ordinal))
        {
            string canonicalJson = SubmissionCanonicalJson.Write(agreement.PartitionKey, submission.QuestionnaireVersion, submission.Answers, submission.NotAvailable);
            submission = submission with
            {
                AgreementId = agreement.PartitionKey,
                CanonicalJson = canonicalJson,
                Sha256 = SubmissionCanonicalJson.ComputeSha256(canonicalJson),
            };
        }

        return await this.StoreAsync(agreement, submission, validation.Warnings, now, client, cancellationToken);
    }

    private async Task<ApiResult> StoreAsync(
        AgreementEntity agreementEntity,
        ValidatedSubmission submission,
        IReadOnlyList<ValidationProblem> warnings,
        DateTimeOffset now,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        string agreementId = agreementEntity.PartitionKey;
        string submissionId = SubmissionIdFor(submission.Sha256);
        DateOnly today = MadridTime.LocalDate(now);
        if (!catalog.TryGet(submission.QuestionnaireVersion, out QuestionnaireDefinition? definition))
        {
            throw new InvalidOperationException($"Questionnaire {submission.QuestionnaireVersion} passed validation but is not in the catalog.");
        }


        for (int attempt = 1; ; attempt++)
        {
            // A repeated request finds the submission it stored before and finishes what a crash may have left undone.
            SubmissionEntity? existing;
            using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.TablesPhase, "get-submission"))
            {
                existing = await repository.GetSubmissionAsync(agreementId, submissionId, cancellationToken);
            }

            if (existing is not null && now - existing.SubmittedAtUtc > RepeatWindow)
            {
                return AlreadyFiled(submission.Language, existing);
            }

            if (existing is not null)
            {
                await this.EnsurePdfAsync(agreementEntity.ToAgreement(), definition, submission, warnings, existing.SubmittedAtUtc, submissionId, cancellationToken);
                await RaiseSubmittedAsync(client, existing, cancellationToken);
                await index.TryRefreshAsync(agreementId, cancellationToken);
                return ApiResult.Json(StatusCodes.Status200OK, this.Receipt(existing, warnings, submission.Language));
            }

            // A balance evaluates a period after the last one; the same period again is a correction, which only the OTPC can handle.
            if (await this.FindOverlapAsync(agreementId, definition, submission, cancellationToken) is (DateOnly periodEnd, SubmissionEntity earlier))
            {
                return PeriodAlreadyFiled(submission.Language, periodEnd, earlier);
            }

            Agreement agreement = agreementEntity.ToAgreement();
            FilingDecision decision = DueDates.DecideFiling(DueDates.Compute(agreement, agreementEntity.Extensions()), agreementEntity.CoveredThroughDate, today);
            if (decision.Outcome == FilingOutcome.TooEarly)
            {
                return FilingTooEarly(submission.Language, decision.FirstFilingDay!.Value);
            }

            if (decision.Outcome == FilingOutcome.NothingOpen || decision.DueDate is null)
            {
                return NothingToFile(submission.Language);
            }

            DueDate dueDate = decision.DueDate;
            string blobName = await this.EnsurePdfAsync(agreement, definition, submission, warnings, now, submissionId, cancellationToken);
            SubmissionEntity stored = new()
            {
                PartitionKey = agreementId,
                RowKey = RowKeys.Submission(submissionId),
                SubmissionId = submissionId,
                Sha256 = submission.Sha256,
                QuestionnaireVersion = submission.QuestionnaireVersion,
                Language = submission.Language.ToCode(),
                SubmittedAtUtc = now,
                CoveredDueDate = AgreementEntity.FormatDate(dueDate.Date)!,
                CoveredDueKind = dueDate.Kind == DueDateKind.Renewal ? "renewal" : "periodic",
                Late = decision.Late,
                CanonicalJson = submission.CanonicalJson,
                WarningsJson = JsonSerializer.Serialize(warnings.Select(warning => new { warning.Field, warning.Code, warning.Message.Ca, warning.Message.Es }), ApiResult.JsonOptions),
                PdfBlobName = blobName,
            };

            // The submission, the agreement's coverage and the closing of its escalations are written together or not at all.
            agreementEntity.CoveredThrough = stored.CoveredDueDate;
            List<TableTransactionAction> writes =
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, agreementEntity, agreementEntity.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, stored),
            ];
            if (agreementEntity.EscalationLevel > 0 && agreementEntity.EscalatedDueDateValue is DateOnly escalated && escalated <= dueDate.Date)
            {
                agreementEntity.EscalationLevel = 0;
                writes.Add(new TableTransactionAction(
                    TableTransactionActionType.Add,
                    OfficeActionsHandler.ActionLogEntry(agreementId, "escalations-closed", "entity", new { SubmissionId = submissionId, DueDate = dueDate.Date }, now)));
            }

            try
            {
                using Activity? transaction = SubmissionTelemetry.StartPhase(SubmissionTelemetry.TablesPhase, "transaction");
                await repository.Table.SubmitTransactionAsync(writes, cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxConcurrencyRetries)
            {
                // Another request changed the agreement or stored this submission first: read again and decide again.
                this.LogConcurrentSubmission(agreementId, attempt);
                agreementEntity = await repository.GetAgreementAsync(agreementId, cancellationToken)
                    ?? throw new InvalidOperationException($"Agreement {agreementId} disappeared during a submission.", exception);
                continue;
            }

            this.LogStored(agreementId, submissionId, dueDate.Date, stored.Late);
            using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.TablesPhase, "delete-draft"))
            {
                await repository.DeleteDraftAsync(agreementId, cancellationToken);
            }

            await RaiseSubmittedAsync(client, stored, cancellationToken);
            using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.TablesPhase, "refresh-index"))
            {
                await index.TryRefreshAsync(agreementId, cancellationToken);
            }

            SubmissionReceipt receipt = this.Receipt(stored, warnings, submission.Language);
            return ApiResult.Json(
                StatusCodes.Status201Created,
                receipt,
                new Dictionary<string, string> { ["Location"] = receipt.PdfUrl.ToString() });
        }
    }

    /// <summary>
    /// Returns the end of the evaluated period and the earlier submission whose period ends on or
    /// after it, when the questionnaire has a period indicator; null when the new period is later.
    /// </summary>
    private async Task<(DateOnly PeriodEnd, SubmissionEntity Earlier)?> FindOverlapAsync(string agreementId, QuestionnaireDefinition definition, ValidatedSubmission submission, CancellationToken cancellationToken)
    {
        IndicatorDefinition? periodIndicator = definition.Indicators.FirstOrDefault(indicator => indicator.Type == IndicatorType.Period);
        if (periodIndicator is null || !submission.Answers.TryGetValue(periodIndicator.Id, out AnswerValue? answer) || answer is not PeriodAnswer period)
        {
            return null;
        }

        List<SubmissionEntity> submissions;
        using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.TablesPhase, "list-submissions"))
        {
            submissions = await repository.ListSubmissionsAsync(agreementId, cancellationToken);
        }

        foreach (SubmissionEntity earlier in submissions)
        {
            if (PeriodEnd(earlier.CanonicalJson, periodIndicator.Id) is DateOnly earlierEnd && period.To <= earlierEnd)
            {
                return (period.To, earlier);
            }
        }

        return null;
    }

    private static DateOnly? PeriodEnd(string canonicalJson, string indicatorId)
    {
        using JsonDocument document = JsonDocument.Parse(canonicalJson);
        return document.RootElement.TryGetProperty("answers", out JsonElement answers)
            && answers.TryGetProperty(indicatorId, out JsonElement value)
            && value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("to", out JsonElement to)
            && DateOnly.TryParseExact(to.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly end)
            ? end
            : null;
    }

    private static ApiResult AlreadyFiled(Language language, SubmissionEntity earlier)
    {
        DateOnly filedOn = MadridTime.LocalDate(earlier.SubmittedAtUtc);
        return Problems.ForField(
            StatusCodes.Status409Conflict,
            "already-filed",
            "DG01",
            new("Aquest balanç ja està presentat", "Este balance ya está presentado"),
            new(
                $"Aquestes mateixes respostes ja es van presentar el {LocalFormat.Date(filedOn)} (identificador {earlier.SubmissionId}). Per presentar el balanç següent, actualitzeu les respostes, començant pel període avaluat.",
                $"Estas mismas respuestas ya se presentaron el {LocalFormat.Date(filedOn)} (identificador {earlier.SubmissionId}). Para presentar el balance siguiente, actualice las respuestas, empezando por el periodo evaluado."),
            language);
    }

    private static ApiResult PeriodAlreadyFiled(Language language, DateOnly periodEnd, SubmissionEntity earlier)
    {
        DateOnly filedOn = MadridTime.LocalDate(earlier.SubmittedAtUtc);
        return Problems.ForField(
            StatusCodes.Status409Conflict,
            "period-already-filed",
            "DG01",
            new("Aquest període ja té un balanç presentat", "Este periodo ya tiene un balance presentado"),
            new(
                $"El període avaluat acaba el {LocalFormat.Date(periodEnd)}, i el balanç {earlier.SubmissionId}, presentat el {LocalFormat.Date(filedOn)}, ja cobreix aquestes dates. Un balanç presentat no es pot substituir: per corregir-lo, adreceu-vos a l'OTPC.",
                $"El periodo evaluado termina el {LocalFormat.Date(periodEnd)}, y el balance {earlier.SubmissionId}, presentado el {LocalFormat.Date(filedOn)}, ya cubre estas fechas. Un balance presentado no se puede sustituir: para corregirlo, diríjase a la OTPC."),
            language);
    }

    /// <summary>Returns the submission id: the first 20 hex digits (80 bits) of the answers' SHA-256.</summary>
    public static string SubmissionIdFor(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        return sha256[..20];
    }

    private async Task<string> EnsurePdfAsync(
        Agreement agreement,
        QuestionnaireDefinition definition,
        ValidatedSubmission submission,
        IReadOnlyList<ValidationProblem> warnings,
        DateTimeOffset submittedAt,
        string submissionId,
        CancellationToken cancellationToken)
    {
        string blobName = PdfStore.BlobName(agreement.AgreementId, submissionId);
        using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.BlobsPhase, "exists"))
        {
            if (await pdfStore.ExistsAsync(blobName, cancellationToken))
            {
                return blobName;
            }
        }

        BalanceDocumentHeader header = new(
            agreement.AgreementId,
            agreement.EntityName,
            agreement.EntityNif,
            agreement.SpaceName,
            agreement.SpaceAddress,
            submissionId,
            TimeZoneInfo.ConvertTime(submittedAt, MadridTime.Zone));
        byte[] pdf;
        using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.PdfPhase))
        {
            BalancePdfModel model = BalanceDocumentBuilder.Build(definition, submission, warnings, header);
            pdf = BalancePdfRenderer.Render(model);
        }

        using (SubmissionTelemetry.StartPhase(SubmissionTelemetry.BlobsPhase, "upload"))
        {
            await pdfStore.TryUploadAsync(blobName, pdf, cancellationToken);
        }

        return blobName;
    }

    private static async Task RaiseSubmittedAsync(DurableTaskClient client, SubmissionEntity stored, CancellationToken cancellationToken)
    {
        BalanceSubmitted submitted = new(stored.SubmissionId, AgreementEntity.ParseDate(stored.CoveredDueDate)!.Value, stored.SubmittedAtUtc);
        using Activity? activity = SubmissionTelemetry.StartPhase(SubmissionTelemetry.EventPhase);
        await client.RaiseEventAsync(LifecycleNames.InstanceId(stored.PartitionKey), LifecycleNames.BalanceSubmittedEvent, submitted, cancellationToken);
    }

    private SubmissionReceipt Receipt(SubmissionEntity stored, IReadOnlyList<ValidationProblem> warnings, Language language) => new(
        stored.SubmissionId,
        stored.PartitionKey,
        stored.Sha256,
        stored.SubmittedAtUtc,
        AgreementEntity.ParseDate(stored.CoveredDueDate)!.Value,
        stored.CoveredDueKind,
        stored.Late,
        stored.QuestionnaireVersion,
        links.Pdf(stored.PartitionKey, stored.SubmissionId),
        [.. Problems.Items(warnings, language)]);

    /// <summary>
    /// Returns a string field, or null when it is missing, not a string, or not valid Unicode (an
    /// unpaired surrogate escape, invalid UTF-8), which the validator then reports on its field.
    /// </summary>
    private static string? ReadString(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    internal static ApiResult TokenRequired(Language language) => Problems.ForField(
        StatusCodes.Status401Unauthorized,
        "token-required",
        "token",
        new("Falta el codi d'accés", "Falta el código de acceso"),
        new("Obriu el formulari amb l'enllaç del correu de recordatori, que porta el codi d'accés del conveni. Si no el trobeu, demaneu-lo a l'OTPC.", "Abra el formulario con el enlace del correo de recordatorio, que lleva el código de acceso del convenio. Si no lo encuentra, pídalo a la OTPC."),
        language);

    internal static ApiResult TokenInvalid(Language language) => Problems.ForField(
        StatusCodes.Status403Forbidden,
        "invalid-token",
        "token",
        new("Codi d'accés no vàlid", "Código de acceso no válido"),
        new("El codi d'accés no correspon a aquest conveni. Feu servir l'enllaç del darrer correu de recordatori o demaneu-ne un de nou a l'OTPC.", "El código de acceso no corresponde a este convenio. Use el enlace del último correo de recordatorio o pida uno nuevo a la OTPC."),
        language);

    private static ApiResult FilingTooEarly(Language language, DateOnly firstFilingDay) => Problems.ForField(
        StatusCodes.Status422UnprocessableEntity,
        "filing-too-early",
        "agreementId",
        new("Encara no es pot presentar el balanç", "Todavía no se puede presentar el balance"),
        new(
            $"El balanç es pot presentar com a màxim 90 dies abans de la data límit. Podreu presentar-lo a partir del {LocalFormat.Date(firstFilingDay)}.",
            $"El balance se puede presentar como máximo 90 días antes de la fecha límite. Podrá presentarlo a partir del {LocalFormat.Date(firstFilingDay)}."),
        language);

    private static ApiResult NothingToFile(Language language) => Problems.ForField(
        StatusCodes.Status409Conflict,
        "nothing-to-file",
        "agreementId",
        new("No hi ha cap balanç pendent", "No hay ningún balance pendiente"),
        new("Tots els balanços d'aquest conveni ja estan presentats.", "Todos los balances de este convenio ya están presentados."),
        language);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Agreement {AgreementId}: submission {SubmissionId} stored for due date {DueDate:yyyy-MM-dd}, late: {Late}")]
    private partial void LogStored(string agreementId, string submissionId, DateOnly dueDate, bool late);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Agreement {AgreementId}: concurrent change during a submission, attempt {Attempt}; reading again")]
    private partial void LogConcurrentSubmission(string agreementId, int attempt);
}
