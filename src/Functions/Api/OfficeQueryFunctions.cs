using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace BalancFunctions.Functions.Api;

/// <summary>The HTTP triggers of the OTPC's list, counts and exports, read from the index table.</summary>
public sealed class OfficeQueryFunctions(AgreementListHandler listHandler)
{
    [Function("ListAgreements")]
    public async Task<IActionResult> ListAgreements(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "otpc/agreements")] HttpRequest request,
        FunctionContext context) =>
        await listHandler.ListAsync(request, context.CancellationToken);

    [Function("CountAgreements")]
    public async Task<IActionResult> CountAgreements(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "otpc/counts")] HttpRequest request,
        FunctionContext context) =>
        await listHandler.CountsAsync(request, context.CancellationToken);

    [Function("ExportAgreements")]
    public async Task<IActionResult> ExportAgreements(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "otpc/exports/agreements.csv")] HttpRequest request,
        FunctionContext context) =>
        await listHandler.ExportAsync(request, context.CancellationToken);

    [Function("ExportIndicators")]
    public async Task<IActionResult> ExportIndicators(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "otpc/exports/indicators.csv")] HttpRequest request,
        FunctionContext context) =>
        await listHandler.IndicatorsCsvAsync(request, context.CancellationToken);

    [Function("GetIndicators")]
    public async Task<IActionResult> GetIndicators(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "otpc/indicators")] HttpRequest request,
        FunctionContext context) =>
        await listHandler.IndicatorsAsync(request, context.CancellationToken);
}
