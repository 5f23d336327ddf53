using System.Globalization;
using System.Text;
using System.Text.Json;
using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// The result of reading one answer. <see cref="Value"/> is what conditions may use: it is set
/// when the JSON kind is right, even if a range or duplicate check failed, and null when the
/// kind is wrong. <see cref="IsValid"/> is true only when no problem was found.
/// </summary>
internal readonly record struct ParsedAnswer(AnswerValue? Value, bool IsValid);

/// <summary>
/// Reads the JSON answer of one indicator by its type, reporting each problem it finds. JSON
/// null, a blank text, an empty select code and an empty multi array count as "not answered"
/// and return null, so that clients may post every field of the form.
/// </summary>
internal sealed class AnswerParser(QuestionnaireDefinition definition, DateOnly submissionDate, ProblemCollector problems)
{
    private const int MaxQuotedLength = 40;

    public ParsedAnswer? Parse(IndicatorDefinition indicator, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return indicator.Type switch
        {
            IndicatorType.WholeNumber or IndicatorType.DecimalNumber or IndicatorType.Percentage => this.ParseNumber(indicator, element),
            IndicatorType.Bool => this.ParseBool(indicator, element),
            IndicatorType.Likert5 => this.ParseLikert(indicator, element),
            IndicatorType.Select => this.ParseSelect(indicator, element),
            IndicatorType.Multi => this.ParseMulti(indicator, element),
            IndicatorType.Text => this.ParseText(indicator, element),
            IndicatorType.Period => this.ParsePeriod(indicator, element),
            _ => throw new InvalidOperationException($"The indicator type {indicator.Type} has no parser."),
        };
    }

