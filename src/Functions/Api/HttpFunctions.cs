using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// The HTTP triggers of the Functions app: thin wrappers over the handlers. OTPC routes use
/// function-level authorisation (the <c>x-functions-key</c> header); entity routes check the
/// agreement's token in the handler.
/// </summary>
public sealed class HttpFunctions(
    ImportHandler importHandler,
    SubmissionHandler submissionHandler,
    AgreementQueryHandler queryHandler,
    PdfDownloadHandler pdfHandler)
{
    [Function("ImportAgreements")]
    public async Task<IActionResult> ImportAgreements(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/agreements/import")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await importHandler.HandleAsync(request, client, context.CancellationToken);

    [Function("ListAgreements")]
    public async Task<IActionResult> ListAgreements(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "otpc/agreements")] HttpRequest request,
        FunctionContext context) =>
        await queryHandler.ListAsync(request, context.CancellationToken);

    [Function("GetAgreement")]
    public async Task<IActionResult> GetAgreement(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "otpc/agreements/{agreementId}")] HttpRequest request,
        string agreementId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await queryHandler.GetAsync(request, agreementId, client, context.CancellationToken);

    [Function("SubmitBalance")]
    public async Task<IActionResult> SubmitBalance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "balances")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await submissionHandler.HandleAsync(request, client, context.CancellationToken);

    [Function("DownloadBalancePdf")]
    public async Task<IActionResult> DownloadBalancePdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agreements/{agreementId}/submissions/{submissionId}/pdf")] HttpRequest request,
        string agreementId,
        string submissionId,
        FunctionContext context) =>
        await pdfHandler.HandleAsync(request, agreementId, submissionId, context.CancellationToken);
}
