using System.Diagnostics;

namespace BalancFunctions.Load.Bench;

/// <summary>What the machine did during one measured phase: wall time, CPU time of this process and of Azurite, and the load average at both ends.</summary>
internal sealed record ResourceUse(double WallSeconds, double HostCpuSeconds, double AzuriteCpuSeconds, string LoadAverageBefore, string LoadAverageAfter);

/// <summary>
/// Measures a phase from <see cref="Start"/> to <see cref="Stop"/>. The CPU time of this process
/// includes the LocalHost, the SMTP server and the load clients, which all run in it.
/// </summary>
internal sealed class ResourceMeter
{
    private readonly AzuriteProcess azurite;
    private readonly long startTimestamp;
    private readonly TimeSpan hostCpuBefore;
    private readonly TimeSpan azuriteCpuBefore;
    private readonly string loadBefore;

    private ResourceMeter(AzuriteProcess azurite)
    {
        this.azurite = azurite;
        this.loadBefore = MachineInfo.LoadAverage();
        this.hostCpuBefore = CurrentProcessorTime();
        this.azuriteCpuBefore = azurite.ProcessorTime;
        this.startTimestamp = Stopwatch.GetTimestamp();
    }

    public static ResourceMeter Start(AzuriteProcess azurite) => new(azurite);

    /// <summary>Seconds since <see cref="Start"/>.</summary>
    public double ElapsedSeconds => Stopwatch.GetElapsedTime(this.startTimestamp).TotalSeconds;

    public ResourceUse Stop() => new(
        this.ElapsedSeconds,
        (CurrentProcessorTime() - this.hostCpuBefore).TotalSeconds,
        (this.azurite.ProcessorTime - this.azuriteCpuBefore).TotalSeconds,
        this.loadBefore,
        MachineInfo.LoadAverage());

    private static TimeSpan CurrentProcessorTime()
    {
        using Process current = Process.GetCurrentProcess();
        return current.TotalProcessorTime;
    }
}
