using System.Text;
using System.Text.Json;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Questionnaire;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Api;

/// <summary>One problem in a problem+json body: the field, the rule broken and a message in the requester's language.</summary>
public sealed record ProblemItem(string Field, string Code, string Message);

/// <summary>
/// An RFC 9457 problem details body, with the list of every problem found. Every error the API
/// returns has this shape and <c>application/problem+json</c> as its content type.
/// </summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string Detail,
    IReadOnlyList<ProblemItem> Errors,
    IReadOnlyList<ProblemItem> Warnings);

/// <summary>Builds the API's problem responses in Catalan or Spanish.</summary>
public static class Problems
{
    private const string TypePrefix = "urn:balancfunctions:problem:";

    public static ApiResult Create(int status, string type, LocalizedText title, LocalizedText detail, Language language, IEnumerable<ProblemItem>? errors = null, IEnumerable<ProblemItem>? warnings = null) =>
        ApiResult.ProblemJson(status, new ProblemBody(TypePrefix + type, title.Get(language), status, detail.Get(language), [.. errors ?? []], [.. warnings ?? []]));

    /// <summary>A problem about one field, listed also in <c>errors</c>.</summary>
    public static ApiResult ForField(int status, string type, string field, LocalizedText title, LocalizedText detail, Language language) =>
        Create(status, type, title, detail, language, [new ProblemItem(field, type, detail.Get(language))]);

    private static string SizeText(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";

    public static IEnumerable<ProblemItem> Items(IEnumerable<ValidationProblem> problems, Language language) =>
        problems.Select(problem => new ProblemItem(problem.Field, problem.Code, problem.Message.Get(language)));

    /// <summary>A body that is not JSON, with where the parser stopped (1-based line and byte position).</summary>
    public static ApiResult InvalidJson(Language language, JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        long line = (exception.LineNumber ?? 0) + 1;
        long position = (exception.BytePositionInLine ?? 0) + 1;
        return ForField(
            StatusCodes.Status400BadRequest,
            "invalid-json",
            "body",
            new("El cos de la petició no és JSON vàlid", "El cuerpo de la petición no es JSON válido"),
            new($"El JSON s'interromp o té un error a la línia {line}, posició {position}.", $"El JSON se interrumpe o tiene un error en la línea {line}, posición {position}."),
            language);
    }

    /// <summary>A body that is valid JSON but not an object.</summary>
    public static ApiResult NotAnObject(Language language) => ForField(
        StatusCodes.Status400BadRequest,
        "invalid-json",
        "body",
        new("El cos de la petició no és JSON vàlid", "El cuerpo de la petición no es JSON válido"),
        new("El cos ha de ser un objecte JSON ({ … }).", "El cuerpo debe ser un objeto JSON ({ … })."),
        language);

    /// <summary>A request that no route serves (404, 405), in the same problem form as every other error.</summary>
    public static ApiResult ForStatus(int status, Language language) => Create(
        status,
        status == StatusCodes.Status405MethodNotAllowed ? "method-not-allowed" : "not-found",
        status == StatusCodes.Status405MethodNotAllowed ? new("Mètode no admès", "Método no admitido") : new("No trobat", "No encontrado"),
        status == StatusCodes.Status405MethodNotAllowed
            ? new("Aquesta adreça no admet aquest mètode HTTP.", "Esta dirección no admite este método HTTP.")
            : new("No hi ha res en aquesta adreça. Reviseu l'enllaç.", "No hay nada en esta dirección. Revise el enlace."),
        language);

    /// <summary>A JSON string that is not valid Unicode, such as an unpaired surrogate escape ("\ud800").</summary>
    public static ApiResult InvalidText(Language language, string field) => ForField(
        StatusCodes.Status400BadRequest,
        "invalid-text",
        field,
        new("El text no és vàlid", "El texto no es válido"),
        new("El text conté caràcters no vàlids. Torneu-lo a escriure o enganxeu-lo com a text sense format.", "El texto contiene caracteres no válidos. Vuelva a escribirlo o péguelo como texto sin formato."),
        language);

    public static ApiResult BodyTooLarge(Language language, long limitBytes) => ForField(
        StatusCodes.Status413PayloadTooLarge,
        "body-too-large",
        "body",
        new("La petició és massa gran", "La petición es demasiado grande"),
        new($"El cos de la petició supera el límit de {SizeText(limitBytes)}.", $"El cuerpo de la petición supera el límite de {SizeText(limitBytes)}."),
        language);

    public static ApiResult MissingOfficeKey(Language language) => ForField(
        StatusCodes.Status401Unauthorized,
        "office-key-required",
        "x-functions-key",
        new("Cal la clau de l'OTPC", "Se requiere la clave de la OTPC"),
        new("Aquesta operació és només per a l'OTPC: envieu la clau a la capçalera x-functions-key.", "Esta operación es solo para la OTPC: envíe la clave en la cabecera x-functions-key."),
        language);

    public static ApiResult NotFound(Language language, string field, string value) => ForField(
        StatusCodes.Status404NotFound,
        "not-found",
        field,
        new("No trobat", "No encontrado"),
        new($"No existeix cap registre amb l'identificador «{value}».", $"No existe ningún registro con el identificador «{value}»."),
        language);
}

/// <summary>Reads request bodies with a size limit.</summary>
public static class RequestBodies
{
    /// <summary>Reads the whole body, or returns null when it is longer than <paramref name="limitBytes"/>.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, long limitBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limitBytes)
        {
            return null;
        }

        using MemoryStream buffer = new();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limitBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a JSON object body with a size limit; returns the document, or the problem to answer
    /// (413 for a body over the limit, 400 for broken JSON, a body that is not an object, or a
    /// string that is not valid Unicode).
    /// </summary>
    public static async Task<(JsonDocument? Document, ApiResult? Problem)> ReadJsonObjectAsync(HttpRequest request, long limitBytes, Language language, CancellationToken cancellationToken)
    {
        byte[]? body = await ReadLimitedAsync(request, limitBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.BodyTooLarge(language, limitBytes));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            return (null, Problems.InvalidJson(language, exception));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, Problems.NotAnObject(language));
        }

        // Handlers read strings with GetString and Normalize, which throw on such text. It is rejected here, before anything reads or stores it.
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            if (!IsValidText(property))
            {
                string field = ReadsAsText(() => property.Name) ? property.Name : "body";
                document.Dispose();
                return (null, Problems.InvalidText(language, field));
            }
        }

        return (document, null);
    }

    /// <summary>
    /// Returns whether a property's name and every string and name inside its value decode to
    /// valid Unicode: no unpaired surrogate escape, no invalid UTF-8, no code point that Unicode
    /// normalization rejects (U+FFFE is one, but U+FFFF passes).
    /// </summary>
    private static bool IsValidText(JsonProperty property) =>
        ReadsAsText(() => property.Name) && IsValidText(property.Value);

    private static bool IsValidText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().All(IsValidText),
        JsonValueKind.Array => element.EnumerateArray().All(IsValidText),
        JsonValueKind.String => ReadsAsText(element.GetString),
        _ => true,
    };

    private static bool ReadsAsText(Func<string?> read)
    {
        try
        {
            _ = read()?.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Returns the requester's language from <c>?lang=</c> or Accept-Language.</summary>
    public static Language Language(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LanguageCodes.FromRequest(request.Query["lang"], request.Headers.AcceptLanguage);
    }
}
