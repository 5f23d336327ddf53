using BalancFunctions.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>The reconciliation's triggers: daily at 03:30 UTC, and on request by the OTPC (<c>?rebuildIndex=true</c> rewrites the read model).</summary>
public sealed class ReconciliationFunctions(Reconciliation reconciliation)
{
    [Function("ReconcileDaily")]
    public async Task ReconcileDaily([TimerTrigger("0 30 3 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        await reconciliation.RunAsync(client, context.CancellationToken);

    [Function("Reconcile")]
    public async Task<IActionResult> Reconcile(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "otpc/reconcile")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        ApiResult.Json(StatusCodes.Status200OK, await reconciliation.RunAsync(client, Reconciliation.RebuildIndexRequested(request), context.CancellationToken));
}
