using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Security;
using BalancFunctions.LocalHost;
using BalancFunctions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Load.Bench;

/// <summary>
/// One scenario's system under test: a new Azurite with its data in a temporary folder, the SMTP
/// server, and the LocalHost in this process on a free loopback port with no seed register. Every
/// address is on 127.0.0.1. Disposing it stops all three and deletes the folder.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    public const string OfficeKey = "bench-otpc-key";

    private readonly string folder;

    private BenchStack(string folder, AzuriteProcess azurite, TestSmtpServer smtp, LocalHostApp host, HttpClient client)
    {
        this.folder = folder;
        this.Azurite = azurite;
        this.Smtp = smtp;
        this.Host = host;
        this.Client = client;
    }

    public AzuriteProcess Azurite { get; }

    public TestSmtpServer Smtp { get; }

    public LocalHostApp Host { get; }

    /// <summary>A client of the LocalHost's API, with no request timeout of its own, because callers pass a cancellation token.</summary>
    public HttpClient Client { get; }

    public DurableTaskClient Durable => this.Host.Services.GetRequiredService<DurableTaskClient>();

    public SubmissionTokens Tokens => this.Host.Services.GetRequiredService<SubmissionTokens>();

    public static async Task<BenchStack> StartAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(Path.GetTempPath(), "balanc-load-bench-" + Guid.NewGuid().ToString("N")[..12]);
        AzuriteProcess azurite = await AzuriteProcess.StartAsync(options.RepositoryRoot, Path.Combine(folder, "azurite"), options.PidFile, options.ProfileDirectory, cancellationToken);
        TestSmtpServer smtp = TestSmtpServer.Start();
        Uri baseAddress = new($"http://127.0.0.1:{AzuriteProcess.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}/");
        string[] args =
        [
            $"--Urls={baseAddress}",
            $"--AzureWebJobsStorage={azurite.ConnectionString}",
            $"--BalancStorage:ConnectionString={azurite.ConnectionString}",
            "--Smtp:Host=127.0.0.1",
            $"--Smtp:Port={smtp.Port.ToString(CultureInfo.InvariantCulture)}",
            "--Smtp:Security=None",
            $"--SubmissionTokens:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--LocalHost:OtpcKey={OfficeKey}",
            "--LocalHost:TaskHubName=LoadBench",
            $"--LocalHost:DataDirectory={Path.Combine(folder, "data")}",
            "--LocalHost:SeedRegister=",
            $"--LocalHost:DurableStore={options.DurableStore}",
            $"--Site:SiteBaseUrl={baseAddress}",
            $"--Site:ApiBaseUrl={baseAddress}",

            // One line per submission and per e-mail would flood the report and cost the server time
            // that a deployment spends on its own telemetry instead.
            "--Logging:LogLevel:Default=Warning",
        ];

        LocalHostApp? host = null;
        try
        {
            host = await LocalHostApp.StartAsync(args, cancellationToken);
            HttpClient client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
            {
                BaseAddress = baseAddress,
                Timeout = Timeout.InfiniteTimeSpan,
            };
            BenchStack stack = new(folder, azurite, smtp, host, client);
            await stack.WaitForHealthAsync(TimeSpan.FromSeconds(120), cancellationToken);
            return stack;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await smtp.DisposeAsync();
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds a request to an OTPC route, with the office key.</summary>
    public static HttpRequestMessage OfficeRequest(HttpMethod method, string path, HttpContent? content = null)
    {
        HttpRequestMessage request = new(method, path) { Content = content };
        request.Headers.Add("x-functions-key", OfficeKey);
        return request;
    }

    /// <summary>Posts a register to the import endpoint and returns the response body. Throws on a status other than 200.</summary>
    public async Task<string> ImportAsync(string csv, CancellationToken cancellationToken)
    {
        StringContent content = new(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        using HttpRequestMessage request = OfficeRequest(HttpMethod.Post, "api/otpc/agreements/import", content);
        using HttpResponseMessage response = await this.Client.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The import returned {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    /// <summary>Returns every lifecycle instance with its custom status, read through the Durable Task client.</summary>
    public async Task<List<OrchestrationMetadata>> ListLifecycleInstancesAsync(CancellationToken cancellationToken)
    {
        OrchestrationQuery query = new()
        {
            InstanceIdPrefix = LifecycleNames.InstanceId(string.Empty),
            FetchInputsAndOutputs = true,
            PageSize = 1000,
        };
        List<OrchestrationMetadata> instances = [];
        await foreach (OrchestrationMetadata instance in this.Durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            instances.Add(instance);
        }

        return instances;
    }

    /// <summary>
    /// Waits until at least <paramref name="expected"/> lifecycle instances satisfy a condition, polling
    /// no more often than every <paramref name="interval"/>. Returns the last list read and whether the count was reached.
    /// </summary>
    public async Task<(List<OrchestrationMetadata> Instances, bool Reached)> WaitForInstancesAsync(
        Func<OrchestrationMetadata, bool> condition, int expected, TimeSpan interval, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<OrchestrationMetadata> instances = await this.ListLifecycleInstancesAsync(cancellationToken);
            if (instances.Count(condition) >= expected)
            {
                return (instances, true);
            }

            if (DateTimeOffset.UtcNow + interval > deadline)
            {
                return (instances, false);
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        this.Client.Dispose();
        await this.Host.DisposeAsync();
        await this.Smtp.DisposeAsync();
        await this.Azurite.DisposeAsync();
        try
        {
            Directory.Delete(this.folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open leaves the folder behind, in the system's temporary folder.
        }
    }

    private async Task WaitForHealthAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using HttpResponseMessage response = await this.Client.GetAsync("api/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The LocalHost did not report healthy on /api/health within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
