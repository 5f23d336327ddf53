using System.Reflection;
using System.Text.Json;
using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// The reminder policies of the programme, read from the embedded file
/// <c>Calendar/Policies/reminder-policies.json</c>: a default policy and one per agreement type code.
/// The file is read and checked on first use; an invalid file throws
/// <see cref="InvalidReminderPolicyException"/> on that use and on every later one.
/// Call <see cref="EnsureLoaded"/> at start-up to fail before the first reminder.
/// </summary>
public static class ReminderPolicies
{
    /// <summary>The manifest resource name of the embedded file.</summary>
    public const string ResourceName = "Policies.reminder-policies.json";

    private static readonly Lazy<ReminderPolicyTable> Embedded = new(LoadEmbedded);

    /// <summary>The file's default policy, for callers that have no agreement type.</summary>
    public static ReminderPolicy Default => Embedded.Value.Default;

    /// <summary>Reads and checks the embedded file now.</summary>
    /// <exception cref="InvalidReminderPolicyException">The file is invalid.</exception>
    public static void EnsureLoaded() => _ = Embedded.Value;

    /// <summary>Returns the policy of an agreement type.</summary>
    /// <exception cref="InvalidReminderPolicyException">The embedded file is invalid.</exception>
    public static ReminderPolicy For(AgreementType type) => Embedded.Value.For(type);

    /// <summary>
    /// Returns the policy of one agreement: its stored override when there is one, else the
    /// policy of its type. Null, empty or white-space override text means no override.
    /// </summary>
    /// <exception cref="InvalidReminderPolicyException">The override, or the embedded file, is invalid.</exception>
    public static ReminderPolicy Resolve(AgreementType type, string? overrideJson) =>
        string.IsNullOrWhiteSpace(overrideJson) ? For(type) : ReminderPolicy.Parse(overrideJson);

    private static ReminderPolicyTable LoadEmbedded()
    {
        Assembly assembly = typeof(ReminderPolicies).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidReminderPolicyException($"The embedded resource '{ResourceName}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return ReminderPolicyTable.Parse(reader.ReadToEnd(), ResourceName);
    }
}

/// <summary>A default policy and one policy per agreement type, read from a policy file.</summary>
internal sealed class ReminderPolicyTable
{
    private const string DefaultField = "default";
    private const string TypesField = "types";

    private readonly Dictionary<AgreementType, ReminderPolicy> byType;

    private ReminderPolicyTable(ReminderPolicy defaultPolicy, Dictionary<AgreementType, ReminderPolicy> byType)
    {
        this.Default = defaultPolicy;
        this.byType = byType;
    }

    public ReminderPolicy Default { get; }

    public ReminderPolicy For(AgreementType type) =>
        this.byType.TryGetValue(type, out ReminderPolicy? policy)
            ? policy
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined agreement type.");

    /// <summary>
    /// Parses a policy file: <c>{"default": policy, "types": {"cessio-us": policy, …}}</c>, with a
    /// policy for each of the four type codes. Every problem is collected before throwing.
    /// </summary>
    /// <exception cref="InvalidReminderPolicyException">The file is invalid.</exception>
    public static ReminderPolicyTable Parse(string json, string source)
    {
        string description = $"reminder policy file '{source}'";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new InvalidReminderPolicyException(description, [$"the text is not valid JSON: {error.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidReminderPolicyException(description, ["the file must be a JSON object with the fields default and types."]);
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (property.Name is not DefaultField and not TypesField)
                {
                    problems.Add($"unknown field '{property.Name}'. The fields are default and types.");
                }
            }

            ReminderPolicy? defaultPolicy = null;
            if (root.TryGetProperty(DefaultField, out JsonElement defaultElement))
            {
                defaultPolicy = ReminderPolicyJson.Read(defaultElement, DefaultField, problems);
            }
            else
            {
                problems.Add("the field 'default' is missing.");
            }

            Dictionary<AgreementType, ReminderPolicy> byType = ReadTypes(root, problems);
            if (problems.Count > 0 || defaultPolicy is null)
            {
                throw new InvalidReminderPolicyException(description, problems);
            }

            return new ReminderPolicyTable(defaultPolicy, byType);
        }
    }

    private static Dictionary<AgreementType, ReminderPolicy> ReadTypes(JsonElement root, List<string> problems)
    {
        var byType = new Dictionary<AgreementType, ReminderPolicy>();
        if (!root.TryGetProperty(TypesField, out JsonElement types) || types.ValueKind != JsonValueKind.Object)
        {
            problems.Add("the field 'types' must be an object with a policy for each agreement type code.");
            return byType;
        }

        // A type whose policy is invalid counts as present, so it is reported once, for its own problems.
        var present = new HashSet<AgreementType>();
        foreach (JsonProperty property in types.EnumerateObject())
        {
            string path = $"{TypesField}.{property.Name}";
            if (!AgreementTypeCodes.TryParse(property.Name, out AgreementType type))
            {
                problems.Add($"unknown agreement type code '{property.Name}' in '{TypesField}'. The codes are {string.Join(", ", AllCodes())}.");
                continue;
            }

            if (!present.Add(type))
            {
                problems.Add($"the agreement type code '{property.Name}' appears more than once in '{TypesField}'.");
                continue;
            }

            if (ReminderPolicyJson.Read(property.Value, path, problems) is ReminderPolicy policy)
            {
                byType.Add(type, policy);
            }
        }

        foreach (AgreementType type in Enum.GetValues<AgreementType>().Where(type => !present.Contains(type)))
        {
            problems.Add($"'{TypesField}' has no policy for the agreement type code '{AgreementTypeCodes.ToCode(type)}'.");
        }

        return byType;
    }

    private static IEnumerable<string> AllCodes() => Enum.GetValues<AgreementType>().Select(AgreementTypeCodes.ToCode);
}
