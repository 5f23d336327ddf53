using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BalancFunctions.Tests.Support;

/// <summary>
/// An Azurite process for one test run, on free loopback ports with in-memory storage, started from
/// the repository's node_modules. When the environment variable <c>BALANC_TEST_STORAGE</c> contains a
/// connection string, the tests use that storage instead and start nothing.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process? process;

    private AzuriteInstance(Process? process, string connectionString)
    {
        this.process = process;
        this.ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteInstance> StartAsync()
    {
        string? external = Environment.GetEnvironmentVariable("BALANC_TEST_STORAGE");
        if (!string.IsNullOrEmpty(external))
        {
            return new AzuriteInstance(null, external);
        }

        string root = FindRepositoryRoot();
        string azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' in {root} first.");
        }

        int blobPort = FreePort();
        int queuePort = FreePort();
        int tablePort = FreePort();
        ProcessStartInfo start = new(azurite)
        {
            ArgumentList =
            {
                "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        foreach (int port in new[] { blobPort, queuePort, tablePort })
        {
            await WaitForPortAsync(port, process);
        }

        string connectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
        return new AzuriteInstance(process, connectionString);
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
}
