using System.Text.Json;

namespace BalancFunctions.Domain.Questionnaire;

/// <summary>
/// Reads a questionnaire definition from its JSON file. The file's schema is documented on
/// each property read below; unknown properties are rejected so that a misspelt one cannot be
/// ignored silently.
/// </summary>
public static class QuestionnaireDefinitionReader
{
    private static readonly string[] CommonIndicatorProperties = ["id", "label", "help", "type", "required", "condition"];

    /// <summary>
    /// Parses and checks a definition.
    /// </summary>
    /// <param name="json">The file contents.</param>
    /// <param name="source">The file or resource name, used in error messages.</param>
    /// <exception cref="InvalidQuestionnaireException">The JSON is malformed or breaks a rule of the schema.</exception>
    public static QuestionnaireDefinition Read(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw new InvalidQuestionnaireException(source, [$"the file is not valid JSON: {exception.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            QuestionnaireDefinition? definition = new ShapeReader(problems).ReadDefinition(document.RootElement);
            if (definition is null || problems.Count > 0)
            {
                throw new InvalidQuestionnaireException(source, problems);
            }

            QuestionnaireDefinitionChecker.Check(definition, source);
            return definition;
        }
    }

    /// <summary>Reads the JSON shape into records, collecting every problem with its path.</summary>
    private sealed class ShapeReader(List<string> problems)
    {
        public QuestionnaireDefinition? ReadDefinition(JsonElement root)
        {
            if (!this.ExpectObject(root, "$", ["version", "likert5Labels", "dimensions", "rules"]))
            {
                return null;
            }

            string version = this.ReadString(root, "version", "$") ?? string.Empty;
            IReadOnlyList<LocalizedText> likertLabels = this.ReadArray(root, "likert5Labels", "$", required: true, this.ReadLocalizedText);
            IReadOnlyList<DimensionDefinition> dimensions = this.ReadArray(root, "dimensions", "$", required: true, this.ReadDimension);
            IReadOnlyList<UpperBoundRule> rules = this.ReadArray(root, "rules", "$", required: false, this.ReadRule);
            return new QuestionnaireDefinition(version, likertLabels, dimensions, rules);
        }

        private DimensionDefinition? ReadDimension(JsonElement element, string path)
        {
            if (!this.ExpectObject(element, path, ["id", "title", "indicators"]))
            {
                return null;
            }

            string id = this.ReadString(element, "id", path) ?? string.Empty;
            LocalizedText title = this.ReadLocalizedProperty(element, "title", path) ?? new LocalizedText(string.Empty, string.Empty);
            IReadOnlyList<IndicatorDefinition> indicators = this.ReadArray(element, "indicators", path, required: true, this.ReadIndicator);
            return new DimensionDefinition(id, title, indicators);
        }

        private IndicatorDefinition? ReadIndicator(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path}: an object was expected.");
                return null;
            }

            string id = this.ReadString(element, "id", path) ?? string.Empty;
            string? typeCode = this.ReadString(element, "type", path);
            IndicatorType? type = ParseIndicatorType(typeCode);
            if (type is null)
            {
                if (typeCode is not null)
                {
                    problems.Add($"{path}.type: unknown type '{typeCode}'; expected int, decimal, pct, bool, likert5, select, multi, text or period.");
                }

                return null;
            }

            string[] typeProperties = type switch
            {
                IndicatorType.WholeNumber => ["min", "max"],
                IndicatorType.DecimalNumber or IndicatorType.Percentage => ["min", "max", "maxDecimals"],
                IndicatorType.Text => ["minLength", "maxLength"],
                IndicatorType.Select or IndicatorType.Multi => ["options"],
                IndicatorType.Period => ["maxMonths", "endNotAfterSubmissionDate"],
                _ => [],
            };
            this.ExpectObject(element, path, [.. CommonIndicatorProperties, .. typeProperties]);

            LocalizedText label = this.ReadLocalizedProperty(element, "label", path) ?? new LocalizedText(string.Empty, string.Empty);
            string? requiredCode = this.ReadString(element, "required", path);
            AnswerRequirement required = ParseRequirement(requiredCode) ?? AnswerRequirement.Optional;
            if (requiredCode is not null && ParseRequirement(requiredCode) is null)
            {
                problems.Add($"{path}.required: unknown value '{requiredCode}'; expected mandatory, optional or conditional.");
            }

            var indicator = new IndicatorDefinition(id, label, type.Value, required)
            {
                Help = element.TryGetProperty("help", out _) ? this.ReadLocalizedProperty(element, "help", path) : null,
                Condition = element.TryGetProperty("condition", out JsonElement condition) ? this.ReadCondition(condition, path + ".condition") : null,
            };

            bool isNumeric = type is IndicatorType.WholeNumber or IndicatorType.DecimalNumber or IndicatorType.Percentage;
            return type switch
            {
                _ when isNumeric => indicator with
                {
                    Minimum = this.ReadDecimal(element, "min", path),
                    Maximum = this.ReadDecimal(element, "max", path),
                    MaxDecimals = type == IndicatorType.WholeNumber ? 0 : this.ReadInt(element, "maxDecimals", path, required: true) ?? 0,
                },
                IndicatorType.Text => indicator with
                {
                    MinLength = this.ReadInt(element, "minLength", path, required: false) ?? 1,
                    MaxLength = this.ReadInt(element, "maxLength", path, required: true),
                },
                IndicatorType.Select or IndicatorType.Multi => indicator with
                {
                    Options = this.ReadArray(element, "options", path, required: true, this.ReadOption),
                },
                IndicatorType.Period => indicator with
                {
                    MaxMonths = this.ReadInt(element, "maxMonths", path, required: false),
                    EndNotAfterSubmissionDate = this.ReadBool(element, "endNotAfterSubmissionDate", path) ?? false,
                },
                _ => indicator,
            };
        }

