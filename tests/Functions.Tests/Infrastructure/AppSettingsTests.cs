using System.Reflection;
using System.Text.RegularExpressions;
using BalancFunctions.Functions.Configuration;

namespace BalancFunctions.Functions.Tests.Infrastructure;

/// <summary>
/// Checks the app settings in infra/bicep/modules/function-app.bicep against the options that
/// BalancServices binds, so that a renamed or new option cannot ship without its setting.
/// </summary>
public sealed partial class AppSettingsTests
{
    private const string FunctionAppModule = "infra/bicep/modules/function-app.bicep";

    // Settings that the Functions host, Durable Functions or Application Insights read, not the app code.
    private static readonly string[] PlatformPrefixes = ["FUNCTIONS_", "APPLICATIONINSIGHTS_", "AzureWebJobsStorage__"];

    // Identity-based connection of the host and of the Durable Functions Azure Storage provider.
    private static readonly string[] HostStorageSettings =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
    ];

    // The Azurite alternative to the service URIs, which must stay unset in Azure.
    private static readonly string[] LocalOnlySettings = ["BalancStorage__ConnectionString"];

    [Fact]
    public void BoundOptions_FromBalancServices_Found()
    {
        string[] sections = BoundOptionTypes().Select(SectionOf).ToArray();

        Assert.Equal(["BalancStorage", "Smtp", "Otpc", "Site", "SubmissionTokens"], sections);
    }

    [Fact]
    public void AppSettings_LocalDefaults_AreOverridden()
    {
        HashSet<string> settings = ReadAppSettings();

        foreach (string key in SettingsWithLocalDefaults())
        {
            Assert.True(settings.Contains(key), $"{FunctionAppModule} does not set {key}, whose default only works locally.");
        }
    }

    [Fact]
    public void AppSettings_HostStorage_UsesIdentity()
    {
        HashSet<string> settings = ReadAppSettings();

        foreach (string key in HostStorageSettings)
        {
            Assert.True(settings.Contains(key), $"{FunctionAppModule} does not set {key}.");
        }
    }

    [Fact]
    public void AppSettings_Unread_AreAbsent()
    {
        HashSet<string> readable = ReadableSettings();

        foreach (string key in ReadAppSettings())
        {
            bool isPlatform = PlatformPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(isPlatform || readable.Contains(key), $"{FunctionAppModule} sets {key}, which nothing reads.");
        }
    }

    [Fact]
    public void AppSettings_LocalOnly_AreAbsent()
    {
        HashSet<string> settings = ReadAppSettings();

        foreach (string key in LocalOnlySettings)
        {
            Assert.False(settings.Contains(key), $"{FunctionAppModule} sets {key}, which is for Azurite only.");
        }
    }

    [Fact]
    public void AppSettings_Keys_UseDoubleUnderscore()
    {
        foreach (string key in ReadAppSettings())
        {
            Assert.DoesNotContain(":", key, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MainBicep_FunctionAppModule_Deployed()
    {
        string main = File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "bicep", "main.bicep"));

        Assert.Contains("'modules/function-app.bicep'", main, StringComparison.Ordinal);
    }

    /// <summary>Returns the option types in the order that BalancServices binds them.</summary>
    private static Type[] BoundOptionTypes()
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Functions", "BalancServices.cs"));
        Dictionary<string, Type> optionTypes = typeof(StorageOptions).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(StorageOptions).Namespace)
            .ToDictionary(type => type.Name);

        return BindCall().Matches(source)
            .Select(match => optionTypes[match.Groups["type"].Value])
            .ToArray();
    }

    private static string SectionOf(Type optionType) =>
        (string)optionType.GetField("Section", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>Returns every Section__Property key that the bound options can read.</summary>
    private static HashSet<string> ReadableSettings() =>
        BoundOptionTypes()
            .SelectMany(type => type.GetProperties().Where(property => property.CanWrite).Select(property => $"{SectionOf(type)}__{property.Name}"))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Returns the keys whose default is empty or points at a local or example address, so a
    /// deployment that leaves them unset would start but use local or placeholder values.
    /// </summary>
    private static IEnumerable<string> SettingsWithLocalDefaults()
    {
        foreach (Type type in BoundOptionTypes())
        {
            object defaults = Activator.CreateInstance(type)!;
            foreach (PropertyInfo property in type.GetProperties().Where(property => property.CanWrite))
            {
                string key = $"{SectionOf(type)}__{property.Name}";
                string? value = property.GetValue(defaults)?.ToString();
                bool isLocal = string.IsNullOrEmpty(value)
                    || value.Contains("127.0.0.1", StringComparison.Ordinal)
                    || value.Contains("example.org", StringComparison.Ordinal);
                if (isLocal && !LocalOnlySettings.Contains(key))
                {
                    yield return key;
                }
            }
        }
    }

    /// <summary>Reads the keys of the flat `var appSettings = { ... }` object in the Function App module.</summary>
    private static HashSet<string> ReadAppSettings()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), FunctionAppModule));
        int start = Array.FindIndex(lines, line => line.StartsWith("var appSettings = {", StringComparison.Ordinal));
        Assert.True(start >= 0, $"{FunctionAppModule} has no 'var appSettings = {{' line.");
        int end = Array.FindIndex(lines, start + 1, line => line == "}");
        Assert.True(end > start, $"{FunctionAppModule} does not close appSettings with a '}}' line.");

        HashSet<string> keys = new(StringComparer.Ordinal);
        foreach (string line in lines[(start + 1)..end])
        {
            Match match = SettingKey().Match(line);
            if (match.Success)
            {
                Assert.True(keys.Add(match.Groups["key"].Value), $"{FunctionAppModule} sets {match.Groups["key"].Value} twice.");
            }
        }

        Assert.NotEmpty(keys);
        return keys;
    }

    /// <summary>Walks up from the test binaries to the folder that contains BalancFunctions.sln.</summary>
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BalancFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"BalancFunctions.sln not found in {AppContext.BaseDirectory} or any parent folder.");
    }

    [GeneratedRegex(@"GetSection\((?<type>\w+)\.Section\)")]
    private static partial Regex BindCall();

    // A bare key (Smtp__Host:) or a quoted one ('Smtp:Host':) at the start of a line.
    [GeneratedRegex(@"^\s*(?:'(?<key>[^']+)'|(?<key>[A-Za-z_][A-Za-z0-9_]*))\s*:")]
    private static partial Regex SettingKey();
}
