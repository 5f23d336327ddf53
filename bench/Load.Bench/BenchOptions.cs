using System.Globalization;
using BalancFunctions.LocalHost;

namespace BalancFunctions.Load.Bench;

/// <summary>The run's settings: the full run by default, a smaller one with <c>--quick</c>, and overrides per option.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: BalancFunctions.Load.Bench [--quick] [options]
          --quick               small counts, for a smoke test of one to three minutes
          --only LIST           scenarios to run, comma-separated: pdf, submissions, import, lifecycle
                                (default: all; lifecycle runs on the agreements that import imported)
          --balances N          balances posted in the submission scenario (1000; quick 60)
          --clients N           concurrent clients that post them (20)
          --agreements N        agreements imported, and reminded by the lifecycle scenario (1000; quick 100)
          --window SECONDS      span over which the reminders fall due (180; quick 20)
          --lead SECONDS        time from the first policy request to the first reminder (default:
                                1.25 times the import's time plus 30 s; quick plus 10 s)
          --grace SECONDS       wait for late reminders after the last one falls due (240; quick 30)
          --renders N           timed renders of each sample PDF (200; quick 50)
          --out FILE            also write every figure as JSON to FILE
          --pid-file FILE       append the id of every Azurite process started, for the calling script
          --profile-azurite DIR run Azurite under node --cpu-prof and write its CPU profile to DIR
          --durable-store NAME  where the LocalHost keeps orchestrations: azure-storage (default), the
                                provider of Durable Functions on Azurite, or in-memory, which leaves
                                out Azurite's queue costs; Tables and Blobs stay on Azurite
        Exit status: 0 when every check held; 3 when a balance was not accepted, a row was rejected,
        an orchestration did not plan, or a reminder was missing or sent twice; 2 for invalid
        options; 130 when stopped by a signal; another non-zero status when a scenario failed with
        an error, such as an import that returned 500.
        """;

    private static readonly HashSet<string> ValuedOptions =
        ["--only", "--balances", "--clients", "--agreements", "--window", "--lead", "--grace", "--renders", "--out", "--pid-file", "--profile-azurite", "--durable-store"];

    public required string RepositoryRoot { get; init; }

    public bool Quick { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(["pdf", "submissions", "import", "lifecycle"]);

    public int Balances { get; init; } = 1000;

    public int Clients { get; init; } = 20;

    /// <summary>
    /// Agreements imported. On Azurite each agreement costs more than the one before, so the import
    /// slows down as it grows. With 1,000 the full run took about 28 minutes on 2 cores shared with
    /// other work. An import of 10,000 on the Azure Storage provider had started 7,214 orchestrations
    /// after 2 h 28 min. With <c>--durable-store in-memory</c> it took 429 s (docs/benchmarks.md).
    /// </summary>
    public int Agreements { get; init; } = 1000;

    public TimeSpan ReminderWindow { get; init; } = TimeSpan.FromSeconds(180);

    public int Renders { get; init; } = 200;

    /// <summary>The time from the first policy request to the first reminder, or null to derive it from the import's time.</summary>
    public TimeSpan? ReminderLead { get; init; }

    public string? OutputFile { get; init; }

    public string? PidFile { get; init; }

    /// <summary>The folder for Azurite's CPU profiles, or null to run Azurite without profiling.</summary>
    public string? ProfileDirectory { get; init; }

    /// <summary>The store of the LocalHost's orchestrations.</summary>
    public DurableStore DurableStore { get; init; } = DurableStore.AzureStorage;

    /// <summary>How long a scenario waits for the orchestrations to plan or to send before it reports what it has.</summary>
    public TimeSpan SettleTimeout => this.Quick ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(10);

    /// <summary>Seconds between the moment the orchestrations are expected to have planned again and the first reminder.</summary>
    public TimeSpan ReminderMargin => this.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);

    /// <summary>How long after the last scheduled reminder the lifecycle scenario waits for late ones.</summary>
    public TimeSpan ReminderGrace { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Parses the command line. Throws <see cref="ArgumentException"/> with the problem and the usage text.</summary>
    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        bool quick = args.Contains("--quick");
        BenchOptions options = quick
            ? new BenchOptions { RepositoryRoot = repositoryRoot, Quick = true, Balances = 60, Agreements = 100, ReminderWindow = TimeSpan.FromSeconds(20), ReminderGrace = TimeSpan.FromSeconds(30), Renders = 50 }
            : new BenchOptions { RepositoryRoot = repositoryRoot };

        for (int index = 0; index < args.Length; index++)
        {
            string name = args[index];
            if (name == "--quick")
            {
                continue;
            }

            if (!ValuedOptions.Contains(name))
            {
                throw new ArgumentException($"Unknown option {name}.\n{Usage}");
            }

            if (index + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} is missing its value.\n{Usage}");
            }

            string value = args[++index];
            options = name switch
            {
                "--only" => options with { Scenarios = ParseScenarios(value) },
                "--balances" => options with { Balances = Positive(name, value) },
                "--clients" => options with { Clients = Positive(name, value) },
                "--agreements" => options with { Agreements = Positive(name, value) },
                "--window" => options with { ReminderWindow = TimeSpan.FromSeconds(Positive(name, value)) },
                "--lead" => options with { ReminderLead = TimeSpan.FromSeconds(Positive(name, value)) },
                "--grace" => options with { ReminderGrace = TimeSpan.FromSeconds(Positive(name, value)) },
                "--renders" => options with { Renders = Positive(name, value) },
                "--out" => options with { OutputFile = Path.GetFullPath(value) },
                "--pid-file" => options with { PidFile = Path.GetFullPath(value) },
                "--profile-azurite" => options with { ProfileDirectory = Path.GetFullPath(value) },
                "--durable-store" => options with { DurableStore = ParseDurableStore(value) },
                _ => throw new InvalidOperationException($"{name} is in ValuedOptions but not parsed."),
            };
        }

        return options;
    }

    private static HashSet<string> ParseScenarios(string value)
    {
        HashSet<string> scenarios = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        string[] unknown = [.. scenarios.Where(scenario => scenario is not ("pdf" or "submissions" or "import" or "lifecycle"))];
        return unknown.Length == 0 && scenarios.Count > 0
            ? scenarios
            : throw new ArgumentException($"--only takes pdf, submissions, import and lifecycle, not '{value}'.\n{Usage}");
    }

    private static DurableStore ParseDurableStore(string value) => value switch
    {
        "azure-storage" => DurableStore.AzureStorage,
        "in-memory" => DurableStore.InMemory,
        _ => throw new ArgumentException($"--durable-store takes azure-storage or in-memory, not '{value}'.\n{Usage}"),
    };

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.\n{Usage}");
}
