using System.Globalization;
using System.Text;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Exports;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// The OTPC's list, counts and exports, read from the index table (see <see cref="AgreementIndex"/>).
/// Each query first refreshes the agreements whose status changed with the date.
/// </summary>
public sealed class AgreementListHandler(AgreementIndex index, QuestionnaireCatalog catalog, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    private const int ExportPageSize = 1000;
    private const int MaxSearchLength = 100;

    /// <summary>
    /// The maximum length of a district name, in text elements, that the register import accepts.
    /// The district goes into the Table query's URL with each quote doubled and percent-encoded, so
    /// an unbounded one made that request longer than Azurite accepts (Node.js 20: 16 KiB) and the
    /// list failed with 500.
    /// </summary>
    private const int MaxDistrictLength = 200;

    /// <summary>
    /// <c>GET /api/otpc/agreements?status=&amp;district=&amp;type=&amp;awaiting=&amp;dueFrom=&amp;dueTo=&amp;q=&amp;sort=&amp;pageSize=&amp;continuation=</c>:
    /// one page of the agreements that match, with the token of the next page.
    /// </summary>
    public async Task<ApiResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Language language = RequestBodies.Language(request);
        List<ProblemItem> problems = [];
        AgreementFilter filter = ReadFilter(request, language, problems);
        int pageSize = ReadPageSize(request, language, problems);
        if (problems.Count > 0)
        {
            return InvalidQuery(language, problems);
        }

        await index.FlushDateChangesAsync(cancellationToken);
        AgreementPage page;
        try
        {
            page = await AgreementListQuery.ReadPageAsync(index.Table, filter, pageSize, request.Query["continuation"], cancellationToken);
        }
        catch (FormatException)
        {
            return InvalidQuery(language, [Problem("continuation", "invalid-continuation", language,
                "El testimoni de continuació no és vàlid o és d'uns altres filtres: torneu a començar la llista.",
                "El testigo de continuación no es válido o es de otros filtros: vuelva a empezar la lista.")]);
        }

        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            AsOf = MadridTime.LocalDate(clock.GetUtcNow()),
            Items = page.Items.Select(Item),
            page.Continuation,
        });
    }

    /// <summary><c>GET /api/otpc/counts</c>: how many agreements are in each status, district and type.</summary>
    public async Task<ApiResult> CountsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await index.FlushDateChangesAsync(cancellationToken);
        IReadOnlyList<(string Dimension, string Label, int Count)> counters = await index.CountAsync(cancellationToken);
        Dictionary<string, int> ByPrefix(string prefix) => counters
            .Where(counter => counter.Dimension.StartsWith(prefix, StringComparison.Ordinal) && counter.Count > 0)
            .OrderBy(counter => counter.Label, StringComparer.Ordinal)
            .ToDictionary(counter => counter.Label, counter => counter.Count);
        int CountOf(string dimension) => counters.FirstOrDefault(counter => counter.Dimension == dimension).Count;

        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            AsOf = MadridTime.LocalDate(clock.GetUtcNow()),
            Total = CountOf(AgreementProjection.AllCounter),
            ByStatus = AgreementStatusCalculator.Descriptions.ToDictionary(description => description.CodeText, description => CountOf(AgreementProjection.StatusCounter(description.CodeText))),
            ByDistrict = ByPrefix(AgreementProjection.DistrictCounter(string.Empty)),
            ByType = ByPrefix(AgreementProjection.TypeCounter(string.Empty)),
            AwaitingRegistration = CountOf(AgreementProjection.AwaitingCounter),
        });
    }

    /// <summary><c>GET /api/otpc/exports/agreements.csv?…</c>: every agreement that matches the list's filters, as CSV for Excel.</summary>
    public async Task<ApiResult> ExportAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Language language = RequestBodies.Language(request);
        List<ProblemItem> problems = [];
        AgreementFilter filter = ReadFilter(request, language, problems);
        if (problems.Count > 0)
        {
            return InvalidQuery(language, problems);
        }

        await index.FlushDateChangesAsync(cancellationToken);
        using MemoryStream body = new();
        await using (StreamWriter writer = new(body, CsvExport.Encoding, leaveOpen: true))
        {
            bool es = language == Language.Es;
            CsvExport.WriteRow(writer, es
                ? ["Convenio", "Entidad", "Tipo", "Distrito", "Barrio", "Espacio", "Estado", "Nivel de derivación", "Pendiente de registro", "Próxima fecha límite", "Fin del convenio"]
                : ["Conveni", "Entitat", "Tipus", "Districte", "Barri", "Espai", "Estat", "Nivell de derivació", "Pendent de registre", "Propera data límit", "Fi del conveni"]);
            string? continuation = null;
            do
            {
                AgreementPage page = await AgreementListQuery.ReadPageAsync(index.Table, filter, ExportPageSize, continuation, cancellationToken);
                foreach (AgreementListRow row in page.Items)
                {
                    CsvExport.WriteRow(writer,
                    [
                        row.AgreementId,
                        row.EntityName,
                        AgreementTypeCodes.TryParse(row.AgreementType, out AgreementType type) ? AgreementTypeCodes.Name(type).Get(language) : row.AgreementType,
                        row.District,
                        row.Neighbourhood,
                        row.SpaceName,
                        StatusLabel(row.Status).Get(language),
                        row.EscalationLevel.ToString(CultureInfo.InvariantCulture),
                        row.AwaitingRegistration ? "sí" : "no",
                        LocalDate(row.NextDueDate),
                        LocalDate(row.EndDate),
                    ]);
                }

                continuation = page.Continuation;
            }
            while (continuation is not null);
        }

        return Csv(body.ToArray(), language == Language.Es ? "convenios" : "convenis");
    }

    /// <summary>
    /// <c>GET /api/otpc/exports/indicators.csv</c>: sums and medians of the numeric answers of each
    /// entity's latest balance, by district and by agreement type, hiding every group of fewer than
    /// <see cref="IndicatorCalculator.MinimumGroupSize"/> entities.
    /// </summary>
    public async Task<ApiResult> IndicatorsCsvAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Language language = RequestBodies.Language(request);
        IReadOnlyList<IndicatorGroup> groups = await this.ComputeIndicatorsAsync(cancellationToken);
        using MemoryStream body = new();
        await using (StreamWriter writer = new(body, CsvExport.Encoding, leaveOpen: true))
        {
            IndicatorCalculator.WriteCsv(writer, groups, language);
        }

        return Csv(body.ToArray(), language == Language.Es ? "indicadores" : "indicadors");
    }

    /// <summary><c>GET /api/otpc/indicators</c>: the same indicators as JSON, for the dashboard's charts.</summary>
    public async Task<ApiResult> IndicatorsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<IndicatorGroup> groups = await this.ComputeIndicatorsAsync(cancellationToken);
        return ApiResult.Json(StatusCodes.Status200OK, new { MinimumGroupSize = IndicatorCalculator.MinimumGroupSize, Groups = groups });
    }

    /// <summary>Returns the list item of a row, in the shape the OTPC's views read.</summary>
    public static object Item(AgreementListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new
        {
            row.AgreementId,
            Type = row.AgreementType,
            row.EntityName,
            row.District,
            row.Neighbourhood,
            row.SpaceName,
            EndDate = ParseDate(row.EndDate),
            Status = new
            {
                Code = row.Status,
                Label = StatusLabel(row.Status),
                row.EscalationLevel,
                row.AwaitingRegistration,
            },
            NextDueDate = ParseDate(row.NextDueDate),
            NextDueDateOriginal = ParseDate(row.NextDueDateOriginal),
        };
    }

    private async Task<IReadOnlyList<IndicatorGroup>> ComputeIndicatorsAsync(CancellationToken cancellationToken)
    {
        List<ProjectionEntity> projections = await index.ListNumbersAsync(cancellationToken);
        IReadOnlyList<string> questionIds = IndicatorCalculator.NumericQuestionIds(catalog.Current);
        IEnumerable<IndicatorInput> inputs = projections.Select(projection => new IndicatorInput(
            projection.AgreementId,
            projection.District,
            projection.AgreementType,
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, decimal>>(projection.NumbersJson ?? "{}") ?? []));
        return IndicatorCalculator.Compute(inputs, questionIds);
    }

    private static AgreementFilter ReadFilter(HttpRequest request, Language language, List<ProblemItem> problems)
    {
        IQueryCollection query = request.Query;
        string? status = Text(query["status"]);
        if (status is not null && !AgreementStatusCalculator.TryParseCodeText(status, out _))
        {
            problems.Add(Problem("status", "unknown-status", language,
                $"L'estat ha de ser un d'aquests: {string.Join(", ", AgreementStatusCalculator.Descriptions.Select(description => description.CodeText))}.",
                $"El estado debe ser uno de estos: {string.Join(", ", AgreementStatusCalculator.Descriptions.Select(description => description.CodeText))}."));
        }

        string? type = Text(query["type"]);
        if (type is not null && !AgreementTypeCodes.TryParse(type, out _))
        {
            problems.Add(Problem("type", "unknown-type", language,
                "El tipus ha de ser cessio-us, autoritzacio-us, gestio-civica o concessio.",
                "El tipo debe ser cessio-us, autoritzacio-us, gestio-civica o concessio."));
        }

        string? search = Text(query["q"]);
        string? district = Text(query["district"]);
        foreach ((string field, string? text) in new[] { ("q", search), ("district", district) })
        {
            if (text is not null && !IsNormalizable(text))
            {
                problems.Add(Problem(field, "invalid-text", language,
                    "El text conté caràcters no vàlids.",
                    "El texto contiene caracteres no válidos."));
            }
        }

        if (search is not null && search.Length > MaxSearchLength)
        {
            problems.Add(Problem("q", "too-long", language,
                $"La cerca pot tenir com a màxim {MaxSearchLength} caràcters.",
                $"La búsqueda puede tener como máximo {MaxSearchLength} caracteres."));
        }

        if (district is not null && new StringInfo(district).LengthInTextElements > MaxDistrictLength)
        {
            problems.Add(Problem("district", "too-long", language,
                $"El districte pot tenir com a màxim {MaxDistrictLength} caràcters.",
                $"El distrito puede tener como máximo {MaxDistrictLength} caracteres."));
        }

        DateOnly? dueFrom = ReadDate(query, "dueFrom", language, problems);
        DateOnly? dueTo = ReadDate(query, "dueTo", language, problems);
        if (dueFrom > dueTo)
        {
            problems.Add(Problem("dueTo", "before-start", language,
                "La data final del període ha de ser igual o posterior a la inicial.",
                "La fecha final del periodo debe ser igual o posterior a la inicial."));
        }

        ListSort sort = ListSort.Due;
        switch (Text(query["sort"]))
        {
            case null or "due":
                break;
            case "name":
                sort = ListSort.Name;
                break;
            default:
                problems.Add(Problem("sort", "unknown-sort", language, "L'ordre ha de ser «due» o «name».", "El orden debe ser «due» o «name»."));
                break;
        }

        bool awaiting = false;
        string? awaitingText = Text(query["awaiting"]);
        if (awaitingText is not null && !bool.TryParse(awaitingText, out awaiting))
        {
            problems.Add(Problem("awaiting", "not-boolean", language, "«awaiting» ha de ser true o false.", "«awaiting» debe ser true o false."));
        }

        return new AgreementFilter(status, district, type, awaiting, dueFrom, dueTo, search, sort);
    }

    private static int ReadPageSize(HttpRequest request, Language language, List<ProblemItem> problems)
    {
        string? text = Text(request.Query["pageSize"]);
        if (text is null)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size is >= 1 and <= MaxPageSize)
        {
            return size;
        }

        problems.Add(Problem("pageSize", "out-of-range", language,
            $"La mida de pàgina ha de ser un nombre enter entre 1 i {MaxPageSize}.",
            $"El tamaño de página debe ser un número entero entre 1 y {MaxPageSize}."));
        return DefaultPageSize;
    }

    private static DateOnly? ReadDate(IQueryCollection query, string field, Language language, List<ProblemItem> problems)
    {
        string? text = Text(query[field]);
        if (text is null)
        {
            return null;
        }

        // The limits keep the window's day arithmetic away from DateOnly's ends (9999-12-31 plus a day throws).
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) && DateLimits.Contains(date))
        {
            return date;
        }

        problems.Add(Problem(field, "invalid-date", language, "La data ha de tenir la forma AAAA-MM-DD i ser entre 1900-01-01 i 2199-12-31.", "La fecha debe tener la forma AAAA-MM-DD y estar entre 1900-01-01 y 2199-12-31."));
        return null;
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues values)
    {
        string? text = values.Count == 0 ? null : values[^1]?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Returns whether a text can be folded for the index: Unicode normalization rejects some code points, such as U+FFFE.</summary>
    private static bool IsNormalizable(string text)
    {
        try
        {
            _ = text.Normalize(NormalizationForm.FormD);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static ProblemItem Problem(string field, string code, Language language, string catalan, string spanish) =>
        new(field, code, new LocalizedText(catalan, spanish).Get(language));

    private static ApiResult InvalidQuery(Language language, IEnumerable<ProblemItem> problems) => Problems.Create(
        StatusCodes.Status400BadRequest,
        "invalid-query",
        new("La consulta té errors", "La consulta tiene errores"),
        new("Corregiu els filtres indicats i torneu-ho a provar.", "Corrija los filtros indicados y vuelva a intentarlo."),
        language,
        problems);

    private static LocalizedText StatusLabel(string code) =>
        AgreementStatusCalculator.TryParseCodeText(code, out AgreementStatusCode status)
            ? AgreementStatusCalculator.Describe(status).Label
            : new LocalizedText(code, code);

    private static DateOnly? ParseDate(string text) => string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as Excel in a Catalan or Spanish locale reads it: dd/MM/yyyy.</summary>
    private static string LocalDate(string text) => ParseDate(text)?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? string.Empty;

    private static ApiResult Csv(byte[] body, string name) => ApiResult.Bytes(
        StatusCodes.Status200OK,
        "text/csv; charset=utf-8",
        body,
        new Dictionary<string, string>
        {
            ["Content-Disposition"] = $"attachment; filename=\"{name}.csv\"",
            ["Cache-Control"] = "private, no-store",
        });
}
