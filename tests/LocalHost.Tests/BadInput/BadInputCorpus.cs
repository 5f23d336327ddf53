using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BalancFunctions.LocalHost.Tests.BadInput;

/// <summary>
/// One case of the bad-input corpus, as <c>cases.json</c> lists it: the request to send, where its
/// body comes from (a data file, or a generator for bodies too big to keep in the repository) and
/// the response the API must return.
/// </summary>
/// <param name="Name">The unique name, <c>target/case</c>, which the case's data file shares.</param>
/// <param name="Target">Which API the case exercises: balances, drafts, actions, registry, import, list or entity.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Route">The path relative to the host, with placeholders such as <c>{{BAL}}</c>.</param>
/// <param name="File">The data file under <c>BadInput/</c>: the body, or the query string of a GET.</param>
/// <param name="Generate">The generator of a body that is built at run time, instead of <paramref name="File"/>.</param>
/// <param name="ContentType">The Content-Type header as sent, or null to send none.</param>
/// <param name="Headers">Other request headers.</param>
/// <param name="Office">True to send the OTPC key.</param>
/// <param name="Expect">The expected response, whose members <see cref="BadInputTests"/> describes.</param>
/// <param name="MustNotExist">Agreement ids that must not exist after the case.</param>
/// <param name="RestoreImport">True to import the sample register's row again after an accepted change.</param>
public sealed record BadInputCase(
    string Name,
    string Target,
    string Method,
    string Route,
    string? File,
    JsonElement? Generate,
    string? ContentType,
    Dictionary<string, string>? Headers,
    bool Office,
    JsonElement Expect,
    string[]? MustNotExist,
    bool RestoreImport);

/// <summary>Reads the corpus manifest and builds the bodies of its cases.</summary>
public static class BadInputCorpus
{
    /// <summary>The folder of the manifest and the data files.</summary>
    public static string Folder { get; } = Path.Combine(LocalHostFixture.RepositoryRoot, "tests", "LocalHost.Tests", "BadInput");

    private static readonly Lazy<IReadOnlyList<BadInputCase>> Manifest = new(Load);

    public static IReadOnlyList<BadInputCase> Cases => Manifest.Value;

    public static BadInputCase Find(string name) => Cases.Single(candidate => candidate.Name == name);

    /// <summary>Returns the case's body with its placeholders replaced, or null for a request without one.</summary>
    public static byte[]? Body(BadInputCase corpusCase, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(corpusCase);
        if (corpusCase.Generate is JsonElement generator)
        {
            return Substitute(Generate(generator), values);
        }

        return corpusCase.File is null || corpusCase.Method == "GET"
            ? null
            : Substitute(System.IO.File.ReadAllBytes(Path.Combine(Folder, corpusCase.File)), values);
    }

    /// <summary>Returns the case's path and query with the placeholders replaced.</summary>
    public static string PathAndQuery(BadInputCase corpusCase, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(corpusCase);
        string route = corpusCase.Route;
        if (corpusCase.Method == "GET" && corpusCase.File is not null)
        {
            string query = System.IO.File.ReadAllText(Path.Combine(Folder, corpusCase.File));
            route += query.Length > 0 ? "?" + query : string.Empty;
        }

        return Encoding.UTF8.GetString(Substitute(Encoding.UTF8.GetBytes(route), values));
    }

    /// <summary>Replaces each <c>{{NAME}}</c> by its value, byte for byte, so that bodies in any encoding keep every other byte.</summary>
    public static byte[] Substitute(byte[] body, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(values);
        if (body.AsSpan().IndexOf("{{"u8) < 0)
        {
            return body;
        }

        using MemoryStream output = new(body.Length);
        int index = 0;
        while (index < body.Length)
        {
            int start = body.AsSpan(index).IndexOf("{{"u8);
            int end = start < 0 ? -1 : body.AsSpan(index + start).IndexOf("}}"u8);
            if (start < 0 || end < 0)
            {
                output.Write(body, index, body.Length - index);
                break;
            }

            string name = Encoding.ASCII.GetString(body, index + start + 2, end - 2);
            output.Write(body, index, start);
            output.Write(values.TryGetValue(name, out string? value)
                ? Encoding.UTF8.GetBytes(value)
                : throw new InvalidOperationException($"The corpus uses the placeholder {{{{{name}}}}}, which has no value."));
            index += start + end + 2;
        }

        return output.ToArray();
    }

