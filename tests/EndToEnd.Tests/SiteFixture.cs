using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BalancFunctions.LocalHost;
using BalancFunctions.Tests.Support;
using Microsoft.Playwright;

namespace BalancFunctions.EndToEnd.Tests;

/// <summary>
/// Azurite, a real SMTP server, the LocalHost with the sample register (serving web/ and the API on
/// one loopback port), and Debian's chromium driven by Playwright.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public const string OfficeKey = "site-test-otpc-key";
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "balanc-site-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string taskHub = "Site" + Guid.NewGuid().ToString("N")[..10];
    private IPlaywright playwright = null!;

    public AzuriteInstance Azurite { get; private set; } = null!;

    public TestSmtpServer Smtp { get; private set; } = null!;

    public LocalHostApp Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static string RepositoryRoot => AzuriteInstance.FindRepositoryRoot();

    /// <summary>The folder under the test output where the pages' screenshots go.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}: run 'apt-get install -y chromium' (Debian's package) and run the tests again.");
        }

        this.Azurite = await AzuriteInstance.StartAsync();
        this.Smtp = TestSmtpServer.Start();
        int port = AzuriteInstance.FreePort();
        this.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        this.Client = new HttpClient { BaseAddress = this.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        this.Client.DefaultRequestHeaders.Add("x-functions-key", OfficeKey);
        this.Host = await LocalHostApp.StartAsync(
            [.. LocalHostArguments.For(this.BaseAddress, this.Azurite, this.Smtp, this.signingKey, OfficeKey, this.taskHub, this.dataDirectory, "data/agreements-sample.csv")]);
        await this.WaitForSeedAsync();

        this.playwright = await Playwright.CreateAsync();
        this.Browser = await this.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        await this.Browser.DisposeAsync();
        this.playwright.Dispose();
        this.Client.Dispose();
        await this.Host.DisposeAsync();
        await this.Smtp.DisposeAsync();
        await this.Azurite.DisposeAsync();
        if (Directory.Exists(this.dataDirectory))
        {
            Directory.Delete(this.dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Opens a browser context that blocks and records every request to a host other than
    /// 127.0.0.1, because the site must load nothing from the internet.
    /// </summary>
    public async Task<(IBrowserContext Context, List<string> ForeignRequests)> NewContextAsync(string locale = "ca-ES", int width = 1280, int height = 900)
    {
        IBrowserContext context = await this.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        List<string> foreign = [];
        await context.RouteAsync("**/*", async route =>
        {
            Uri url = new(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Host != "127.0.0.1")
            {
                lock (foreign)
                {
                    foreign.Add(route.Request.Url);
                }

                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        return (context, foreign);
    }

    /// <summary>Sends a GET with the office key and returns the JSON body. Fails the test on any other status than 200.</summary>
    public async Task<JsonElement> OfficeGetJsonAsync(string path)
    {
        using HttpResponseMessage response = await this.Client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public async Task<string> TokenAsync(string agreementId)
    {
        JsonElement agreement = await this.Client.GetFromJsonAsync<JsonElement>($"api/otpc/agreements/{agreementId}");
        return agreement.GetProperty("submissionToken").GetString()!;
    }

    private async Task WaitForSeedAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await this.Client.GetAsync("api/health");
            if (response.IsSuccessStatusCode)
            {
                JsonElement health = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (health.GetProperty("seed").GetString() is "done" or "failed")
                {
                    return;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The LocalHost did not finish its seed import within 120 s.");
    }
}

[CollectionDefinition(Name)]
public sealed class SiteTestGroup : ICollectionFixture<SiteFixture>
{
    public const string Name = "Site";
}
