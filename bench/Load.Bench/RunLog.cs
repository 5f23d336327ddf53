using System.Diagnostics;
using System.Globalization;

namespace BalancFunctions.Load.Bench;

/// <summary>Progress lines on standard output, each stamped with the seconds since the run began and the load average.</summary>
internal sealed class RunLog
{
    private readonly long start = Stopwatch.GetTimestamp();

    public void Line(string message) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{Stopwatch.GetElapsedTime(this.start).TotalSeconds,7:0.0} s, load {MachineInfo.LoadAverage()}] {message}"));
}
