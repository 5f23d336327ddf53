using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BalancFunctions.ReadModel.Bench;

/// <summary>Times of the set-up steps, and what they wrote.</summary>
/// <param name="InsertSeconds">Seconds spent storing every agreement row with parallel inserts.</param>
/// <param name="BulkLoadSeconds">Seconds spent filling the empty index with <c>AgreementIndex.BulkLoadAsync</c>.</param>
/// <param name="IndexRows">Rows the bulk load wrote: list, word and refresh rows, projection records and counter rows.</param>
/// <param name="FlushMs">Milliseconds of the day's first <c>FlushDateChangesAsync</c>, which every HTTP query calls first.</param>
/// <param name="StatusCounts">How many generated agreements are in each status on the day of the run.</param>
/// <param name="LoadBefore">The 1-minute load average when the queries started, or null where the system does not report it.</param>
/// <param name="LoadAfter">The 1-minute load average when the queries ended, or null.</param>
internal sealed record SetupFigures(
    double InsertSeconds,
    double BulkLoadSeconds,
    int IndexRows,
    double FlushMs,
    IReadOnlyList<(string Status, int Count)> StatusCounts,
    string? LoadBefore,
    string? LoadAfter);

/// <summary>Builds the Markdown report and writes it into the benchmarks page.</summary>
internal static class BenchReport
{
    public const string Heading = "## OTPC queries: read model against full scan";

