using BalancFunctions.Domain;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// <c>GET /api/agreements/{agreementId}/submissions/{submissionId}/pdf</c>: the PDF of a
/// submission, for the entity with its agreement's token (<c>?token=…</c>), or for the OTPC with
/// the short-lived signed link of the agreement's detail (<c>?expires=…&amp;sig=…</c>).
/// </summary>
public sealed class PdfDownloadHandler(AgreementRepository repository, PdfStore pdfStore, SubmissionTokens tokens, TimeProvider clock)
{
    public async Task<ApiResult> HandleAsync(HttpRequest request, string agreementId, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        agreementId = Ids.Normalize(agreementId) ?? string.Empty;
        submissionId = submissionId.Trim().ToLowerInvariant();
        Language language = RequestBodies.Language(request);
        ApiResult? denied = this.Authorize(request, agreementId, submissionId, language);
        if (denied is not null)
        {
            return denied;
        }

        SubmissionEntity? submission = Ids.IsValid(submissionId)
            ? await repository.GetSubmissionAsync(agreementId, submissionId, cancellationToken)
            : null;
        byte[]? pdf = submission is null ? null : await pdfStore.DownloadAsync(submission.PdfBlobName, cancellationToken);
        if (pdf is null)
        {
            return Problems.NotFound(language, "submissionId", submissionId);
        }

        return ApiResult.Bytes(
            StatusCodes.Status200OK,
            "application/pdf",
            pdf,
            new Dictionary<string, string>
            {
                ["Content-Disposition"] = $"attachment; filename=\"balanc-{agreementId}-{submissionId}.pdf\"",
                ["Cache-Control"] = "private, no-store",
            });
    }

    /// <summary>
    /// Returns the problem that rejects the request, or null when the request carries the agreement's
    /// token or an unexpired signed link to this very submission. When a token is present it alone
    /// decides, so a valid link signature beside a wrong token is still rejected.
    /// </summary>
    private ApiResult? Authorize(HttpRequest request, string agreementId, string submissionId, Language language)
    {
        string? token = request.Query["token"];
        string? expires = request.Query["expires"];
        string? signature = request.Query["sig"];
        if (!string.IsNullOrEmpty(token))
        {
            return Ids.IsValid(agreementId) && tokens.IsValid(agreementId, token) ? null : SubmissionHandler.TokenInvalid(language);
        }

        if (string.IsNullOrEmpty(expires) && string.IsNullOrEmpty(signature))
        {
            return SubmissionHandler.TokenRequired(language);
        }

        PdfLinkCheck check = Ids.IsValid(agreementId) && Ids.IsValid(submissionId)
            ? tokens.CheckPdfLink(agreementId, submissionId, expires, signature, clock.GetUtcNow())
            : PdfLinkCheck.Invalid;
        return check switch
        {
            PdfLinkCheck.Valid => null,
            PdfLinkCheck.Expired => LinkExpired(language),
            _ => LinkInvalid(language),
        };
    }

    private static ApiResult LinkExpired(Language language) => Problems.ForField(
        StatusCodes.Status403Forbidden,
        "link-expired",
        "expires",
        new("L'enllaç ha caducat", "El enlace ha caducado"),
        new(
            $"Aquest enllaç al PDF només és vàlid {(int)Links.OfficePdfLifetime.TotalMinutes} minuts. Torneu a obrir la fitxa del conveni per obtenir-ne un de nou.",
            $"Este enlace al PDF solo es válido {(int)Links.OfficePdfLifetime.TotalMinutes} minutos. Vuelva a abrir la ficha del convenio para obtener uno nuevo."),
        language);

    private static ApiResult LinkInvalid(Language language) => Problems.ForField(
        StatusCodes.Status403Forbidden,
        "invalid-link",
        "sig",
        new("Enllaç no vàlid", "Enlace no válido"),
        new(
            "L'enllaç al PDF no és vàlid per a aquest balanç: pot ser incomplet o modificat. Torneu a obrir la fitxa del conveni per obtenir-ne un de nou.",
            "El enlace al PDF no es válido para este balance: puede estar incompleto o modificado. Vuelva a abrir la ficha del convenio para obtener uno nuevo."),
        language);
}
