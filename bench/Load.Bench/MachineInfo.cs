using System.Globalization;
using System.Runtime.InteropServices;

namespace BalancFunctions.Load.Bench;

/// <summary>The machine a run measured, as Linux reports it, so that a figure can be read with its context.</summary>
internal sealed record MachineInfo(
    string DateUtc,
    int Cores,
    string Cpu,
    string Memory,
    string OperatingSystem,
    string Kernel,
    string DotNet,
    string Azurite)
{
    public static MachineInfo Read(string repositoryRoot) => new(
        DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? "unknown",
        FirstValue("/proc/meminfo", "MemTotal") is string total ? ToGibibytes(total) : "unknown",
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown",
        RuntimeInformation.FrameworkDescription,
        AzuriteProcess.InstalledVersion(repositoryRoot));

    /// <summary>Returns the 1, 5 and 15-minute load averages from /proc/loadavg, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public override string ToString() =>
        $"{this.DateUtc}; {this.Cores} cores ({this.Cpu}); {this.Memory} RAM; {this.OperatingSystem}, {this.Kernel}; {this.DotNet}; Azurite {this.Azurite}";

    private static string? FirstValue(string file, string key, char separator = ':')
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }

    private static string ToGibibytes(string memTotal)
    {
        // /proc/meminfo gives kibibytes: "24576000 kB".
        string number = memTotal.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.TryParse(number, CultureInfo.InvariantCulture, out long kibibytes)
            ? string.Create(CultureInfo.InvariantCulture, $"{kibibytes / 1024.0 / 1024.0:0.0} GiB")
            : memTotal;
    }
}
