using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace BalancFunctions.Load.Bench;

/// <summary>
/// An Azurite process from the repository's node_modules, on free loopback ports, that keeps its
/// data in a folder of its own (on disk, as <c>scripts/run-local.sh</c> runs it), so that tables
/// of 10,000 agreements and their Durable Task history are stored as a developer's LocalHost stores them.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private readonly bool profiling;

    private AzuriteProcess(Process process, string connectionString, bool profiling)
    {
        this.process = process;
        this.ConnectionString = connectionString;
        this.profiling = profiling;
    }

    /// <summary>The connection string of the development account on this process's ports.</summary>
    public string ConnectionString { get; }

    /// <summary>CPU time that Azurite has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            this.process.Refresh();
            return this.process.HasExited ? TimeSpan.Zero : this.process.TotalProcessorTime;
        }
    }

    /// <summary>Starts Azurite with its data in <paramref name="location"/> and waits until its three ports accept connections.</summary>
    /// <param name="pidFile">A file to write the process id to, so that the calling script can stop Azurite if this process dies, or null for none.</param>
    /// <param name="profileDirectory">A folder for a CPU profile of Azurite, written by <c>node --cpu-prof</c> when Azurite exits, or null for none.</param>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string location, string? pidFile, string? profileDirectory, CancellationToken cancellationToken)
    {
        string azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' in {repositoryRoot} first.");
        }

        Directory.CreateDirectory(location);
        int[] ports = [FreeLoopbackPort(), FreeLoopbackPort(), FreeLoopbackPort()];
        // setsid gives Azurite a session of its own: Ctrl+C would stop it at once, before the LocalHost
        // that still needs it. Node.js rejects --cpu-prof in NODE_OPTIONS, so a profiled Azurite runs through node.
        ProcessStartInfo start = new("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(profileDirectory is null ? azurite : "node");
        if (profileDirectory is not null)
        {
            Directory.CreateDirectory(profileDirectory);
            start.ArgumentList.Add("--cpu-prof");
            start.ArgumentList.Add($"--cpu-prof-dir={profileDirectory}");
            start.ArgumentList.Add(Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js"));
        }

        string[] arguments =
        [
            "--silent", "--location", location, "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", Text(ports[0]),
            "--queueHost", "127.0.0.1", "--queuePort", Text(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Text(ports[2]),
        ];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"{azurite} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (pidFile is not null)
        {
            await File.AppendAllTextAsync(pidFile, Text(process.Id) + "\n", cancellationToken);
        }

        AzuriteProcess started = new(process, ConnectionStringFor(ports), profileDirectory is not null);
        try
        {
            await WaitForPortsAsync(process, ports, TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    /// <summary>Returns the version in node_modules/azurite/package.json, or "unknown".</summary>
    public static string InstalledVersion(string repositoryRoot)
    {
        string manifest = Path.Combine(repositoryRoot, "node_modules", "azurite", "package.json");
        if (!File.Exists(manifest))
        {
            return "unknown";
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("version", out JsonElement version) ? version.GetString() ?? "unknown" : "unknown";
    }

    /// <summary>Returns a loopback port that is free now.</summary>
    public static int FreeLoopbackPort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // Node.js writes the profile only when the process exits by itself, and Azurite exits on SIGINT.
        if (this.profiling && !this.process.HasExited)
        {
            using Process interrupt = Process.Start("kill", ["-INT", Text(this.process.Id)]);
            await interrupt.WaitForExitAsync();
            using CancellationTokenSource wait = new(TimeSpan.FromSeconds(60));
            try
            {
                await this.process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Azurite did not exit within a minute: it is killed below, and its profile is lost.
            }
        }

        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
            await this.process.WaitForExitAsync();
        }

        this.process.Dispose();
    }

    private static string ConnectionStringFor(int[] ports) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Text(ports[0])}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{Text(ports[1])}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{Text(ports[2])}/devstoreaccount1;";

    private static async Task WaitForPortsAsync(Process process, int[] ports, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        foreach (int port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {Text(process.ExitCode)} before it opened port {Text(port)}.");
                }

                try
                {
                    using TcpClient client = new();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
