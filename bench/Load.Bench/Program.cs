using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using BalancFunctions.Load.Bench;
using BalancFunctions.LocalHost;

// Figures print the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args, RepositoryRoot.Find());
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

// Ctrl+C and SIGTERM stop the run through cancellation, so that Azurite and the LocalHost are stopped too.
using CancellationTokenSource stop = new();
Console.CancelKeyPress += (_, keyPress) =>
{
    keyPress.Cancel = true;
    stop.Cancel();
};
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

RunLog log = new();
MachineInfo machine = MachineInfo.Read(options.RepositoryRoot);
log.Line($"machine: {machine}");
log.Line($"run: {string.Join(' ', args)}");
BenchResults results = new(machine, string.Join(' ', args));
try
{
    if (options.Scenarios.Contains("pdf"))
    {
        results = results with { Pdf = PdfScenario.Run(options, log) };
    }

    if (options.Scenarios.Contains("submissions"))
    {
        results = results with { Submissions = await SubmissionScenario.RunAsync(options, log, stop.Token) };
    }

    if (options.Scenarios.Contains("import") || options.Scenarios.Contains("lifecycle"))
    {
        bool remind = options.Scenarios.Contains("lifecycle");
        (ImportResult import, LifecycleResult? lifecycle) = await ImportLifecycleScenario.RunAsync(options, remind, log, stop.Token);
        results = results with { Import = import, Lifecycle = lifecycle };
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    log.Line("run: stopped by a signal; the figures below are those of the scenarios that finished");
    results = results with { Stopped = true };
}

results = results with { EndedUtc = DateTimeOffset.UtcNow, LoadAverageAtEnd = MachineInfo.LoadAverage() };
Console.WriteLine();
Console.Write(Report.Format(results));
if (options.OutputFile is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(options.OutputFile)!);
    await File.WriteAllTextAsync(options.OutputFile, JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    log.Line($"run: figures written to {options.OutputFile}");
}

if (results.Stopped)
{
    return 130;
}

// A failed check ends the run with 3, after the figures, so that a script or CI can tell.
IReadOnlyList<string> failures = results.Failures();
foreach (string failure in failures)
{
    log.Line($"check failed: {failure}");
}

return failures.Count == 0 ? 0 : 3;