    private static IReadOnlyList<BadInputCase> Load()
    {
        using FileStream manifest = System.IO.File.OpenRead(Path.Combine(Folder, "cases.json"));
        using JsonDocument document = JsonDocument.Parse(manifest);
        JsonSerializerOptions options = new(JsonSerializerDefaults.Web);
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(element => element.Deserialize<BadInputCase>(options)!)];
    }

    /// <summary>Builds a body that is too big, too deep or too long to keep as a file.</summary>
    private static byte[] Generate(JsonElement generator)
    {
        string kind = generator.GetProperty("kind").GetString()!;
        return kind switch
        {
            "nesting" => Repeat("[", "]", generator.GetProperty("depth").GetInt32(), string.Empty),
            "object-nesting" => Repeat("{\"a\":", "}", generator.GetProperty("depth").GetInt32(), "1"),
            "json-padding" => Padded("{\"agreementId\":\"{{BAL}}\",\"token\":\"{{BAL_TOKEN}}\",\"padding\":\"", "\"}", Bytes(generator)),
            "draft-padding" => Padded("{\"token\":\"{{DRAFT_TOKEN}}\",\"questionnaireVersion\":\"2026.1\",\"answers\":{\"PD08\":\"", "\"},\"notAvailable\":{}}", Bytes(generator)),
            "form-fields" => Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, generator.GetProperty("count").GetInt32()).Select(field => $"answers.f{field}=1"))),
            "form-long-key" => Encoding.ASCII.GetBytes("answers." + new string('k', generator.GetProperty("length").GetInt32()) + "=1"),
            "csv-rejected-rows" => RejectedRows(generator.GetProperty("rows").GetInt32()),
            "csv-huge-field" => HugeField(Bytes(generator)),
            "csv-padding" => Padded(SampleRegister.Header + "\n", string.Empty, Bytes(generator)),
            _ => throw new InvalidOperationException($"Unknown generator '{kind}' in cases.json."),
        };
    }

    private static int Bytes(JsonElement generator) => generator.GetProperty("bytes").GetInt32();

    private static byte[] Repeat(string open, string close, int depth, string inner)
    {
        string text = string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>Returns <paramref name="prefix"/>, letters and <paramref name="suffix"/>, <paramref name="size"/> bytes in all.</summary>
    private static byte[] Padded(string prefix, string suffix, int size)
    {
        byte[] body = new byte[size];
        body.AsSpan().Fill((byte)'a');
        Encoding.ASCII.GetBytes(prefix).CopyTo(body, 0);
        Encoding.ASCII.GetBytes(suffix).CopyTo(body, size - suffix.Length);
        return body;
    }

    /// <summary>Rows of new agreements whose NIF is invalid, so that the import rejects every one.</summary>
    private static byte[] RejectedRows(int count)
    {
        StringBuilder csv = new(SampleRegister.Header + "\n");
        for (int number = 1; number <= count; number++)
        {
            string[] fields = [.. SampleRegister.ImportRowFields];
            fields[0] = string.Create(CultureInfo.InvariantCulture, $"PC-2099-R{number:D5}");
            fields[3] = "INVALID";
            csv.AppendJoin(',', fields.Select(SampleRegister.Quote)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static byte[] HugeField(int size)
    {
        string[] fields = [.. SampleRegister.ImportRowFields];
        fields[0] = "PC-2099-0050";
        fields[2] = new string('n', size);
        return Encoding.UTF8.GetBytes(SampleRegister.Header + "\n" + string.Join(',', fields.Select(SampleRegister.Quote)) + "\n");
    }
}

/// <summary>The header of the sample register and the row of the agreement that the import cases use.</summary>
public static class SampleRegister
{
    /// <summary>The agreement whose row the import cases send in odd forms. No other test changes it.</summary>
    public const string ImportAgreementId = "PC-2026-0089";

    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "agreements-sample.csv"));

    public static string Header => Lines[0];

    /// <summary>The import agreement's row exactly as the sample register has it.</summary>
    public static string ImportRow => Lines.Single(line => line.StartsWith(ImportAgreementId + ",", StringComparison.Ordinal));

    /// <summary>The import agreement's row split into fields (the sample quotes only fields with commas).</summary>
    public static IReadOnlyList<string> ImportRowFields
    {
        get
        {
            List<string> fields = [];
            StringBuilder current = new();
            bool quoted = false;
            foreach (char character in ImportRow)
            {
                if (character == '"')
                {
                    quoted = !quoted;
                }
                else if (character == ',' && !quoted)
                {
                    fields.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(character);
                }
            }

            fields.Add(current.ToString());
            return fields;
        }
    }

    public static string Quote(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
