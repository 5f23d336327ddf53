using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Load.Bench;

/// <summary>The figures of the submission scenario. Times are in milliseconds unless the name says seconds.</summary>
internal sealed record SubmissionResult(
    int Clients,
    int Balances,
    int WarmUpBalances,
    double SetUpImportSeconds,
    IReadOnlyDictionary<string, int> Statuses,
    double BalancesPerSecond,
    Summary LatencyMs,
    Summary HandlerMs,
    IReadOnlyList<PhaseFigure> Phases,
    IReadOnlyList<PhaseFigure> StorageCalls,
    ResourceUse Resources);

/// <summary>
/// Posts one valid balance per agreement from concurrent clients and measures the latency of
/// each request, the throughput, and where the handler spends its time.
/// </summary>
internal static class SubmissionScenario
{
    private const string IdPrefix = "PC-S";

    public static async Task<SubmissionResult> RunAsync(BenchOptions options, RunLog log, CancellationToken cancellationToken)
    {
        await using BenchStack stack = await BenchStack.StartAsync(options, cancellationToken);
        int warmUp = Math.Min(20, options.Balances);
        int agreements = warmUp + options.Balances;

        // Due in 30 days: inside the 90-day filing window, so every balance covers that date.
        DateOnly dueDate = MadridTime.LocalDate(DateTimeOffset.UtcNow).AddDays(30);
        string register = RegisterWriter.FromSample(options.RepositoryRoot).Write(IdPrefix, agreements, dueDate);
        log.Line($"submissions: importing {agreements} agreements due {dueDate:yyyy-MM-dd}");
        Stopwatch import = Stopwatch.StartNew();
        await stack.ImportAsync(register, cancellationToken);

        // Submissions start once every orchestration has planned its cycle, as on a system at rest.
        (_, bool planned) = await stack.WaitForInstancesAsync(
            instance => instance.SerializedCustomStatus is not null, agreements, TimeSpan.FromSeconds(2), DateTimeOffset.UtcNow + options.SettleTimeout, cancellationToken);
        double setUpSeconds = import.Elapsed.TotalSeconds;
        log.Line($"submissions: register imported and planned in {setUpSeconds:0.0} s{(planned ? string.Empty : " (not every orchestration planned before the time-out)")}");

        byte[][] bodies = BuildBodies(options.RepositoryRoot, stack, agreements);
        using SubmissionTraces traces = new();
        await PostAllAsync(stack.Client, bodies[..warmUp], Math.Min(4, options.Clients), cancellationToken);
        log.Line($"submissions: {warmUp} warm-up balances posted; posting {options.Balances} from {options.Clients} clients");

        traces.Start();
        ResourceMeter meter = ResourceMeter.Start(stack.Azurite);
        (double[] latencies, int[] statuses) = await PostAllAsync(stack.Client, bodies[warmUp..], options.Clients, cancellationToken);
        ResourceUse resources = meter.Stop();
        traces.Stop();

        Dictionary<string, int> statusCounts = statuses
            .GroupBy(status => status < 0 ? "no response" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(group => group.Key, group => group.Count());
        return new SubmissionResult(
            options.Clients,
            options.Balances,
            warmUp,
            setUpSeconds,
            statusCounts,
            options.Balances / resources.WallSeconds,
            Summary.Of(latencies),
            traces.HandlerMilliseconds(),
            traces.Phases(byOperation: false),
            traces.Phases(byOperation: true),
            resources);
    }

    /// <summary>Returns valid-full.json for each agreement, with its id and token.</summary>
    private static byte[][] BuildBodies(string repositoryRoot, BenchStack stack, int agreements)
    {
        JsonObject template = JsonNode.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "data", "balances", "valid-full.json")))!.AsObject();
        byte[][] bodies = new byte[agreements][];
        for (int position = 0; position < agreements; position++)
        {
            string agreementId = RegisterWriter.AgreementId(IdPrefix, position);
            template["agreementId"] = agreementId;
            template["token"] = stack.Tokens.Create(agreementId);
            bodies[position] = System.Text.Encoding.UTF8.GetBytes(template.ToJsonString());
        }

        return bodies;
    }

    /// <summary>
    /// Posts every body once, from <paramref name="clients"/> concurrent loops that each take the
    /// next body when their previous request completes. Returns each request's latency in
    /// milliseconds and its status code, or -1 for a request that got no response.
    /// </summary>
    private static async Task<(double[] Latencies, int[] Statuses)> PostAllAsync(HttpClient client, byte[][] bodies, int clients, CancellationToken cancellationToken)
    {
        double[] latencies = new double[bodies.Length];
        int[] statuses = new int[bodies.Length];
        int next = -1;
        MediaTypeHeaderValue json = new("application/json") { CharSet = "utf-8" };

        async Task ClientLoopAsync()
        {
            for (int position = Interlocked.Increment(ref next); position < bodies.Length; position = Interlocked.Increment(ref next))
            {
                using ByteArrayContent content = new(bodies[position]);
                content.Headers.ContentType = json;
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using HttpResponseMessage response = await client.PostAsync("api/balances", content, cancellationToken);
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    statuses[position] = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    statuses[position] = -1;
                }

                latencies[position] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientLoopAsync, cancellationToken)));
        return (latencies, statuses);
    }
}
