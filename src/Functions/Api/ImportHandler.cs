using System.Text;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Functions.Lifecycle;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// <c>POST /api/otpc/agreements/import</c>: the OTPC uploads the agreement register as CSV.
/// Valid rows are stored and get their orchestration; rejected rows come back with their row
/// number and the reason. A file whose header is wrong is rejected whole.
/// </summary>
public sealed class ImportHandler(AgreementImporter importer)
{
    /// <summary>About 20 times the sample register's 120 rows per MiB; 10,000 agreements fit with room.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Problems listed in one answer: enough to fix a file in rounds, without megabytes of JSON for a wrong file.</summary>
    public const int MaxListedProblems = 500;

    public async Task<ApiResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Language language = RequestBodies.Language(request);
        byte[]? body = await RequestBodies.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.BodyTooLarge(language, MaxBodyBytes);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Problems.ForField(
                StatusCodes.Status400BadRequest,
                "invalid-encoding",
                "body",
                new("El fitxer no és UTF-8", "El archivo no es UTF-8"),
                new("Deseu el registre com a CSV UTF-8 i torneu-lo a enviar.", "Guarde el registro como CSV UTF-8 y vuelva a enviarlo."),
                language);
        }

        using StringReader reader = new(text);
        ImportReport report = await importer.ImportAsync(reader, client, cancellationToken);
        IEnumerable<ImportRowError> headerErrors = report.Rejected.Where(error => error.Row <= 1);
        if (headerErrors.Any())
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest,
                "invalid-register-header",
                new("La capçalera del registre no és vàlida", "La cabecera del registro no es válida"),
                new("Cap fila no s'ha importat: corregiu les columnes de la capçalera.", "No se ha importado ninguna fila: corrija las columnas de la cabecera."),
                language,
                headerErrors.Select(error => new ProblemItem(error.Field, error.Code, error.Message.Get(language))));
        }

        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            report.Received,
            report.Created,
            report.Updated,
            report.Unchanged,
            report.OrchestrationsStarted,
            RejectedRows = report.Rejected.Select(error => error.Row).Distinct().Count(),
            Problems = report.Rejected.Count,
            ProblemsListed = Math.Min(report.Rejected.Count, MaxListedProblems),
            Rejected = report.Rejected.Take(MaxListedProblems).Select(error => new
            {
                error.Row,
                error.AgreementId,
                error.Field,
                error.Code,
                Message = error.Message.Get(language),
            }),
        });
    }
}
