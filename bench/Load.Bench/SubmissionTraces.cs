using System.Collections.Concurrent;
using System.Diagnostics;
using BalancFunctions.Functions.Api;

namespace BalancFunctions.Load.Bench;

/// <summary>Where one kind of phase spent its time: per request, and as a share of the handler's total time.</summary>
internal sealed record PhaseFigure(string Phase, Summary PerRequestMs, double SharePercent);

/// <summary>
/// Records the activities of <see cref="SubmissionTelemetry.SourceName"/> that the LocalHost in
/// this process emits, and sums them per request into the submission's breakdown.
/// </summary>
internal sealed class SubmissionTraces : IDisposable
{
    /// <summary>The handler's time outside every traced phase: reading the body, the token check, canonical JSON.</summary>
    public const string OtherPhase = "other";

    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ActivityListener listener;
    private volatile bool recording;

    public SubmissionTraces()
    {
        this.listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SubmissionTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (this.recording)
                {
                    this.stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(this.listener);
    }

    /// <summary>Starts keeping the activities that stop from now on, after dropping any kept before.</summary>
    public void Start()
    {
        this.stopped.Clear();
        this.recording = true;
    }

    public void Stop() => this.recording = false;

    /// <summary>The number of requests recorded.</summary>
    public int Requests => this.stopped.Count(activity => activity.OperationName == SubmissionTelemetry.SubmitActivity);

    /// <summary>Returns the handler's time per request, in milliseconds.</summary>
    public Summary HandlerMilliseconds() => Summary.Of(this.RecordedRequests().Select(request => request.Submit.Duration.TotalMilliseconds));

    /// <summary>
    /// Returns, for each phase (validate, pdf, tables, blobs, event, other), its summed time per
    /// request and its share of all handler time. Table and Blob calls also appear one by one, as
    /// <c>tables:transaction</c> and so on, when <paramref name="byOperation"/> is set.
    /// </summary>
    public IReadOnlyList<PhaseFigure> Phases(bool byOperation)
    {
        List<(Activity Submit, Activity[] Phases)> requests = this.RecordedRequests();
        double total = requests.Sum(request => request.Submit.Duration.TotalMilliseconds);
        List<Dictionary<string, double>> perRequest = [.. requests.Select(request => Split(request.Submit, request.Phases, byOperation))];
        string[] names = [.. perRequest.SelectMany(split => split.Keys).Distinct().Order(StringComparer.Ordinal)];
        return [.. names.Select(name =>
        {
            double[] values = [.. perRequest.Select(split => split.GetValueOrDefault(name))];
            return new PhaseFigure(name, Summary.Of(values), total > 0 ? 100 * values.Sum() / total : 0);
        })];
    }

    public void Dispose() => this.listener.Dispose();

    private static Dictionary<string, double> Split(Activity submit, Activity[] phases, bool byOperation)
    {
        Dictionary<string, double> split = [];
        foreach (Activity phase in phases)
        {
            string name = byOperation && phase.GetTagItem(SubmissionTelemetry.OperationTag) is string operation
                ? $"{phase.OperationName}:{operation}"
                : phase.OperationName;
            split[name] = split.GetValueOrDefault(name) + phase.Duration.TotalMilliseconds;
        }

        if (!byOperation)
        {
            split[OtherPhase] = Math.Max(0, submit.Duration.TotalMilliseconds - phases.Sum(phase => phase.Duration.TotalMilliseconds));
        }

        return split;
    }

    private List<(Activity Submit, Activity[] Phases)> RecordedRequests()
    {
        Activity[] all = [.. this.stopped];
        ILookup<ActivitySpanId, Activity> byParent = all.ToLookup(activity => activity.ParentSpanId);
        return [.. all
            .Where(activity => activity.OperationName == SubmissionTelemetry.SubmitActivity)
            .Select(submit => (submit, byParent[submit.SpanId].ToArray()))];
    }
}
