using System.Diagnostics;
using System.Globalization;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Functions;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using BalancFunctions.ReadModel.Bench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using CancellationTokenSource stop = new();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    stop.Cancel();
};
CancellationToken cancellationToken = stop.Token;

// The storage account is always Azurite's well-known development account on 127.0.0.1, because
// the benchmark writes hundreds of thousands of rows and must never reach any other server.
const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
string suffix = "bench" + Guid.NewGuid().ToString("N")[..8];
IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["BalancStorage:ConnectionString"] = string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{options.TablePort}/devstoreaccount1;"),
    ["BalancStorage:AgreementsTable"] = "agreements" + suffix,
    ["BalancStorage:IndexTable"] = "agreementindex" + suffix,
}).Build();
ServiceCollection collection = new();
collection.AddLogging();
collection.AddBalancServices(configuration);
await using ServiceProvider services = collection.BuildServiceProvider();
AgreementRepository repository = services.GetRequiredService<AgreementRepository>();
AgreementIndex index = services.GetRequiredService<AgreementIndex>();
await repository.Table.CreateIfNotExistsAsync(cancellationToken);
await index.Table.CreateIfNotExistsAsync(cancellationToken);

DateOnly today = MadridTime.LocalDate(TimeProvider.System.GetUtcNow());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Generating {options.Agreements:N0} agreements for {today:yyyy-MM-dd} (seed {options.Seed})..."));
List<AgreementEntity> entities = new AgreementGenerator(options.Seed, today).Generate(options.Agreements);

long started = Stopwatch.GetTimestamp();
await Parallel.ForEachAsync(
    entities,
    new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
    async (entity, token) => await repository.Table.AddEntityAsync(entity, token));
double insertSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stored {entities.Count:N0} agreement rows in {insertSeconds:F1} s."));

started = Stopwatch.GetTimestamp();
await index.BulkLoadAsync(entities.Select(entity => (entity, (IReadOnlyList<SubmissionEntity>)[])), cancellationToken);
double bulkLoadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

OtpcQueries queries = new(index, repository, today);
await queries.PrepareAsync(cancellationToken);
int indexRows = CountIndexRows(entities, today, queries.CounterRows);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {indexRows:N0} index rows in {bulkLoadSeconds:F1} s."));

// Every HTTP query calls this first. After a bulk load on the same day it finds nothing to refresh.
started = Stopwatch.GetTimestamp();
await index.FlushDateChangesAsync(cancellationToken);
double flushMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

List<(string Status, int Count)> statusCounts = [.. (await queries.ScanAsync(cancellationToken))
    .CountBy(row => row.Status.Code)
    .OrderBy(pair => pair.Key)
    .Select(pair => (AgreementStatusCalculator.Describe(pair.Key).CodeText, pair.Value))];
Console.WriteLine("Statuses: " + string.Join(", ", statusCounts.Select(pair => $"{pair.Status} {pair.Count}")));
string[] missing = [.. AgreementStatusCalculator.Descriptions.Select(description => description.CodeText).Except(statusCounts.Select(pair => pair.Status))];
if (missing.Length > 0)
{
    Console.Error.WriteLine($"warning: no generated agreement has status {string.Join(", ", missing)}. Run with more --agreements to have every status.");
}

string? loadBefore = BenchReport.LoadAverage();
List<QueryFigures> figures = [];
foreach (QueryCase query in queries.Cases())
{
    QueryFigures result = await QueryTimer.MeasureAsync(query, options.Warmups, options.Iterations, cancellationToken);
    figures.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{query.Name}: read model {result.ReadModel.MedianMs:F1} ms ({result.ReadModel.EntitiesRead} entities), full scan {result.FullScan.MedianMs:F1} ms ({result.FullScan.EntitiesRead} entities)"));
}

SetupFigures setup = new(insertSeconds, bulkLoadSeconds, indexRows, flushMs, statusCounts, loadBefore, BenchReport.LoadAverage());
string section = BenchReport.Section(options, setup, figures, DateTimeOffset.UtcNow);
Console.WriteLine();
Console.WriteLine(section);
if (options.DocPath is not null)
{
    BenchReport.WriteSection(options.DocPath, section);
    Console.WriteLine($"Wrote the section \"{BenchReport.Heading[3..]}\" into {options.DocPath}.");
}

return 0;

// Returns how many rows the bulk load wrote: each projection's index rows, its projection record, and the counter rows.
static int CountIndexRows(List<AgreementEntity> entities, DateOnly today, int counterRows) =>
    entities.Sum(entity => AgreementProjection.Keys(AgreementProjection.Build(entity, [], today, _ => new Dictionary<string, decimal>()).KeysJson).Count + 1)
    + counterRows;