    /// <summary>
    /// Trims a text and converts it to Unicode NFC, so that a decomposed "à" (a + U+0300)
    /// counts as one character. Returns null for text that is not valid Unicode or that contains
    /// control characters other than line breaks and tabs, which the PDF and the registry cannot carry.
    /// Returns an empty text, which means not answered, when nothing in it is visible: only zero-width
    /// characters, byte order marks, combining marks without a letter, or white space.
    /// </summary>
    /// <remarks>
    /// NOTE: .NET normalises through ICU. With globalization-invariant mode on, Normalize
    /// leaves non-ASCII text unchanged, so decomposed input would keep its length; the tests
    /// include a decomposed "à" case that fails in that mode.
    /// </remarks>
    internal static string? NormalizeText(string text)
    {
        if (text.Any(character => char.IsControl(character) && character is not ('\n' or '\r' or '\t')))
        {
            return null;
        }

        string normalized;
        try
        {
            normalized = text.Normalize(NormalizationForm.FormC).Trim();
        }
        catch (ArgumentException)
        {
            return null;
        }

        return normalized.EnumerateRunes().Any(IsVisible) ? normalized : string.Empty;
    }

    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) is not (
        UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
        or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control);

    /// <summary>Returns the length in Unicode code points, the unit of every text limit.</summary>
    internal static int CountCharacters(string text) => text.EnumerateRunes().Count();

    /// <summary>Reads a JSON string, or returns null if it contains an unpaired surrogate escape such as "\ud800".</summary>
    internal static string? ReadString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private ParsedAnswer ParseNumber(IndicatorDefinition indicator, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            return this.WrongType(indicator, element);
        }

        if (!element.TryGetDecimal(out decimal raw))
        {
            string text = element.GetRawText();
            bool negative = text.StartsWith('-');
            problems.Error(
                indicator.Id,
                negative ? ProblemCodes.BelowMinimum : ProblemCodes.AboveMaximum,
                $"El valor {text} és massa {(negative ? "petit" : "gran")}: ha d'estar entre {Number(indicator.Minimum, Language.Ca)} i {Number(indicator.Maximum, Language.Ca)}.",
                $"El valor {text} es demasiado {(negative ? "pequeño" : "grande")}: debe estar entre {Number(indicator.Minimum, Language.Es)} y {Number(indicator.Maximum, Language.Es)}.");
            return new ParsedAnswer(null, false);
        }

        decimal value = LocalFormat.Normalize(raw);
        bool isValid = true;
        if (indicator.Type == IndicatorType.WholeNumber && value.Scale > 0)
        {
            isValid = false;
            problems.Error(
                indicator.Id,
                ProblemCodes.NotInteger,
                $"El valor {Number(value, Language.Ca)} no és un nombre enter. Escriviu un nombre sense decimals.",
                $"El valor {Number(value, Language.Es)} no es un número entero. Escriba un número sin decimales.");
        }
        else if (value.Scale > indicator.MaxDecimals)
        {
            isValid = false;
            problems.Error(
                indicator.Id,
                ProblemCodes.TooManyDecimals,
                $"El valor {Number(value, Language.Ca)} té massa decimals: se n'admet{(indicator.MaxDecimals == 1 ? string.Empty : "en")} com a màxim {indicator.MaxDecimals}. Arrodoniu-lo.",
                $"El valor {Number(value, Language.Es)} tiene demasiados decimales: se admite{(indicator.MaxDecimals == 1 ? string.Empty : "n")} como máximo {indicator.MaxDecimals}. Redondéelo.");
        }

        isValid &= this.CheckRange(indicator, value);
        return new ParsedAnswer(new NumberAnswer(value), isValid);
    }

    private bool CheckRange(IndicatorDefinition indicator, decimal value)
    {
        if (indicator.Minimum is decimal minimum && value < minimum)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.BelowMinimum,
                $"El valor {Number(value, Language.Ca)} és inferior al mínim permès ({Number(minimum, Language.Ca)}).",
                $"El valor {Number(value, Language.Es)} es inferior al mínimo permitido ({Number(minimum, Language.Es)}).");
            return false;
        }

        if (indicator.Maximum is decimal maximum && value > maximum)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.AboveMaximum,
                $"El valor {Number(value, Language.Ca)} és superior al màxim permès ({Number(maximum, Language.Ca)}).",
                $"El valor {Number(value, Language.Es)} es superior al máximo permitido ({Number(maximum, Language.Es)}).");
            return false;
        }

        return true;
    }

    private ParsedAnswer ParseBool(IndicatorDefinition indicator, JsonElement element) =>
        element.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? new ParsedAnswer(new BooleanAnswer(element.GetBoolean()), true)
            : this.WrongType(indicator, element);

    private ParsedAnswer ParseLikert(IndicatorDefinition indicator, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            return this.WrongType(indicator, element);
        }

        string scaleCa = $" L'escala va de l'1 ({definition.Likert5Labels[0].Ca}) al 5 ({definition.Likert5Labels[4].Ca}).";
        string scaleEs = $" La escala va del 1 ({definition.Likert5Labels[0].Es}) al 5 ({definition.Likert5Labels[4].Es}).";
        if (!element.TryGetDecimal(out decimal raw))
        {
            string text = element.GetRawText();
            this.ReportLikertRange(indicator, text, text, low: text.StartsWith('-'), scaleCa, scaleEs);
            return new ParsedAnswer(null, false);
        }

        decimal value = LocalFormat.Normalize(raw);
        if (value.Scale > 0)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.NotInteger,
                $"El valor {Number(value, Language.Ca)} no és un nombre enter.{scaleCa}",
                $"El valor {Number(value, Language.Es)} no es un número entero.{scaleEs}");
            return new ParsedAnswer(null, false);
        }

        if (value is < 1 or > 5)
        {
            this.ReportLikertRange(indicator, Number(value, Language.Ca), Number(value, Language.Es), low: value < 1, scaleCa, scaleEs);
            return new ParsedAnswer(null, false);
        }

        return new ParsedAnswer(new LikertAnswer((int)value), true);
    }

    private void ReportLikertRange(IndicatorDefinition indicator, string valueCa, string valueEs, bool low, string scaleCa, string scaleEs) =>
        problems.Error(
            indicator.Id,
            low ? ProblemCodes.BelowMinimum : ProblemCodes.AboveMaximum,
            $"El valor {valueCa} és {(low ? "inferior al mínim permès (1)" : "superior al màxim permès (5)")}.{scaleCa}",
            $"El valor {valueEs} es {(low ? "inferior al mínimo permitido (1)" : "superior al máximo permitido (5)")}.{scaleEs}");

    private ParsedAnswer? ParseSelect(IndicatorDefinition indicator, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return this.WrongType(indicator, element);
        }

        string code = ReadString(element) ?? string.Empty;
        if (code.Length == 0)
        {
            return null;
        }

        if (indicator.FindOption(code) is null)
        {
            this.UnknownOption(indicator, code);
            return new ParsedAnswer(null, false);
        }

        return new ParsedAnswer(new OptionAnswer(code), true);
    }

    private ParsedAnswer? ParseMulti(IndicatorDefinition indicator, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return this.WrongType(indicator, element);
        }

        if (element.GetArrayLength() == 0)
        {
            return null;
        }

        bool isValid = true;
        var known = new SortedSet<string>(StringComparer.Ordinal);
        var reportedDuplicates = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement item in element.EnumerateArray())
        {
            string code = ReadString(item) ?? string.Empty;
            if (indicator.FindOption(code) is null)
            {
                isValid = false;
                this.UnknownOption(indicator, code);
            }
            else if (!known.Add(code) && reportedDuplicates.Add(code))
            {
                isValid = false;
                problems.Error(
                    indicator.Id,
                    ProblemCodes.DuplicateOption,
                    $"L'opció «{code}» apareix més d'una vegada. Marqueu-la només un cop.",
                    $"La opción «{code}» aparece más de una vez. Márquela solo una vez.");
            }
        }

        return new ParsedAnswer(new OptionsAnswer([.. known]), isValid);
    }

    private ParsedAnswer? ParseText(IndicatorDefinition indicator, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return this.WrongType(indicator, element);
        }

        string? raw = ReadString(element);
        string? text = raw is null ? null : NormalizeText(raw);
        if (text is null)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.InvalidText,
                "El text conté caràcters no vàlids. Torneu-lo a escriure o enganxeu-lo com a text sense format.",
                "El texto contiene caracteres no válidos. Vuelva a escribirlo o péguelo como texto sin formato.");
            return new ParsedAnswer(null, false);
        }

        if (text.Length == 0)
        {
            return null;
        }

        int length = CountCharacters(text);
        if (length < indicator.MinLength)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.TooShort,
                $"El text té {Number(length, Language.Ca)} caràcters i n'ha de tenir com a mínim {Number(indicator.MinLength, Language.Ca)}. Expliqueu-ho amb més detall.",
                $"El texto tiene {Number(length, Language.Es)} caracteres y debe tener como mínimo {Number(indicator.MinLength, Language.Es)}. Explíquelo con más detalle.");
            return new ParsedAnswer(new TextAnswer(text), false);
        }

        if (indicator.MaxLength is int maxLength && length > maxLength)
        {
            problems.Error(
                indicator.Id,
                ProblemCodes.TooLong,
                $"El text té {Number(length, Language.Ca)} caràcters i en pot tenir com a màxim {Number(maxLength, Language.Ca)}. Escurceu-lo.",
                $"El texto tiene {Number(length, Language.Es)} caracteres y puede tener como máximo {Number(maxLength, Language.Es)}. Acórtelo.");
            return new ParsedAnswer(new TextAnswer(text), false);
        }

        return new ParsedAnswer(new TextAnswer(text), true);
    }

    private ParsedAnswer ParsePeriod(IndicatorDefinition indicator, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || element.EnumerateObject().Count() != 2
            || !element.TryGetProperty("from", out JsonElement fromElement)
            || !element.TryGetProperty("to", out JsonElement toElement)
            || fromElement.ValueKind != JsonValueKind.String
            || toElement.ValueKind != JsonValueKind.String)
        {
            return this.WrongType(indicator, element);
        }

        DateOnly? from = this.ParseDate(indicator, fromElement, "d'inici", "de inicio");
        DateOnly? to = this.ParseDate(indicator, toElement, "final", "final");
        if (from is null || to is null)
        {
            return new ParsedAnswer(null, false);
        }

        var period = new PeriodAnswer(from.Value, to.Value);
        bool isValid = true;
        if (period.To <= period.From)
        {
            isValid = false;
            problems.Error(
                indicator.Id,
                ProblemCodes.PeriodOrder,
                $"La data final ({LocalFormat.Date(period.To)}) ha de ser posterior a la data d'inici ({LocalFormat.Date(period.From)}). Reviseu les dues dates.",
                $"La fecha final ({LocalFormat.Date(period.To)}) debe ser posterior a la fecha de inicio ({LocalFormat.Date(period.From)}). Revise las dos fechas.");
        }
        else if (indicator.MaxMonths is int maxMonths && period.To >= period.From.AddMonths(maxMonths))
        {
            // Both days are included, so 2024-01-01 to 2025-12-31 is exactly 24 months.
            isValid = false;
            DateOnly latestEnd = period.From.AddMonths(maxMonths).AddDays(-1);
            problems.Error(
                indicator.Id,
                ProblemCodes.PeriodTooLong,
                $"El període del {LocalFormat.Date(period.From)} al {LocalFormat.Date(period.To)} supera els {maxMonths} mesos permesos. Amb aquesta data d'inici, la data final pot ser com a màxim el {LocalFormat.Date(latestEnd)}.",
                $"El periodo del {LocalFormat.Date(period.From)} al {LocalFormat.Date(period.To)} supera los {maxMonths} meses permitidos. Con esta fecha de inicio, la fecha final puede ser como máximo el {LocalFormat.Date(latestEnd)}.");
        }

        if (indicator.EndNotAfterSubmissionDate && period.To > submissionDate)
        {
            isValid = false;
            problems.Error(
                indicator.Id,
                ProblemCodes.PeriodInFuture,
                $"La data final ({LocalFormat.Date(period.To)}) és posterior a la data de presentació ({LocalFormat.Date(submissionDate)}). El període avaluat ha d'haver acabat quan es presenta el balanç.",
                $"La fecha final ({LocalFormat.Date(period.To)}) es posterior a la fecha de presentación ({LocalFormat.Date(submissionDate)}). El periodo evaluado debe haber terminado cuando se presenta el balance.");
        }

        return new ParsedAnswer(period, isValid);
    }

    private DateOnly? ParseDate(IndicatorDefinition indicator, JsonElement element, string whichCa, string whichEs)
    {
        string text = ReadString(element) ?? string.Empty;
        if (DateOnly.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return date;
        }

        problems.Error(
            indicator.Id,
            ProblemCodes.InvalidDate,
            $"La data {whichCa} «{Quote(text)}» no és vàlida. Escriviu-la com a AAAA-MM-DD (per exemple, 2025-01-31).",
            $"La fecha {whichEs} «{Quote(text)}» no es válida. Escríbala como AAAA-MM-DD (por ejemplo, 2025-01-31).");
        return null;
    }

    private void UnknownOption(IndicatorDefinition indicator, string code)
    {
        string choicesCa = string.Join(", ", indicator.Options.Select(option => $"{option.Code} ({option.Label.Ca})"));
        string choicesEs = string.Join(", ", indicator.Options.Select(option => $"{option.Code} ({option.Label.Es})"));
        problems.Error(
            indicator.Id,
            ProblemCodes.UnknownOption,
            $"L'opció «{Quote(code)}» no existeix. Trieu-ne una d'aquestes: {choicesCa}.",
            $"La opción «{Quote(code)}» no existe. Elija una de estas: {choicesEs}.");
    }

    private ParsedAnswer WrongType(IndicatorDefinition indicator, JsonElement element)
    {
        (string expectedCa, string expectedEs) = indicator.Type switch
        {
            IndicatorType.WholeNumber => ("un nombre enter (per exemple, 12)", "un número entero (por ejemplo, 12)"),
            IndicatorType.DecimalNumber => ("un nombre (per exemple, 12 o 1.5)", "un número (por ejemplo, 12 o 1.5)"),
            IndicatorType.Percentage => ("un percentatge, un nombre de 0 a 100", "un porcentaje, un número de 0 a 100"),
            IndicatorType.Bool => ("Sí o No (true o false)", "Sí o No (true o false)"),
            IndicatorType.Likert5 => ("un valor de l'escala de l'1 al 5", "un valor de la escala del 1 al 5"),
            IndicatorType.Select => ("el codi d'una opció", "el código de una opción"),
            IndicatorType.Multi => ("una llista de codis d'opció", "una lista de códigos de opción"),
            IndicatorType.Text => ("un text", "un texto"),
            _ => ("un període {\"from\": \"AAAA-MM-DD\", \"to\": \"AAAA-MM-DD\"}", "un periodo {\"from\": \"AAAA-MM-DD\", \"to\": \"AAAA-MM-DD\"}"),
        };
        (string receivedCa, string receivedEs) = Describe(element);
        problems.Error(
            indicator.Id,
            ProblemCodes.WrongType,
            $"S'esperava {expectedCa} i s'ha rebut {receivedCa}.",
            $"Se esperaba {expectedEs} y se ha recibido {receivedEs}.");
        return new ParsedAnswer(null, false);
    }

    /// <summary>Describes a JSON value for a wrong-type message, such as «el text "sí"».</summary>
    private static (string Ca, string Es) Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => ($"el text «{Quote(ReadString(element) ?? string.Empty)}»", $"el texto «{Quote(ReadString(element) ?? string.Empty)}»"),
        JsonValueKind.Number => ($"el nombre {Quote(element.GetRawText())}", $"el número {Quote(element.GetRawText())}"),
        JsonValueKind.True or JsonValueKind.False => ($"el valor {element.GetRawText()}", $"el valor {element.GetRawText()}"),
        JsonValueKind.Array => ("una llista", "una lista"),
        JsonValueKind.Object => ("un objecte", "un objeto"),
        _ => ("un valor buit", "un valor vacío"),
    };

    /// <summary>Shortens a value quoted in a message, so that a long input cannot flood it.</summary>
    internal static string Quote(string text)
    {
        if (text.Length <= MaxQuotedLength)
        {
            return text;
        }

        int cut = char.IsHighSurrogate(text[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static string Number(decimal? value, Language language) =>
        value is decimal number ? LocalFormat.Number(number, language) : "—";
}
