using System.Text.Json;
using Azure.Data.Tables;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// The entity's view of its own agreement, opened with its token: the agreement and its balances, the
/// draft saved on the server (so a balance can be resumed from another device with the same link),
/// and the previous balance's answers to start a new one from.
/// </summary>
public sealed class EntityHandler(AgreementStates states, AgreementRepository repository, SubmissionTokens tokens, Links links, TimeProvider clock)
{
    /// <summary>Table properties hold at most 64 KiB; a draft of a complete balance is about 10 KiB.</summary>
    private const long MaxDraftBytes = 48 * 1024;

    /// <summary>
    /// The maximum number of characters in a Table string property: 64 KiB of UTF-16. A body under
    /// <see cref="MaxDraftBytes"/> can pass it, because one byte of ASCII is two bytes in UTF-16.
    /// </summary>
    private const int MaxStoredCharacters = 32 * 1024;

    /// <summary><c>GET /api/agreements/{id}?token=…</c>: the agreement, its next due date and its balances.</summary>
    public async Task<ApiResult> GetAgreementAsync(HttpRequest request, string agreementId, CancellationToken cancellationToken)
    {
        (LoadedAgreement? loaded, ApiResult? problem) = await this.AuthorizeAsync(request, agreementId, request.Query["token"], cancellationToken);
        if (loaded is null)
        {
            return problem!;
        }

        DateOnly today = MadridTime.LocalDate(clock.GetUtcNow());
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(loaded.State.Agreement, loaded.State.Extensions);
        DueDate? next = DueDates.FirstOpen(dueDates, loaded.Entity.CoveredThroughDate);
        FilingDecision decision = DueDates.DecideFiling(dueDates, loaded.Entity.CoveredThroughDate, today);
        string? dueKind = null;
        if (next is not null)
        {
            dueKind = next.Kind == DueDateKind.Renewal ? "renewal" : "periodic";
        }

        string id = loaded.Entity.PartitionKey;
        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            AgreementId = id,
            loaded.State.Agreement.EntityName,
            loaded.State.Agreement.SpaceName,
            loaded.State.Agreement.SpaceAddress,
            Language = loaded.Entity.Language,
            NextDueDate = next?.Effective,
            DueKind = dueKind,
            FirstFilingDay = next?.Date.AddDays(-DueDates.FilingWindowDays),
            CanFile = decision.Outcome == FilingOutcome.Covers,
            CalendarUrl = links.Calendar(id),
            Submissions = loaded.Submissions
                .OrderBy(submission => submission.SubmittedAtUtc)
                .Select(submission => new
                {
                    submission.SubmissionId,
                    submission.SubmittedAtUtc,
                    submission.CoveredDueDate,
                    submission.Late,
                    submission.Sha256,
                    PdfUrl = links.Pdf(id, submission.SubmissionId),
                    submission.RegistryNumber,
                    submission.RegistryDate,
                }),
        });
    }

    /// <summary><c>GET /api/agreements/{id}/draft?token=…</c>: the saved draft, or 404.</summary>
    public async Task<ApiResult> GetDraftAsync(HttpRequest request, string agreementId, CancellationToken cancellationToken)
    {
        (LoadedAgreement? loaded, ApiResult? problem) = await this.AuthorizeAsync(request, agreementId, request.Query["token"], cancellationToken);
        if (loaded is null)
        {
            return problem!;
        }

        DraftEntity? draft = await repository.GetDraftAsync(loaded.Entity.PartitionKey, cancellationToken);
        if (draft is null)
        {
            return Problems.NotFound(RequestBodies.Language(request), "draft", loaded.Entity.PartitionKey);
        }

        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            draft.QuestionnaireVersion,
            Answers = JsonSerializer.Deserialize<JsonElement>(draft.AnswersJson),
            NotAvailable = JsonSerializer.Deserialize<JsonElement>(draft.NotAvailableJson),
            draft.PrefilledFrom,
            draft.SavedAtUtc,
        });
    }

    /// <summary>
    /// <c>PUT /api/agreements/{id}/draft</c> with <c>{"token", "questionnaireVersion", "answers", "notAvailable", "prefilledFrom"}</c>:
    /// stores the answers as they are, unchecked, until the balance is submitted.
    /// </summary>
    public async Task<ApiResult> SaveDraftAsync(HttpRequest request, string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Language language = RequestBodies.Language(request);
        (JsonDocument? document, ApiResult? bodyProblem) = await RequestBodies.ReadJsonObjectAsync(request, MaxDraftBytes, language, cancellationToken);
        if (document is null)
        {
            return bodyProblem!;
        }

        using (document)
        {
            JsonElement body = document.RootElement;
            (LoadedAgreement? loaded, ApiResult? problem) = await this.AuthorizeAsync(request, agreementId, ReadString(body, "token"), cancellationToken);
            if (loaded is null)
            {
                return problem!;
            }

            JsonElement answers = body.TryGetProperty("answers", out JsonElement answersValue) ? answersValue : default;
            JsonElement notAvailable = body.TryGetProperty("notAvailable", out JsonElement notAvailableValue) ? notAvailableValue : default;
            if (answers.ValueKind != JsonValueKind.Object || (notAvailable.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined)))
            {
                return Problems.ForField(
                    StatusCodes.Status400BadRequest,
                    "invalid-draft",
                    "answers",
                    new("L'esborrany no és vàlid", "El borrador no es válido"),
                    new("L'esborrany ha de portar les respostes (answers) com a objecte JSON.", "El borrador debe llevar las respuestas (answers) como objeto JSON."),
                    language);
            }

            if (answers.GetRawText().Length > MaxStoredCharacters || (notAvailable.ValueKind == JsonValueKind.Object && notAvailable.GetRawText().Length > MaxStoredCharacters))
            {
                return Problems.ForField(
                    StatusCodes.Status413PayloadTooLarge,
                    "body-too-large",
                    "answers",
                    new("L'esborrany és massa gran", "El borrador es demasiado grande"),
                    new($"Les respostes de l'esborrany superen els {MaxStoredCharacters} caràcters que es poden desar.", $"Las respuestas del borrador superan los {MaxStoredCharacters} caracteres que se pueden guardar."),
                    language);
            }

            DraftEntity draft = new()
            {
                PartitionKey = loaded.Entity.PartitionKey,
                RowKey = RowKeys.Draft,
                QuestionnaireVersion = ReadString(body, "questionnaireVersion") ?? string.Empty,
                AnswersJson = answers.GetRawText(),
                NotAvailableJson = notAvailable.ValueKind == JsonValueKind.Object ? notAvailable.GetRawText() : "{}",
                PrefilledFrom = ReadString(body, "prefilledFrom"),
                SavedAtUtc = clock.GetUtcNow(),
            };
            await repository.Table.UpsertEntityAsync(draft, TableUpdateMode.Replace, cancellationToken);
            return ApiResult.Json(StatusCodes.Status200OK, new { draft.SavedAtUtc });
        }
    }

    /// <summary><c>GET /api/agreements/{id}/previous?token=…</c>: the answers of the last balance, or 404.</summary>
    public async Task<ApiResult> GetPreviousAsync(HttpRequest request, string agreementId, CancellationToken cancellationToken)
    {
        (LoadedAgreement? loaded, ApiResult? problem) = await this.AuthorizeAsync(request, agreementId, request.Query["token"], cancellationToken);
        if (loaded is null)
        {
            return problem!;
        }

        SubmissionEntity? last = loaded.Submissions.MaxBy(submission => submission.SubmittedAtUtc);
        if (last is null)
        {
            return Problems.NotFound(RequestBodies.Language(request), "submissionId", "previous");
        }

        JsonElement canonical = JsonSerializer.Deserialize<JsonElement>(last.CanonicalJson);
        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            last.SubmissionId,
            last.SubmittedAtUtc,
            last.QuestionnaireVersion,
            Answers = canonical.GetProperty("answers"),
            NotAvailable = canonical.GetProperty("notAvailable"),
        });
    }

    private async Task<(LoadedAgreement? Loaded, ApiResult? Problem)> AuthorizeAsync(HttpRequest request, string agreementId, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Language language = RequestBodies.Language(request);
        agreementId = Ids.Normalize(agreementId) ?? string.Empty;
        if (string.IsNullOrEmpty(token))
        {
            return (null, SubmissionHandler.TokenRequired(language));
        }

        LoadedAgreement? loaded = Ids.IsValid(agreementId) && tokens.IsValid(agreementId, token)
            ? await states.LoadAsync(agreementId, cancellationToken)
            : null;
        return loaded is null ? (null, SubmissionHandler.TokenInvalid(language)) : (loaded, null);
    }

    private static string? ReadString(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
