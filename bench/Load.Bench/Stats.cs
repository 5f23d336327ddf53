namespace BalancFunctions.Load.Bench;

/// <summary>Order statistics of a sample, in the sample's unit.</summary>
internal sealed record Summary(int Count, double Min, double Median, double P95, double P99, double Max, double Mean)
{
    /// <summary>Summarises a sample. An empty sample gives zeros with a count of 0.</summary>
    public static Summary Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            return new Summary(0, 0, 0, 0, 0, 0, 0);
        }

        return new Summary(
            sorted.Length,
            sorted[0],
            Percentile(sorted, 50),
            Percentile(sorted, 95),
            Percentile(sorted, 99),
            sorted[^1],
            sorted.Average());
    }

    /// <summary>Returns the nearest-rank percentile of sorted values: the smallest value with at least p % of the sample at or below it.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public override string ToString() =>
        FormattableString.Invariant($"n={this.Count} min={this.Min:0.##} median={this.Median:0.##} p95={this.P95:0.##} p99={this.P99:0.##} max={this.Max:0.##} mean={this.Mean:0.##}");
}
