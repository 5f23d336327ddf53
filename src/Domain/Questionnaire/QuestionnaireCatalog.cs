using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace BalancFunctions.Domain.Questionnaire;

/// <summary>
/// Every questionnaire version the application knows, checked when the catalog is built.
/// Create it once at start-up with <see cref="LoadEmbedded"/> so that an invalid file stops the
/// application before the first submission. Thread-safe: it never changes after construction.
/// </summary>
public sealed class QuestionnaireCatalog
{
    /// <summary>The prefix of the embedded resource names, followed by the file name <c>&lt;version&gt;.json</c>.</summary>
    public const string ResourcePrefix = "Questionnaire.";

    private readonly Dictionary<string, QuestionnaireDefinition> definitionsByVersion;

    /// <summary>Creates a catalog from definitions, checking each one.</summary>
    /// <exception cref="InvalidQuestionnaireException">A definition is invalid, two share a version, or there is none.</exception>
    public QuestionnaireCatalog(IEnumerable<QuestionnaireDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        this.definitionsByVersion = new Dictionary<string, QuestionnaireDefinition>(StringComparer.Ordinal);
        foreach (QuestionnaireDefinition definition in definitions)
        {
            QuestionnaireDefinitionChecker.Check(definition, $"version {definition.Version}");
            if (!this.definitionsByVersion.TryAdd(definition.Version, definition))
            {
                throw new InvalidQuestionnaireException($"version {definition.Version}", ["two definitions have this version."]);
            }
        }

        if (this.definitionsByVersion.Count == 0)
        {
            throw new InvalidQuestionnaireException("catalog", ["no questionnaire version was found."]);
        }

        this.Definitions = [.. this.definitionsByVersion.Values.OrderBy(definition => Version.Parse(definition.Version))];
        this.Versions = [.. this.Definitions.Select(definition => definition.Version)];
        this.Current = this.Definitions[^1];
    }

    /// <summary>The known version codes, oldest first (compared as numbers: 2026.2 before 2026.10).</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>The known definitions, oldest first.</summary>
    public IReadOnlyList<QuestionnaireDefinition> Definitions { get; }

    /// <summary>The newest version, which new submissions answer.</summary>
    public QuestionnaireDefinition Current { get; }

    /// <summary>
    /// Loads every <c>Questionnaire\Versions\*.json</c> file embedded in the Domain assembly.
    /// Each file name must equal its version, such as <c>2026.1.json</c>.
    /// </summary>
    /// <exception cref="InvalidQuestionnaireException">A file is invalid, or its name and version differ.</exception>
    /// <summary>Returns the embedded data file of a version as it is stored, or null for an unknown version.</summary>
    public static string? ReadEmbeddedJson(string version)
    {
        using Stream? stream = typeof(QuestionnaireCatalog).Assembly.GetManifestResourceStream($"{ResourcePrefix}{version}.json");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static QuestionnaireCatalog LoadEmbedded()
    {
        Assembly assembly = typeof(QuestionnaireCatalog).Assembly;
        var definitions = new List<QuestionnaireDefinition>();
        foreach (string resourceName in assembly.GetManifestResourceNames().Where(IsQuestionnaireResource).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"The embedded resource '{resourceName}' cannot be opened.");
            using var reader = new StreamReader(stream);
            QuestionnaireDefinition definition = QuestionnaireDefinitionReader.Read(reader.ReadToEnd(), resourceName);

            string expectedName = $"{ResourcePrefix}{definition.Version}.json";
            if (resourceName != expectedName)
            {
                throw new InvalidQuestionnaireException(resourceName, [$"the file declares version {definition.Version}, so it must be named {definition.Version}.json."]);
            }

            definitions.Add(definition);
        }

        return new QuestionnaireCatalog(definitions);
    }

    /// <summary>Finds a definition by its exact version code.</summary>
    public bool TryGet(string version, [MaybeNullWhen(false)] out QuestionnaireDefinition definition) =>
        this.definitionsByVersion.TryGetValue(version, out definition);

    private static bool IsQuestionnaireResource(string name) =>
        name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);
}
