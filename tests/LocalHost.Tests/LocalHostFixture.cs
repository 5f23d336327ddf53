using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BalancFunctions.Tests.Support;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>
/// The LocalHost as the README's run command starts it: Azurite, a real SMTP server, the Durable
/// Task worker on the Azure Storage provider, and the sample register imported at start-up.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public const string OfficeKey = "test-otpc-key";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "balanc-localhost-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string taskHub = "Test" + Guid.NewGuid().ToString("N")[..10];
    private int port;

    public AzuriteInstance Azurite { get; private set; } = null!;

    public TestSmtpServer Smtp { get; private set; } = null!;

    public LocalHostApp Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static string RepositoryRoot => AzuriteInstance.FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        this.Azurite = await AzuriteInstance.StartAsync();
        this.Smtp = TestSmtpServer.Start();
        this.port = AzuriteInstance.FreePort();
        this.Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{this.port}/"), Timeout = TimeSpan.FromSeconds(60) };
        await this.StartHostAsync();
    }

    /// <summary>Stops the LocalHost and starts it again on the same storage, as a user who restarts it.</summary>
    public async Task RestartAsync()
    {
        await this.Host.DisposeAsync();
        await this.StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        this.Client.Dispose();
        await this.Host.DisposeAsync();
        await this.Smtp.DisposeAsync();
        await this.Azurite.DisposeAsync();
        if (Directory.Exists(this.dataDirectory))
        {
            Directory.Delete(this.dataDirectory, recursive: true);
        }
    }

    /// <summary>Sends a request with the OTPC's key.</summary>
    public async Task<HttpResponseMessage> OfficeGetAsync(string path)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", OfficeKey);
        return await this.Client.SendAsync(request);
    }

    public async Task<JsonElement> OfficeGetJsonAsync(string path)
    {
        using HttpResponseMessage response = await this.OfficeGetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Returns an agreement's submission token, read from the OTPC's view of the agreement.</summary>
    public async Task<string> TokenAsync(string agreementId)
    {
        JsonElement agreement = await this.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
        return agreement.GetProperty("submissionToken").GetString()!;
    }

    /// <summary>Waits until the seed import has finished.</summary>
    public async Task<JsonElement> WaitForSeedAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using HttpResponseMessage response = await this.Client.GetAsync("api/health");
            if (response.IsSuccessStatusCode)
            {
                JsonElement health = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (health.GetProperty("seed").GetString() is "done" or "failed")
                {
                    return health;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The LocalHost did not finish its seed import within 120 s.");
            }

            await Task.Delay(250);
        }
    }

    private async Task StartHostAsync()
    {
        string[] args = [.. LocalHostArguments.For(
            new Uri($"http://127.0.0.1:{this.port}/"), this.Azurite, this.Smtp, this.signingKey, OfficeKey, this.taskHub, this.dataDirectory, "data/agreements-sample.csv")];
        this.Host = await LocalHostApp.StartAsync(args);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostTestGroup : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "LocalHost";
}
