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
    PdfDownloadHandler pdfHandler,
    OfficeActionsHandler actionsHandler,
    RegistryEntryHandler registryHandler,
    SiteDataHandler siteDataHandler,
    EntityHandler entityHandler)
{
    [Function("GetEntityAgreement")]
    public async Task<IActionResult> GetEntityAgreement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agreements/{agreementId}")] HttpRequest request,
        string agreementId,
        FunctionContext context) =>
        await entityHandler.GetAgreementAsync(request, agreementId, context.CancellationToken);

    [Function("GetDraft")]
    public async Task<IActionResult> GetDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agreements/{agreementId}/draft")] HttpRequest request,
        string agreementId,
        FunctionContext context) =>
        await entityHandler.GetDraftAsync(request, agreementId, context.CancellationToken);

    [Function("SaveDraft")]
    public async Task<IActionResult> SaveDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "agreements/{agreementId}/draft")] HttpRequest request,
        string agreementId,
        FunctionContext context) =>
        await entityHandler.SaveDraftAsync(request, agreementId, context.CancellationToken);

    [Function("GetPreviousBalance")]
    public async Task<IActionResult> GetPreviousBalance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agreements/{agreementId}/previous")] HttpRequest request,
        string agreementId,
        FunctionContext context) =>
        await entityHandler.GetPreviousAsync(request, agreementId, context.CancellationToken);

    [Function("GetQuestionnaire")]
    public IActionResult GetQuestionnaire(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "questionnaires/{version}")] HttpRequest request,
        string version) =>
        siteDataHandler.GetQuestionnaire(request, version);

    [Function("GetAgreementCalendar")]
    public async Task<IActionResult> GetAgreementCalendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agreements/{agreementId}/calendar.ics")] HttpRequest request,
        string agreementId,
        FunctionContext context) =>
        await siteDataHandler.GetCalendarAsync(request, agreementId, context.CancellationToken);

    [Function("ImportAgreements")]
    public async Task<IActionResult> ImportAgreements(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/agreements/import")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await importHandler.HandleAsync(request, client, context.CancellationToken);

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

    [Function("ExtendDueDate")]
    public async Task<IActionResult> ExtendDueDate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/agreements/{agreementId}/extensions")] HttpRequest request,
        string agreementId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await actionsHandler.ExtendDueDateAsync(request, agreementId, client, context.CancellationToken);

    [Function("RenewAgreement")]
    public async Task<IActionResult> RenewAgreement(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/agreements/{agreementId}/renewals")] HttpRequest request,
        string agreementId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await actionsHandler.RenewAsync(request, agreementId, client, context.CancellationToken);

    [Function("EndAgreementEarly")]
    public async Task<IActionResult> EndAgreementEarly(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/agreements/{agreementId}/early-end")] HttpRequest request,
        string agreementId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await actionsHandler.EndEarlyAsync(request, agreementId, client, context.CancellationToken);

    [Function("ChangeContacts")]
    public async Task<IActionResult> ChangeContacts(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "otpc/agreements/{agreementId}/contacts")] HttpRequest request,
        string agreementId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await actionsHandler.ChangeContactsAsync(request, agreementId, client, context.CancellationToken);

    [Function("SetReminderPolicy")]
    public async Task<IActionResult> SetReminderPolicy(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "otpc/agreements/{agreementId}/reminder-policy")] HttpRequest request,
        string agreementId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await actionsHandler.SetReminderPolicyAsync(request, agreementId, client, context.CancellationToken);

    [Function("RecordRegistryEntryByOffice")]
    public async Task<IActionResult> RecordRegistryEntryByOffice(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/agreements/{agreementId}/submissions/{submissionId}/registry")] HttpRequest request,
        string agreementId,
        string submissionId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await registryHandler.RecordByOfficeAsync(request, agreementId, submissionId, client, context.CancellationToken);

    [Function("ResendReminder")]
    public static async Task<IActionResult> ResendReminder(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/agreements/{agreementId}/reminders")] HttpRequest request,
        string agreementId,
        FunctionContext context) =>
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ReminderResendHandler>(context.InstanceServices)
            .HandleAsync(request, agreementId, context.CancellationToken);

    [Function("RecordRegistryEntry")]
    public async Task<IActionResult> RecordRegistryEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "agreements/{agreementId}/submissions/{submissionId}/registry")] HttpRequest request,
        string agreementId,
        string submissionId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await registryHandler.RecordByEntityAsync(request, agreementId, submissionId, client, context.CancellationToken);
}
