using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BalancFunctions.Tests.Support;

/// <summary>
/// An Azurite process for one test run, on free loopback ports with in-memory storage, started from
/// the repository's node_modules. When the environment variable <c>BALANC_TEST_STORAGE</c> contains a
/// connection string, the tests use that storage instead and start nothing.
/// </summary>
/// <remarks>
/// <see cref="StartPersistentAsync"/> starts one that keeps its data in a folder instead, which a
/// fault test can stop and start again on the same ports and data.
/// </remarks>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Ports? ports;
    private readonly string? dataFolder;
    private Process? process;

    private AzuriteInstance(Process? process, string connectionString, Ports? ports = null, string? dataFolder = null)
    {
        this.process = process;
        this.ConnectionString = connectionString;
        this.ports = ports;
        this.dataFolder = dataFolder;
    }

    public string ConnectionString { get; }

    /// <summary>Whether the Azurite process runs now; false between <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>.</summary>
    public bool IsRunning => this.process is { HasExited: false };

    public static async Task<AzuriteInstance> StartAsync()
    {
        string? external = Environment.GetEnvironmentVariable("BALANC_TEST_STORAGE");
        if (!string.IsNullOrEmpty(external))
        {
            return new AzuriteInstance(null, external);
        }

        Ports ports = new(FreePort(), FreePort(), FreePort());
        Process process = await LaunchAsync(ports, dataFolder: null);
        return new AzuriteInstance(process, ConnectionStringFor(ports));
    }

    /// <summary>
    /// Starts Azurite with its data in <paramref name="dataFolder"/> instead of memory, so that
    /// <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> keep every write. It ignores
    /// <c>BALANC_TEST_STORAGE</c>, because a test that stops the storage needs a process of its own.
    /// </summary>
    public static async Task<AzuriteInstance> StartPersistentAsync(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        Ports ports = new(FreePort(), FreePort(), FreePort());
        Process process = await LaunchAsync(ports, dataFolder);
        return new AzuriteInstance(process, ConnectionStringFor(ports), ports, dataFolder);
    }

    /// <summary>
    /// Stops a persistent Azurite as an operator would (SIGTERM), which lets it save its data, and
    /// waits until it has exited and its ports refuse connections.
    /// </summary>
    public async Task StopAsync()
    {
        Process running = this.process is { HasExited: false } && this.dataFolder is not null
            ? this.process
            : throw new InvalidOperationException("Only a running Azurite started by StartPersistentAsync can be stopped and started again.");
        using (Process signal = Process.Start("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("The kill command did not start."))
        {
            await signal.WaitForExitAsync();
        }

        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
        try
        {
            await running.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            running.Kill(entireProcessTree: true);
            throw new TimeoutException($"Azurite (process {running.Id}) did not exit within 30 s of SIGTERM, so it was killed.");
        }
    }

    /// <summary>Starts a stopped persistent Azurite again on the same ports and data folder.</summary>
    public async Task StartAgainAsync()
    {
        if (this.ports is null || this.dataFolder is null || this.IsRunning)
        {
            throw new InvalidOperationException("Only a stopped Azurite started by StartPersistentAsync can be started again.");
        }

        this.process?.Dispose();
        this.process = await LaunchAsync(this.ports, this.dataFolder);
    }

    public async ValueTask DisposeAsync()
    {
        if (this.process is { HasExited: false })
        {
            this.process.Kill(entireProcessTree: true);
            await this.process.WaitForExitAsync();
        }

        this.process?.Dispose();
    }

    public static string FindRepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BalancFunctions.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No BalancFunctions.sln above {AppContext.BaseDirectory}.");
    }

    public static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<Process> LaunchAsync(Ports ports, string? dataFolder)
    {
        string root = FindRepositoryRoot();
        string azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' in {root} first.");
        }

        ProcessStartInfo start = new(azurite)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dataFolder is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataFolder);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        foreach (int port in new[] { ports.Blob, ports.Queue, ports.Table })
        {
            await WaitForPortAsync(port, process);
        }

        return process;
    }

    private static string ConnectionStringFor(Ports ports) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{ports.Queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{ports.Table}/devstoreaccount1;";

    private static async Task WaitForPortAsync(int port, Process process)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before opening port {port}.");
            }

            try
            {
                using TcpClient client = new();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not open port {port} within 30 s.");
    }

    private sealed record Ports(int Blob, int Queue, int Table);
}
