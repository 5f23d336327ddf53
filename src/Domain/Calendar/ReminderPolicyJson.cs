using System.Globalization;
using System.Text.Json;

namespace BalancFunctions.Domain.Calendar;

/// <summary>Reads a <see cref="ReminderPolicy"/> from a JSON object, collecting every problem instead of stopping at the first.</summary>
internal static class ReminderPolicyJson
{
    public const string BeforeField = "before";
    public const string OverdueRepeatField = "overdueRepeat";
    public const string LocalTimeField = "localTime";
    public const string TimeFormat = "HH:mm";

    private static readonly string[] Fields = [BeforeField, OverdueRepeatField, LocalTimeField];

    /// <summary>
    /// Reads a policy object. Each problem is added to <paramref name="problems"/> with its JSON path,
    /// prefixed by <paramref name="path"/> (empty for a top-level policy). Returns null when a problem was found.
    /// </summary>
    public static ReminderPolicy? Read(JsonElement element, string path, List<string> problems)
    {
        int problemsBefore = problems.Count;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{Describe(path)} must be a JSON object with the fields before, overdueRepeat and localTime, but it is {Kind(element)}.");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add($"unknown field '{Join(path, property.Name)}'. The fields are before, overdueRepeat and localTime.");
            }
            else if (!seen.Add(property.Name))
            {
                problems.Add($"the field '{Join(path, property.Name)}' appears more than once.");
            }
        }

        List<IsoDuration>? before = ReadBefore(element, Join(path, BeforeField), problems);
        IsoRepeat? overdueRepeat = ReadRepeat(element, Join(path, OverdueRepeatField), problems);
        TimeOnly? localTime = ReadLocalTime(element, Join(path, LocalTimeField), problems);
        if (problems.Count > problemsBefore || before is null || localTime is null)
        {
            return null;
        }

        var policy = new ReminderPolicy(before, overdueRepeat, localTime.Value);
        foreach (string problem in policy.FindProblems())
        {
            problems.Add(path.Length == 0 ? problem : $"{path}: {problem}");
        }

        return problems.Count > problemsBefore ? null : policy;
    }

    private static List<IsoDuration>? ReadBefore(JsonElement policy, string path, List<string> problems)
    {
        if (!policy.TryGetProperty(BeforeField, out JsonElement array))
        {
            problems.Add($"the field '{path}' is missing. Give the offsets before the due date, such as [\"P30D\", \"P7D\", \"P1D\"].");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"'{path}' must be an array of durations such as [\"P30D\", \"P7D\"], but it is {Kind(array)}.");
            return null;
        }

        var offsets = new List<IsoDuration>();
        var firstIndexByOffset = new Dictionary<IsoDuration, int>();
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            string itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add($"'{itemPath}' must be a duration string such as \"P7D\", but it is {Kind(item)}.");
            }
            else if (!IsoDuration.TryParse(item.GetString(), out IsoDuration offset, out string? error))
            {
                problems.Add($"{itemPath}: {error}");
            }
            else if (firstIndexByOffset.TryGetValue(offset, out int firstIndex))
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{itemPath}: '{item.GetString()}' is the same offset as {path}[{firstIndex}] ({offset}). Give each offset once."));
            }
            else
            {
                firstIndexByOffset.Add(offset, index);
                offsets.Add(offset);
            }

            index++;
        }

        if (index == 0)
        {
            problems.Add($"'{path}' is empty. Give at least one offset, such as [\"P30D\", \"P7D\", \"P1D\"].");
        }
        else if (index > ReminderPolicy.MaxOffsets)
        {
            problems.Add($"'{path}' has {index} offsets, but at most {ReminderPolicy.MaxOffsets} are allowed.");
        }

        return offsets;
    }

    private static IsoRepeat? ReadRepeat(JsonElement policy, string path, List<string> problems)
    {
        if (!policy.TryGetProperty(OverdueRepeatField, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"'{path}' must be a repeat string such as \"R4/P7D\" or null, but it is {Kind(value)}.");
            return null;
        }

        if (!IsoRepeat.TryParse(value.GetString(), out IsoRepeat repeat, out string? error))
        {
            problems.Add($"{path}: {error}");
            return null;
        }

        return repeat;
    }

    private static TimeOnly? ReadLocalTime(JsonElement policy, string path, List<string> problems)
    {
        if (!policy.TryGetProperty(LocalTimeField, out JsonElement value))
        {
            problems.Add($"the field '{path}' is missing. Give the local hour of the reminders as HH:mm, such as \"09:00\".");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String
            || !TimeOnly.TryParseExact(value.GetString(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            string valueText = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : Kind(value);
            problems.Add($"{path}: {valueText} is not a valid local time. Give it as HH:mm on a 24-hour clock, such as \"09:00\".");
            return null;
        }

        return time;
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static string Describe(string path) => path.Length == 0 ? "the policy" : $"'{path}'";

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
