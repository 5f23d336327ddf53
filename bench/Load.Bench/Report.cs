using System.Globalization;
using System.Text;

namespace BalancFunctions.Load.Bench;

/// <summary>Every figure of a run, as printed at its end and written as JSON with <c>--out</c>.</summary>
internal sealed record BenchResults(MachineInfo Machine, string Arguments)
{
    public DateTimeOffset StartedUtc { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset EndedUtc { get; init; }

    public string LoadAverageAtStart { get; init; } = MachineInfo.LoadAverage();

    public string LoadAverageAtEnd { get; init; } = string.Empty;

    public bool Stopped { get; init; }

    public IReadOnlyList<PdfFigure>? Pdf { get; init; }

    public SubmissionResult? Submissions { get; init; }

    public ImportResult? Import { get; init; }

    public LifecycleResult? Lifecycle { get; init; }

    /// <summary>
    /// Lists what went wrong in the scenarios that ran: a balance not accepted, a row rejected, an
    /// orchestration that did not plan, a reminder missing or sent twice. An empty list means none.
    /// </summary>
    public IReadOnlyList<string> Failures()
    {
        List<string> failures = [];
        if (this.Submissions is { } submissions)
        {
            failures.AddRange(submissions.Statuses
                .Where(status => status.Key != "201")
                .Select(status => $"submissions: {status.Value} balances got {status.Key} instead of 201"));
        }

        if (this.Import is { } import)
        {
            if (import.RejectedRows > 0)
            {
                failures.Add($"import: {import.RejectedRows} rows were rejected");
            }

            if (!import.AllPlanned)
            {
                failures.Add("import: not every orchestration planned its cycle in time");
            }
        }

        if (this.Lifecycle is { } lifecycle)
        {
            if (lifecycle.RemindersReceived < lifecycle.Agreements)
            {
                failures.Add($"lifecycle: {lifecycle.RemindersReceived} of {lifecycle.Agreements} reminders arrived");
            }

            if (lifecycle.DuplicateReminders > 0)
            {
                failures.Add($"lifecycle: {lifecycle.DuplicateReminders} reminders arrived twice");
            }
        }

        return failures;
    }
}

/// <summary>Formats a run's figures as plain text.</summary>
internal static class Report
{
    public static string Format(BenchResults results)
    {
        StringBuilder text = new();
        Line(text, $"Load benchmark of BalancFunctions on the LocalHost, {results.StartedUtc:yyyy-MM-dd HH:mm} to {results.EndedUtc:HH:mm} UTC");
        Line(text, $"machine: {results.Machine}");
        Line(text, $"load average (1, 5, 15 min): {results.LoadAverageAtStart} at the start, {results.LoadAverageAtEnd} at the end");
        Line(text, $"arguments: {(results.Arguments.Length == 0 ? "(none: the full run)" : results.Arguments)}");

        if (results.Pdf is { } pdf)
        {
            Line(text, string.Empty);
            Line(text, "PDF render, warm, one thread (ms per render):");
            foreach (PdfFigure figure in pdf)
            {
                Line(text, figure.Skipped is null
                    ? $"  {figure.Sample} ({figure.Language}): median {figure.RenderMs.Median:0.00}, p95 {figure.RenderMs.P95:0.00}, max {figure.RenderMs.Max:0.00} over {figure.Renders} renders; {figure.Bytes} bytes, {figure.Pages} pages"
                    : $"  {figure.Sample}: skipped, {figure.Skipped}");
            }
        }

        if (results.Submissions is { } submissions)
        {
            FormatSubmissions(text, submissions);
        }

        if (results.Import is { } import)
        {
            Line(text, string.Empty);
            Line(text, $"Import of {import.Agreements} agreements:");
            Line(text, $"  request: {import.ImportRequestSeconds:0.0} s; {import.Created} created, {import.RejectedRows} rows rejected, {import.OrchestrationsStarted} orchestrations started = {import.StartsPerSecondOfRequest:0.0} per second of the request");
            Line(text, $"  instances: {import.InstancesFound} found, created over {import.FirstToLastCreatedSeconds:0.0} s = {import.StartsPerSecondOfInstances:0.0} per second");
            Line(text, $"  every orchestration planned its first cycle: {(import.AllPlanned ? "yes" : "NO")}, {import.AllPlannedSeconds:0.0} s after the request began");
            FormatResources(text, import.Resources);
        }

        if (results.Lifecycle is { } lifecycle)
        {
            Line(text, string.Empty);
            Line(text, $"Reminders of {lifecycle.Agreements} agreements, due over {lifecycle.WindowSeconds:0} s starting {lifecycle.LeadSeconds:0} s after the policies began:");
            Line(text, $"  policy requests: {lifecycle.PolicyRequestsSeconds:0.0} s, {lifecycle.PolicyRequestsFailed} failed; {lifecycle.ReplannedBeforeFirstReminder} orchestrations planned again by {lifecycle.ReplannedSeconds:0.0} s");
            Line(text, $"  received: {lifecycle.RemindersReceived} of {lifecycle.Agreements}; {lifecycle.DuplicateReminders} duplicates, {lifecycle.OtherMessages} other messages");
            Line(text, $"  lateness (s after the scheduled instant): median {lifecycle.LatenessSeconds.Median:0.00}, p95 {lifecycle.LatenessSeconds.P95:0.00}, max {lifecycle.LatenessSeconds.Max:0.00}, min {lifecycle.LatenessSeconds.Min:0.00}");
            FormatResources(text, lifecycle.Resources);
        }

        if (results.Stopped)
        {
            Line(text, string.Empty);
            Line(text, "The run was stopped before it finished.");
        }

        return text.ToString();
    }

    private static void FormatSubmissions(StringBuilder text, SubmissionResult submissions)
    {
        Line(text, string.Empty);
        Line(text, $"Submissions: {submissions.Balances} balances from {submissions.Clients} clients, after {submissions.WarmUpBalances} warm-up balances (register imported and planned in {submissions.SetUpImportSeconds:0.0} s):");
        Line(text, $"  statuses: {string.Join(", ", submissions.Statuses.Select(status => $"{status.Key} x {status.Value}"))}");
        Line(text, $"  throughput: {submissions.BalancesPerSecond:0.0} balances per second");
        Line(text, $"  latency at the client (ms): median {submissions.LatencyMs.Median:0.0}, p95 {submissions.LatencyMs.P95:0.0}, p99 {submissions.LatencyMs.P99:0.0}, max {submissions.LatencyMs.Max:0.0}");
        Line(text, $"  time in the handler (ms): median {submissions.HandlerMs.Median:0.0}, p95 {submissions.HandlerMs.P95:0.0} over {submissions.HandlerMs.Count} traced requests");
        Line(text, "  phase: median and p95 per request (ms), share of all handler time");
        foreach (PhaseFigure phase in submissions.Phases.Concat(submissions.StorageCalls.Where(call => call.Phase.Contains(':', StringComparison.Ordinal))))
        {
            Line(text, $"    {phase.Phase,-26} {phase.PerRequestMs.Median,8:0.00} {phase.PerRequestMs.P95,8:0.00} {phase.SharePercent,6:0.0} %");
        }

        FormatResources(text, submissions.Resources);
    }

    private static void FormatResources(StringBuilder text, ResourceUse resources) =>
        Line(text, $"  resources: {resources.WallSeconds:0.0} s wall, CPU {resources.HostCpuSeconds:0.0} s in this process (LocalHost and clients) and {resources.AzuriteCpuSeconds:0.0} s in Azurite; load average {resources.LoadAverageBefore} before, {resources.LoadAverageAfter} after");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
