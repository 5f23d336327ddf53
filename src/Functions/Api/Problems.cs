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

    public static IEnumerable<ProblemItem> Items(IEnumerable<ValidationProblem> problems, Language language) =>
        problems.Select(problem => new ProblemItem(problem.Field, problem.Code, problem.Message.Get(language)));

    public static ApiResult InvalidJson(Language language, string reason) => ForField(
        StatusCodes.Status400BadRequest,
        "invalid-json",
        "body",
        new("El cos de la petició no és JSON vàlid", "El cuerpo de la petición no es JSON válido"),
        new($"No s'ha pogut llegir el JSON: {reason}", $"No se ha podido leer el JSON: {reason}"),
        language);

    public static ApiResult BodyTooLarge(Language language, long limitBytes) => ForField(
        StatusCodes.Status413PayloadTooLarge,
        "body-too-large",
        "body",
        new("La petició és massa gran", "La petición es demasiado grande"),
        new($"El cos de la petició supera el límit de {limitBytes / 1024} KiB.", $"El cuerpo de la petición supera el límite de {limitBytes / 1024} KiB."),
        language);

    public static ApiResult MissingOfficeKey(Language language) => ForField(
        StatusCodes.Status401Unauthorized,
        "office-key-required",
        "x-functions-key",
        new("Cal la clau de l'OTPC", "Se requiere la clave de la OTPC"),
        new("Aquesta operació és només per a l'OTPC: envieu la clau a la capçalera x-functions-key.", "Esta operación es solo para la OTPC: enviad la clave en la cabecera x-functions-key."),
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

    /// <summary>Returns the requester's language from <c>?lang=</c> or Accept-Language.</summary>
    public static Language Language(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LanguageCodes.FromRequest(request.Query["lang"], request.Headers.AcceptLanguage);
    }
}
