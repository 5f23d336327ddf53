using System.Globalization;

namespace BalancFunctions.ReadModel.Bench;

/// <summary>The benchmark's command-line options.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: BalancFunctions.ReadModel.Bench --table-port PORT [options]
        Times the OTPC's queries on the read model against a full scan of the agreements table,
        on an Azurite Table service at 127.0.0.1:PORT (scripts/bench-readmodel.sh starts one).

          --table-port PORT        Port of the Azurite Table service on 127.0.0.1 (required).
          --agreements N           Agreements to generate and store (default 10000, 1 to 100000).
          --iterations N           Timed runs of each query in each form (default 20, 1 to 1000).
          --warmups N              Untimed runs first (default 3, 1 to 100); the first checks that both forms agree.
          --seed N                 Seed of the generated register (default 5).
          --doc FILE               Write the results section into this Markdown file.
          --no-doc                 Write no file, even with --doc (for a smoke run).
          --azurite-version TEXT   Azurite's version, for the report.
          --command TEXT           The command line to show in the report.
        """;

    public int TablePort { get; init; }

    public int Agreements { get; init; } = 10_000;

    public int Iterations { get; init; } = 20;

    public int Warmups { get; init; } = 3;

    public int Seed { get; init; } = 5;

    public string? DocPath { get; init; }

    public string AzuriteVersion { get; init; } = "unknown";

    public string Command { get; init; } = "BalancFunctions.ReadModel.Bench";

    /// <summary>Parses the arguments, or returns null for --help.</summary>
    /// <exception cref="ArgumentException">An option is unknown, has no value or has an invalid one.</exception>
    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        BenchOptions options = new();
        bool noDoc = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--help" or "-h":
                    return null;
                case "--no-doc":
                    noDoc = true;
                    continue;
            }

            string value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {name} is missing its value.");
            options = name switch
            {
                "--table-port" => options with { TablePort = Number(name, value, 1, 65535) },
                "--agreements" => options with { Agreements = Number(name, value, 1, 100_000) },
                "--iterations" => options with { Iterations = Number(name, value, 1, 1000) },
                "--warmups" => options with { Warmups = Number(name, value, 1, 100) },
                "--seed" => options with { Seed = Number(name, value, 0, int.MaxValue) },
                "--doc" => options with { DocPath = value },
                "--azurite-version" => options with { AzuriteVersion = value },
                "--command" => options with { Command = value },
                _ => throw new ArgumentException($"Unknown option {name}. Run with --help to list the options."),
            };
        }

        if (options.TablePort == 0)
        {
            throw new ArgumentException("Option --table-port is required: the port of an Azurite Table service on 127.0.0.1.");
        }

        return noDoc ? options with { DocPath = null } : options;
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"Option {name} must be a whole number from {min} to {max}, not \"{value}\".");
}
