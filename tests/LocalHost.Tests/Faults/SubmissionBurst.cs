using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>One balance to post: the agreement and the JSON body, the same on every repeat.</summary>
public sealed record BalanceRequest(string AgreementId, string Json);

/// <summary>The fields of a receipt that must not change when the same balance is posted again.</summary>
public sealed record ReceiptView(string SubmissionId, string Sha256, DateTimeOffset SubmittedAtUtc, DateOnly CoveredDueDate, bool Late);

/// <summary>One POST of a balance and its outcome: a status code, or the error that took its place.</summary>
public sealed record SubmissionAttempt(string AgreementId, DateTimeOffset StartedAtUtc, TimeSpan Elapsed, int? Status, string? Error, ReceiptView? Receipt)
{
    /// <summary>A connection error, a timeout or a 5xx: the client cannot know whether the balance was stored.</summary>
    public bool Failed => this.Status is null or >= 500;

    /// <summary>"201", "200", another status code, "connection" or "timeout".</summary>
    public string Outcome => this.Status?.ToString(CultureInfo.InvariantCulture) ?? this.Error ?? "unknown";
}

/// <summary>
/// Posts balances from several concurrent clients, each with its own HTTP connection, as entities
/// filing at the same time would, and records every outcome. A test waits on
/// <see cref="WhenCompletedAsync"/> to inject its fault in the middle of the burst.
/// </summary>
public sealed class SubmissionBurst
{
    /// <summary>How long a client waits for one response. A submission takes under a second on a machine that is not overloaded.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly Uri baseAddress;
    private readonly ConcurrentQueue<BalanceRequest> pending;
    private readonly ConcurrentQueue<SubmissionAttempt> attempts = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> waiters = new();
    private int completed;

    public SubmissionBurst(Uri baseAddress, IEnumerable<BalanceRequest> requests)
    {
        this.baseAddress = baseAddress;
        this.pending = new ConcurrentQueue<BalanceRequest>(requests);
    }

    /// <summary>Builds one balance per agreement from the sample <c>data/balances/valid-full.json</c>, with the agreement's token.</summary>
    public static async Task<List<BalanceRequest>> PrepareAsync(FaultHarness harness, IEnumerable<FaultAgreement> agreements)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(agreements);
        string sample = await File.ReadAllTextAsync(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "balances", "valid-full.json"));
        List<BalanceRequest> requests = [];
        foreach (FaultAgreement agreement in agreements)
        {
            JsonElement detail = await harness.GetAgreementAsync(agreement.AgreementId);
            JsonObject body = JsonNode.Parse(sample)!.AsObject();
            body["agreementId"] = agreement.AgreementId;
            body["token"] = detail.GetProperty("submissionToken").GetString();
            requests.Add(new BalanceRequest(agreement.AgreementId, body.ToJsonString()));
        }

        return requests;
    }

    /// <summary>How long <see cref="RunAsync"/> took, from the first request to the last outcome.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Sends every request once, from <paramref name="clients"/> clients at a time, and returns the outcomes in the order they came.</summary>
    public async Task<IReadOnlyList<SubmissionAttempt>> RunAsync(int clients)
    {
        Stopwatch clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => this.RunClientAsync()));
        this.Elapsed = clock.Elapsed;
        return [.. this.attempts];
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have an outcome.</summary>
    public Task WhenCompletedAsync(int count)
    {
        TaskCompletionSource waiter = this.waiters.GetOrAdd(count, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Volatile.Read(ref this.completed) >= count)
        {
            waiter.TrySetResult();
        }

        return waiter.Task;
    }

    /// <summary>
    /// Posts a request again until its outcome is no longer a failure, at most
    /// <paramref name="maxAttempts"/> times, and returns every attempt.
    /// </summary>
    public static async Task<List<SubmissionAttempt>> RepeatWhileFailingAsync(Uri baseAddress, BalanceRequest request, int maxAttempts, TimeSpan pause)
    {
        ArgumentNullException.ThrowIfNull(request);
        using HttpClient client = NewClient(baseAddress);
        List<SubmissionAttempt> attempts = [];
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            SubmissionAttempt result = await SendAsync(client, request);
            attempts.Add(result);
            if (!result.Failed)
            {
                break;
            }

            await Task.Delay(pause);
        }

        return attempts;
    }

    /// <summary>Posts a balance once and classifies the outcome. A network failure or a timeout is an outcome, not an exception.</summary>
    public static async Task<SubmissionAttempt> SendAsync(HttpClient client, BalanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        Stopwatch clock = Stopwatch.StartNew();
        try
        {
            using StringContent content = new(request.Json, Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await client.PostAsync("api/balances", content);
            string body = await response.Content.ReadAsStringAsync();
            int status = (int)response.StatusCode;
            ReceiptView? receipt = status is 200 or 201 ? ReadReceipt(body) : null;
            return new SubmissionAttempt(request.AgreementId, started, clock.Elapsed, status, status >= 400 ? Shorten(body) : null, receipt);
        }
        catch (HttpRequestException)
        {
            return new SubmissionAttempt(request.AgreementId, started, clock.Elapsed, null, "connection", null);
        }
        catch (TaskCanceledException exception) when (exception.InnerException is TimeoutException)
        {
            return new SubmissionAttempt(request.AgreementId, started, clock.Elapsed, null, "timeout", null);
        }
    }

    public static HttpClient NewClient(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = RequestTimeout };

    private async Task RunClientAsync()
    {
        using HttpClient client = NewClient(this.baseAddress);
        while (this.pending.TryDequeue(out BalanceRequest? request))
        {
            this.attempts.Enqueue(await SendAsync(client, request));
            int count = Interlocked.Increment(ref this.completed);
            foreach ((int wanted, TaskCompletionSource waiter) in this.waiters)
            {
                if (count >= wanted)
                {
                    waiter.TrySetResult();
                }
            }
        }
    }

    private static ReceiptView ReadReceipt(string body)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement receipt = document.RootElement;
        return new ReceiptView(
            receipt.GetProperty("submissionId").GetString()!,
            receipt.GetProperty("sha256").GetString()!,
            receipt.GetProperty("submittedAtUtc").GetDateTimeOffset(),
            DateOnly.Parse(receipt.GetProperty("coveredDueDate").GetString()!, CultureInfo.InvariantCulture),
            receipt.GetProperty("late").GetBoolean());
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300];
}
