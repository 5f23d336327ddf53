using System.Diagnostics;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// Traces of <c>POST /api/balances</c>: one <see cref="SubmitActivity"/> per request, and within
/// it one activity per phase: validation, PDF rendering, Table and Blob calls, the orchestration
/// event. A tracer or a benchmark reads from them where a submission spends its time.
/// </summary>
/// <remarks>
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while nothing
/// listens to <see cref="SourceName"/>, so the phases cost one check each when tracing is off.
/// </remarks>
public static class SubmissionTelemetry
{
    /// <summary>The name to subscribe to, in an <see cref="ActivityListener"/> or OpenTelemetry's <c>AddSource</c>.</summary>
    public const string SourceName = "BalancFunctions.Submissions";

    /// <summary>The activity that spans one request, tagged with <see cref="AgreementTag"/> once the body names an agreement.</summary>
    public const string SubmitActivity = "balance.submit";

    /// <summary>Checking the answers against the questionnaire.</summary>
    public const string ValidatePhase = "validate";

    /// <summary>Building the PDF model and rendering it.</summary>
    public const string PdfPhase = "pdf";

    /// <summary>One Table storage call, or the refresh of the read model (several calls), named by <see cref="OperationTag"/>.</summary>
    public const string TablesPhase = "tables";

    /// <summary>One Blob storage call, named by <see cref="OperationTag"/>.</summary>
    public const string BlobsPhase = "blobs";

    /// <summary>Raising the <c>BalanceSubmitted</c> event to the agreement's orchestration.</summary>
    public const string EventPhase = "event";

    /// <summary>The tag that names the storage operation of a phase, such as <c>transaction</c>.</summary>
    public const string OperationTag = "balanc.operation";

    /// <summary>The tag with the agreement id, on the request's activity.</summary>
    public const string AgreementTag = "balanc.agreement_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the activity of one submission request; null when nothing listens.</summary>
    internal static Activity? StartSubmit() => Source.StartActivity(SubmitActivity, ActivityKind.Internal);

    /// <summary>Starts the activity of one phase; null when nothing listens. Dispose it when the phase ends.</summary>
    internal static Activity? StartPhase(string phase, string? operation = null)
    {
        Activity? activity = Source.StartActivity(phase, ActivityKind.Internal);
        if (operation is not null)
        {
            activity?.SetTag(OperationTag, operation);
        }

        return activity;
    }
}
