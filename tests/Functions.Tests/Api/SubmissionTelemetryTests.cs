using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Tests.Lifecycle;
using BalancFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Functions.Tests.Api;

/// <summary>The activities that a stored balance leaves for a listener of <see cref="SubmissionTelemetry.SourceName"/>.</summary>
[Collection(StorageTestGroup.Name)]
public sealed class SubmissionTelemetryTests(StorageFixture fixture)
{
    [Fact]
    public async Task Submit_WithListener_TracesEveryPhase()
    {
        string suffix = TestServices.UniqueSuffix();
        string agreementId = LifecycleHarness.NewAgreementId(suffix);
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);
        await using DurableTaskTestHost host = await LifecycleHarness.StartAsync(fixture, suffix);
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(host.Services);
        await ActivatorUtilities.CreateInstance<StorageInitializer>(host.Services).StartAsync(CancellationToken.None);

        // Due in 10 days, so a balance filed today covers it.
        await TestServices.StoreAsync(repository, TestServices.Agreement(agreementId, today.AddDays(10).AddMonths(-12), today.AddDays(10).AddMonths(24)));
        await LifecycleHarness.StartLifecycleAsync(host.Client, agreementId);
        JsonObject body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AzuriteInstance.FindRepositoryRoot(), "data", "balances", "valid-full.json")))!.AsObject();
        body["agreementId"] = agreementId;
        body["token"] = host.Services.GetRequiredService<SubmissionTokens>().Create(agreementId);
        DefaultHttpContext context = new();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString()));

        ConcurrentQueue<Activity> stopped = new();
        using ActivityListener listener = new()
        {
            ShouldListenTo = source => source.Name == SubmissionTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        ApiResult result = await host.Services.GetRequiredService<SubmissionHandler>().HandleAsync(context.Request, host.Client, CancellationToken.None);

        Assert.Equal((int)HttpStatusCode.Created, result.StatusCode);
        Activity submit = Assert.Single(stopped, activity =>
            activity.OperationName == SubmissionTelemetry.SubmitActivity && (string?)activity.GetTagItem(SubmissionTelemetry.AgreementTag) == agreementId);
        Activity[] phases = [.. stopped.Where(activity => activity.ParentSpanId == submit.SpanId)];
        Assert.Single(phases, phase => phase.OperationName == SubmissionTelemetry.ValidatePhase);
        Assert.Single(phases, phase => phase.OperationName == SubmissionTelemetry.PdfPhase);
        Assert.Single(phases, phase => phase.OperationName == SubmissionTelemetry.EventPhase);
        Assert.Equal(
            ["delete-draft", "get-agreement", "get-submission", "list-submissions", "refresh-index", "transaction"],
            Operations(phases, SubmissionTelemetry.TablesPhase));
        Assert.Equal(["exists", "upload"], Operations(phases, SubmissionTelemetry.BlobsPhase));
        Assert.All(phases, phase => Assert.True(phase.Duration <= submit.Duration, $"{phase.OperationName} lasted longer than the request"));
    }

    private static string[] Operations(IEnumerable<Activity> phases, string phase) =>
        [.. phases
            .Where(activity => activity.OperationName == phase)
            .Select(activity => (string)activity.GetTagItem(SubmissionTelemetry.OperationTag)!)
            .Order(StringComparer.Ordinal)];
}
