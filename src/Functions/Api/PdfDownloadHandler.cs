using BalancFunctions.Domain;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// <c>GET /api/agreements/{agreementId}/submissions/{submissionId}/pdf?token=…</c>: the PDF of a
/// submission, for the entity with its agreement's token (the same link the OTPC sees).
/// </summary>
public sealed class PdfDownloadHandler(AgreementRepository repository, PdfStore pdfStore, SubmissionTokens tokens)
{
    public async Task<ApiResult> HandleAsync(HttpRequest request, string agreementId, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        agreementId = Ids.Normalize(agreementId) ?? string.Empty;
        submissionId = submissionId.Trim().ToLowerInvariant();
        Language language = RequestBodies.Language(request);
        string? token = request.Query["token"];
        if (string.IsNullOrEmpty(token))
        {
            return SubmissionHandler.TokenRequired(language);
        }

        if (!Ids.IsValid(agreementId) || !tokens.IsValid(agreementId, token))
        {
            return SubmissionHandler.TokenInvalid(language);
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
}
