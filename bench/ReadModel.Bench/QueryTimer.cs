using System.Diagnostics;
using System.Globalization;

namespace BalancFunctions.ReadModel.Bench;

/// <summary>The figures of one form of a query over the timed runs.</summary>
/// <param name="MedianMs">The median time of a run, in milliseconds.</param>
/// <param name="P95Ms">The 95th percentile time (nearest rank), in milliseconds.</param>
/// <param name="EntitiesRead">The table entities one run read; "a–b" when runs differed.</param>
/// <param name="Results">How many agreements (or counts) one run returned.</param>
internal sealed record FormFigures(double MedianMs, double P95Ms, string EntitiesRead, int Results);

/// <summary>The figures of one query in both forms.</summary>
internal sealed record QueryFigures(string Name, FormFigures ReadModel, FormFigures FullScan);

/// <summary>
/// Times both forms of a query with a <see cref="Stopwatch"/> around each whole call, alternating the
/// two forms run by run so that a change in the machine's speed affects both alike. The first warm-up
/// run checks that both forms return the same results.
/// </summary>
internal static class QueryTimer
{
    public static async Task<QueryFigures> MeasureAsync(QueryCase query, int warmups, int iterations, CancellationToken cancellationToken)
    {
        List<double> readModelTimes = [];
        List<double> fullScanTimes = [];
        List<QueryOutcome> readModelOutcomes = [];
        List<QueryOutcome> fullScanOutcomes = [];
        for (int run = 0; run < warmups + iterations; run++)
        {
            (double readModelMs, QueryOutcome readModel) = await TimeAsync(query.ReadModel, cancellationToken);
            (double fullScanMs, QueryOutcome fullScan) = await TimeAsync(query.FullScan, cancellationToken);
            if (run == 0)
            {
                CheckSameResults(query.Name, readModel, fullScan);
            }

            if (run >= warmups)
            {
                readModelTimes.Add(readModelMs);
                fullScanTimes.Add(fullScanMs);
                readModelOutcomes.Add(readModel);
                fullScanOutcomes.Add(fullScan);
            }
        }

        return new QueryFigures(query.Name, Summarize(readModelTimes, readModelOutcomes), Summarize(fullScanTimes, fullScanOutcomes));
    }

    /// <summary>Returns the median of the values: the mean of the two middle ones when their count is even.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Returns the nearest-rank percentile: the smallest value that at least <paramref name="percent"/>% of the values do not exceed.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        double[] sorted = [.. values.Order()];
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static async Task<(double Milliseconds, QueryOutcome Outcome)> TimeAsync(Func<CancellationToken, Task<QueryOutcome>> form, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        QueryOutcome outcome = await form(cancellationToken);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome);
    }

    private static FormFigures Summarize(List<double> times, List<QueryOutcome> outcomes)
    {
        int minRead = outcomes.Min(outcome => outcome.EntitiesRead);
        int maxRead = outcomes.Max(outcome => outcome.EntitiesRead);
        string entitiesRead = minRead == maxRead
            ? minRead.ToString("N0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{minRead:N0}–{maxRead:N0}");
        return new FormFigures(Median(times), Percentile(times, 95), entitiesRead, outcomes[^1].Results.Count);
    }

    private static void CheckSameResults(string name, QueryOutcome readModel, QueryOutcome fullScan)
    {
        if (readModel.Results.SequenceEqual(fullScan.Results, StringComparer.Ordinal))
        {
            return;
        }

        int position = readModel.Results.Zip(fullScan.Results).TakeWhile(pair => pair.First == pair.Second).Count();
        throw new InvalidOperationException(
            $"Query \"{name}\": the read model returned {readModel.Results.Count} results and the full scan {fullScan.Results.Count}; " +
            $"they first differ at position {position}: {readModel.Results.ElementAtOrDefault(position) ?? "(none)"} against {fullScan.Results.ElementAtOrDefault(position) ?? "(none)"}.");
    }
}