    /// <summary>Returns the results table: one row a query, both forms side by side.</summary>
    public static string Table(IReadOnlyList<QueryFigures> figures)
    {
        StringBuilder table = new();
        table.AppendLine("| Query | Results | Read model median (ms) | Read model p95 (ms) | Read model entities read | Full scan median (ms) | Full scan p95 (ms) | Full scan entities read | Full scan median / read model median |");
        table.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (QueryFigures query in figures)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {query.Name} | {query.ReadModel.Results:N0} | {query.ReadModel.MedianMs:F1} | {query.ReadModel.P95Ms:F1} | {query.ReadModel.EntitiesRead} | " +
                $"{query.FullScan.MedianMs:F1} | {query.FullScan.P95Ms:F1} | {query.FullScan.EntitiesRead} | {query.FullScan.MedianMs / query.ReadModel.MedianMs:F1}× |"));
        }

        return table.ToString();
    }

    /// <summary>Returns the whole section: what was run, on what, the set-up times, the table and how to read it.</summary>
    public static string Section(BenchOptions options, SetupFigures setup, IReadOnlyList<QueryFigures> figures, DateTimeOffset finishedAt)
    {
        string statuses = string.Join(", ", setup.StatusCounts.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Status} {pair.Count:N0}")));
        StringBuilder section = new();
        section.AppendLine(Heading);
        section.AppendLine();
        section.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Run on {finishedAt:yyyy-MM-dd HH:mm} UTC with `{options.Command}`: {options.Agreements:N0} generated agreements, " +
            $"{options.Warmups} untimed warm-up run{(options.Warmups == 1 ? string.Empty : "s")}, then N = {options.Iterations} timed runs of each query in each form."));
        section.AppendLine();
        section.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription()}. Azurite {options.AzuriteVersion} (Table service only, in memory, on 127.0.0.1).");
        if (setup.LoadBefore is not null && setup.LoadAfter is not null)
        {
            section.AppendLine(CultureInfo.InvariantCulture,
                $"The 1-minute load average was {setup.LoadBefore} when the queries started and {setup.LoadAfter} when they ended, on {Environment.ProcessorCount} cores: other processes shared the machine.");
        }

        section.AppendLine();
        section.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Set-up: storing the {options.Agreements:N0} agreement rows (16 inserts at a time) took {setup.InsertSeconds:F1} s; " +
            $"`AgreementIndex.BulkLoadAsync` wrote {setup.IndexRows:N0} index rows in {setup.BulkLoadSeconds:F1} s; " +
            $"the day's first `FlushDateChangesAsync` took {setup.FlushMs:F0} ms. Statuses on the day: {statuses}."));
        section.AppendLine();
        section.Append(Table(figures));
        section.AppendLine();
        section.AppendLine("""
            How to read it:

            - Times are Stopwatch milliseconds around one whole query in the client: the median and the
              95th percentile (nearest rank) of the N timed runs. The two forms run in turn, run by run.
            - Results: the agreements a query returns (for counts, how many counts are not zero).
            - Read model: `AgreementListQuery.ReadPageAsync` on the index table with the list's default
              page size of 50 (all pages: 200, the largest), or `AgreementIndex.CountAsync`. Its entities
              read are the page's `EntitiesRead`; for counts, the counter rows read.
            - Full scan: `AgreementRepository.ListAgreementsAsync` reads every agreement row, then each
              status is computed with `AgreementStates.StateOf`/`StatusOn` and the rows are filtered,
              sorted and paged in memory, as the list did before the read model. Its entities read are
              the rows scanned. "All pages" scans once and pages in memory; an endpoint that scanned
              for each page would read the table once per page.
            - Before timing, the first warm-up run checks that both forms return the same agreements in
              the same order (the same counts for counts). The generated register has no submission
              rows, so the scan's empty submission list computes the same statuses as the projection.
            - Azurite 3.37.0 answers a query by testing every entity of the table against the filter,
              then sorting all the matches by key and returning one page (`queryTableEntities` in its
              `LokiTableMetadataStore`). So here the time of a read-model page grows with the whole
              index table and with the rows its filter matches, not with the page. That is why the
              unfiltered first page, whose partition contains every agreement, can take longer than a
              filtered one. It is also why reading all pages can take longer than one scan, because
              each request for 200 rows filters the whole index again.
            - Azure Table storage finds rows by partition and row key: Microsoft's guide "Design for
              querying" ranks a query on one partition and a row key range above a partition scan and a
              table scan. It also adds a network round trip per request. So Azure's times differ from
              these; the entities read carry over, since they follow from the keys.
            """);
        return section.ToString();
    }

    /// <summary>
    /// Writes the section into the Markdown file: in place of the section with the same heading if
    /// there is one (up to the next heading of the same or a higher level), else at the end.
    /// Creates the file with a title when it does not exist.
    /// </summary>
    public static void WriteSection(string path, string section)
    {
        string existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nMeasured figures of this project, with the command and machine behind each.\n";
        List<string> lines = [.. existing.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')];
        int start = lines.FindIndex(line => line.TrimEnd() == Heading);
        string[] newLines = section.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if (start < 0)
        {
            lines.Add(string.Empty);
            lines.AddRange(newLines);
        }
        else
        {
            int end = lines.FindIndex(start + 1, line => line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("# ", StringComparison.Ordinal));
            end = end < 0 ? lines.Count : end;
            lines.RemoveRange(start, end - start);
            bool sectionsFollow = start < lines.Count;
            lines.InsertRange(start, sectionsFollow ? [.. newLines, string.Empty] : newLines);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    /// <summary>Returns a description of the machine: cores, processor, memory, operating system and .NET runtime.</summary>
    public static string MachineDescription()
    {
        string processor = ReadProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        string memory = ReadProcLine("/proc/meminfo", "MemTotal") is string total
            && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kibibytes)
            ? string.Create(CultureInfo.InvariantCulture, $"{kibibytes / 1024.0 / 1024.0:F1} GiB RAM")
            : string.Create(CultureInfo.InvariantCulture, $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0:F1} GiB RAM available to .NET");
        return $"{Environment.ProcessorCount} cores ({processor}), {memory}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    /// <summary>Returns the 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;

    /// <summary>Returns the value of the first "name: value" line of a /proc file, or null where there is none.</summary>
    private static string? ReadProcLine(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string? line = File.ReadLines(path).FirstOrDefault(line => line.StartsWith(name, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