        private OptionDefinition? ReadOption(JsonElement element, string path)
        {
            if (!this.ExpectObject(element, path, ["code", "label"]))
            {
                return null;
            }

            string code = this.ReadString(element, "code", path) ?? string.Empty;
            LocalizedText label = this.ReadLocalizedProperty(element, "label", path) ?? new LocalizedText(string.Empty, string.Empty);
            return new OptionDefinition(code, label);
        }

        private AnswerCondition? ReadCondition(JsonElement element, string path)
        {
            if (!this.ExpectObject(element, path, ["indicator", "op", "value"]))
            {
                return null;
            }

            string source = this.ReadString(element, "indicator", path) ?? string.Empty;
            string? operatorCode = this.ReadString(element, "op", path);
            ConditionOperator? op = ParseOperator(operatorCode);
            if (op is null)
            {
                if (operatorCode is not null)
                {
                    problems.Add($"{path}.op: unknown operator '{operatorCode}'; expected eq, ne, gt, ge, lt, le or contains.");
                }

                return null;
            }

            var condition = new AnswerCondition(source, op.Value);
            if (!element.TryGetProperty("value", out JsonElement value))
            {
                problems.Add($"{path}.value: missing.");
                return condition;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.True or JsonValueKind.False:
                    return condition with { BooleanValue = value.GetBoolean() };
                case JsonValueKind.Number when value.TryGetDecimal(out decimal number):
                    return condition with { NumberValue = number };
                case JsonValueKind.String:
                    return condition with { OptionValue = value.GetString() };
                default:
                    problems.Add($"{path}.value: expected true, false, a number or an option code.");
                    return condition;
            }
        }

        private UpperBoundRule? ReadRule(JsonElement element, string path)
        {
            if (!this.ExpectObject(element, path, ["kind", "indicator", "terms", "factor", "severity"]))
            {
                return null;
            }

            string? kind = this.ReadString(element, "kind", path);
            if (kind is not null && kind != "at-most")
            {
                problems.Add($"{path}.kind: unknown rule kind '{kind}'; the only kind is at-most (indicator ≤ factor × sum of terms).");
            }

            string indicator = this.ReadString(element, "indicator", path) ?? string.Empty;
            IReadOnlyList<string> terms = this.ReadArray(element, "terms", path, required: true, this.ReadStringElement);
            decimal factor = element.TryGetProperty("factor", out _) ? this.ReadDecimal(element, "factor", path) ?? 1 : 1;
            string? severityCode = this.ReadString(element, "severity", path);
            ProblemSeverity severity = ProblemSeverity.Error;
            switch (severityCode)
            {
                case "error":
                    break;
                case "warning":
                    severity = ProblemSeverity.Warning;
                    break;
                case null:
                    break;
                default:
                    problems.Add($"{path}.severity: unknown severity '{severityCode}'; expected error or warning.");
                    break;
            }

            return new UpperBoundRule(indicator, terms, factor, severity);
        }

