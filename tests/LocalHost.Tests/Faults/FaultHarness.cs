using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Tests.Support;
using Xunit.Abstractions;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>
/// Everything one fault test runs against, shared with no other test. Azurite keeps its data in a
/// folder, so that it can be stopped and started again. The SMTP server runs in the test process.
/// The LocalHost runs as a separate process that can be killed and started again on the same storage.
/// </summary>
public sealed class FaultHarness : IAsyncDisposable
{
    public const string OfficeKey = "fault-test-key";

    private readonly string folder;
    private readonly string signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string taskHub = "Fault" + Guid.NewGuid().ToString("N")[..10];
    private readonly int port = AzuriteInstance.FreePort();
    private readonly ITestOutputHelper output;

    private FaultHarness(string folder, AzuriteInstance azurite, TestSmtpServer smtp, ITestOutputHelper output)
    {
        this.folder = folder;
        this.Azurite = azurite;
        this.Smtp = smtp;
        this.output = output;
        this.Office = new HttpClient { BaseAddress = this.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        this.Office.DefaultRequestHeaders.Add("x-functions-key", OfficeKey);
    }

    public AzuriteInstance Azurite { get; }

    public TestSmtpServer Smtp { get; }

    public LocalHostProcess? Host { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{this.port}/");

    /// <summary>A client that sends the OTPC's key.</summary>
    public HttpClient Office { get; }

    /// <summary>The agreements table: agreements, submissions and the lifecycle log.</summary>
    public TableClient AgreementsTable => new(this.Azurite.ConnectionString, new StorageOptions().AgreementsTable);

    public BlobContainerClient PdfContainer => new(this.Azurite.ConnectionString, new StorageOptions().PdfContainer);

    public static async Task<FaultHarness> StartAsync(ITestOutputHelper output)
    {
        string folder = Path.Combine(Path.GetTempPath(), "balanc-fault-" + Guid.NewGuid().ToString("N"));
        AzuriteInstance azurite = await AzuriteInstance.StartPersistentAsync(Path.Combine(folder, "azurite"));
        FaultHarness harness = new(folder, azurite, TestSmtpServer.Start(), output);
        await harness.StartHostAsync();
        return harness;
    }

    /// <summary>Starts the LocalHost on this harness's storage and task hub, and waits until it is healthy.</summary>
    public async Task StartHostAsync()
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        this.Host = await LocalHostProcess.StartAsync(
            [
                .. LocalHostArguments.For(this.BaseAddress, this.Azurite, this.Smtp, this.signingKey, OfficeKey, this.taskHub, Path.Combine(this.folder, "localhost"), seedRegister: string.Empty),

                // A killed process's work items come back after 10 s instead of the provider's 300 s.
                "--LocalHost:QueueVisibilitySeconds=10",
            ],
            this.BaseAddress);
        this.Log($"LocalHost healthy {Seconds(DateTimeOffset.UtcNow - started)} s after its start");
    }

    /// <summary>Kills the LocalHost at once (SIGKILL): no shutdown code runs.</summary>
    public async Task KillHostAsync()
    {
        if (this.Host is not null)
        {
            await this.Host.KillAsync();
            await this.Host.DisposeAsync();
            this.Host = null;
        }
    }

    /// <summary>Waits until <c>/api/health</c> returns 200, after a fault that the LocalHost survives.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        using HttpClient client = new() { BaseAddress = this.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        while (true)
        {
            try
            {
                using HttpResponseMessage response = await client.GetAsync("api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The LocalHost did not return 200 from /api/health within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Imports a generated register and checks that every row was stored.</summary>
    public async Task ImportAsync(FaultRegister register)
    {
        ArgumentNullException.ThrowIfNull(register);
        using StringContent csv = new(register.ToCsv(), Encoding.UTF8, "text/csv");
        using HttpResponseMessage response = await this.Office.PostAsync("api/otpc/agreements/import", csv);
        JsonElement report = await ReadJsonAsync(response);
        Assert.Equal(register.Agreements.Count, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());
    }

    /// <summary>
    /// Gives a reminded agreement one reminder at each of the given instants, through the OTPC's
    /// reminder policy: durations before the end of the due date's local day.
    /// </summary>
    public async Task ScheduleRemindersAsync(FaultAgreement agreement, IEnumerable<DateTimeOffset> instants)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        DateTimeOffset endOfDay = MadridTime.EndOfDay(agreement.DueDate);
        string[] before = [.. instants.Select(instant => string.Create(CultureInfo.InvariantCulture, $"PT{(int)(endOfDay - instant).TotalSeconds}S"))];
        using HttpResponseMessage response = await this.Office.PutAsJsonAsync(
            $"api/otpc/agreements/{agreement.AgreementId}/reminder-policy",
            new { before, overdueRepeat = (string?)null, localTime = "09:00" });
        await ReadJsonAsync(response);
    }

    /// <summary>Returns the OTPC's view of one agreement: status, log, submissions and orchestration.</summary>
    public async Task<JsonElement> GetAgreementAsync(string agreementId)
    {
        using HttpResponseMessage response = await this.Office.GetAsync($"api/otpc/agreements/{agreementId}");
        return await ReadJsonAsync(response);
    }

    /// <summary>Runs the reconciliation now and returns its report.</summary>
    public async Task<JsonElement> ReconcileAsync()
    {
        using HttpResponseMessage response = await this.Office.PostAsync("api/otpc/reconcile", content: null);
        return await ReadJsonAsync(response);
    }

    /// <summary>Writes a line to the test's output, with the time, so that a failure shows the sequence of events.</summary>
    public void Log(string message) =>
        this.output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {message}");

    public async ValueTask DisposeAsync()
    {
        await this.KillHostAsync();
        this.Office.Dispose();
        await this.Smtp.DisposeAsync();
        await this.Azurite.DisposeAsync();
        try
        {
            Directory.Delete(this.folder, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still be closing a file; the folder is in the temporary directory.
        }
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        using JsonDocument document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