        private LocalizedText? ReadLocalizedText(JsonElement element, string path)
        {
            if (!this.ExpectObject(element, path, ["ca", "es"]))
            {
                return null;
            }

            string ca = this.ReadString(element, "ca", path) ?? string.Empty;
            string es = this.ReadString(element, "es", path) ?? string.Empty;
            return new LocalizedText(ca, es);
        }

        private string? ReadStringElement(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{path}: a string was expected.");
                return null;
            }

            return element.GetString();
        }

        private LocalizedText? ReadLocalizedProperty(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out JsonElement element))
            {
                problems.Add($"{path}.{name}: missing.");
                return null;
            }

            return this.ReadLocalizedText(element, $"{path}.{name}");
        }

        private List<T> ReadArray<T>(JsonElement parent, string name, string path, bool required, Func<JsonElement, string, T?> readItem)
            where T : class
        {
            if (!parent.TryGetProperty(name, out JsonElement array))
            {
                if (required)
                {
                    problems.Add($"{path}.{name}: missing.");
                }

                return [];
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"{path}.{name}: an array was expected.");
                return [];
            }

            var items = new List<T>();
            int index = 0;
            foreach (JsonElement item in array.EnumerateArray())
            {
                T? value = readItem(item, $"{path}.{name}[{index}]");
                if (value is not null)
                {
                    items.Add(value);
                }

                index++;
            }

            return items;
        }

        private string? ReadString(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out JsonElement element))
            {
                problems.Add($"{path}.{name}: missing.");
                return null;
            }

            return this.ReadStringElement(element, $"{path}.{name}");
        }

        private decimal? ReadDecimal(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out JsonElement element))
            {
                problems.Add($"{path}.{name}: missing.");
                return null;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out decimal value))
            {
                problems.Add($"{path}.{name}: a number was expected.");
                return null;
            }

            return value;
        }

        private int? ReadInt(JsonElement parent, string name, string path, bool required)
        {
            if (!parent.TryGetProperty(name, out JsonElement element))
            {
                if (required)
                {
                    problems.Add($"{path}.{name}: missing.");
                }

                return null;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int value))
            {
                problems.Add($"{path}.{name}: a whole number was expected.");
                return null;
            }

            return value;
        }

        private bool? ReadBool(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out JsonElement element))
            {
                return null;
            }

            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add($"{path}.{name}: true or false was expected.");
                return null;
            }

            return element.GetBoolean();
        }

        private bool ExpectObject(JsonElement element, string path, string[] allowedProperties)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path}: an object was expected.");
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    problems.Add($"{path}.{property.Name}: the property appears more than once.");
                }
                else if (!allowedProperties.Contains(property.Name, StringComparer.Ordinal))
                {
                    problems.Add($"{path}.{property.Name}: unknown property; allowed here: {string.Join(", ", allowedProperties)}.");
                }
            }

            return true;
        }
    }

    private static IndicatorType? ParseIndicatorType(string? code) => code switch
    {
        "int" => IndicatorType.WholeNumber,
        "decimal" => IndicatorType.DecimalNumber,
        "pct" => IndicatorType.Percentage,
        "bool" => IndicatorType.Bool,
        "likert5" => IndicatorType.Likert5,
        "select" => IndicatorType.Select,
        "multi" => IndicatorType.Multi,
        "text" => IndicatorType.Text,
        "period" => IndicatorType.Period,
        _ => null,
    };

    private static AnswerRequirement? ParseRequirement(string? code) => code switch
    {
        "mandatory" => AnswerRequirement.Mandatory,
        "optional" => AnswerRequirement.Optional,
        "conditional" => AnswerRequirement.Conditional,
        _ => null,
    };

    private static ConditionOperator? ParseOperator(string? code) => code switch
    {
        "eq" => ConditionOperator.Eq,
        "ne" => ConditionOperator.Ne,
        "gt" => ConditionOperator.Gt,
        "ge" => ConditionOperator.Ge,
        "lt" => ConditionOperator.Lt,
        "le" => ConditionOperator.Le,
        "contains" => ConditionOperator.Contains,
        _ => null,
    };
}
