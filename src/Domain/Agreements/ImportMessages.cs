using System.Globalization;

namespace BalancFunctions.Domain.Agreements;

/// <summary>
/// The Catalan and Spanish messages of <see cref="ImportRowError"/>. Each one names the value at
/// fault, quoted with « », and states what the register expects.
/// </summary>
internal static class ImportMessages
{
    // Longer values are cut in messages, so that a stray paragraph does not flood the error list.
    private const int MaxShownLength = 60;

    private const string NifExample = "G52690781";

    public static LocalizedText MissingHeader() => new(
        $"El fitxer és buit: cal una capçalera amb les columnes {ColumnList()}.",
        $"El fichero está vacío: se espera una cabecera con las columnas {ColumnList()}.");

    public static LocalizedText SemicolonSeparator() => new(
        "El fitxer fa servir punt i coma (;) com a separador. Deseu-lo com a «CSV UTF-8 (delimitat per comes)» i torneu-lo a importar.",
        "El archivo usa punto y coma (;) como separador. Guárdelo como «CSV UTF-8 (delimitado por comas)» y vuelva a importarlo.");

    public static LocalizedText MissingColumn(string column) => new(
        $"Falta la columna {column} a la capçalera: afegiu-la, encara que els seus valors siguin buits.",
        $"Falta la columna {column} en la cabecera: añádala, aunque sus valores estén vacíos.");

    public static LocalizedText UnknownColumn(string column) => new(
        $"La columna {Show(column)} de la capçalera no és del registre. Les columnes del registre són {ColumnList()}.",
        $"La columna {Show(column)} de la cabecera no es del registro. Las columnas del registro son {ColumnList()}.");

    public static LocalizedText DuplicateColumn(string column) => new(
        $"La columna {column} apareix més d'una vegada a la capçalera: cada columna hi ha de ser una sola vegada.",
        $"La columna {column} aparece más de una vez en la cabecera: cada columna debe estar una sola vez.");

    public static LocalizedText WrongColumnCount(int fieldCount, int headerCount) => new(
        $"La fila té {fieldCount} camps i la capçalera en té {headerCount}. Reviseu les comes de la fila i poseu entre cometes els valors que en contenen.",
        $"La fila tiene {fieldCount} campos y la cabecera tiene {headerCount}. Revise las comas de la fila y ponga entre comillas los valores que las contienen.");

    public static LocalizedText InvalidQuoting(string column, CsvQuotingProblem problem) => problem == CsvQuotingProblem.UnterminatedQuote
        ? new(
            $"El valor de la columna {column} obre unes cometes que no es tanquen. Tanqueu-les, i escriviu dobles (\"\") les cometes que formen part del valor.",
            $"El valor de la columna {column} abre unas comillas que no se cierran. Ciérrelas, y escriba dobles (\"\") las comillas que forman parte del valor.")
        : new(
            $"El valor de la columna {column} té text després de les cometes de tancament. Poseu tot el valor entre cometes i escriviu dobles (\"\") les cometes que en formen part.",
            $"El valor de la columna {column} tiene texto después de las comillas de cierre. Ponga todo el valor entre comillas y escriba dobles (\"\") las comillas que forman parte de él.");

    public static LocalizedText Required(string column) => new(
        $"Falta el valor de la columna {column}, que és obligatòria.",
        $"Falta el valor de la columna {column}, que es obligatoria.");

    public static LocalizedText TooLong(string column, int length, int maxLength) => new(
        $"El valor de la columna {column} té {length} caràcters i el màxim és {maxLength}.",
        $"El valor de la columna {column} tiene {length} caracteres y el máximo es {maxLength}.");

    public static LocalizedText ControlCharacters(string column) => new(
        $"El valor de la columna {column} conté salts de línia, tabulacions o altres caràcters de control: cal un text d'una sola línia.",
        $"El valor de la columna {column} contiene saltos de línea, tabulaciones u otros caracteres de control: se espera un texto de una sola línea.");

    public static LocalizedText InvalidCharacters(string column) => new(
        $"El valor de la columna {column} conté caràcters no vàlids. Deseu el fitxer en UTF-8 i torneu-lo a importar.",
        $"El valor de la columna {column} contiene caracteres no válidos. Guarde el fichero en UTF-8 y vuelva a importarlo.");

    public static LocalizedText InvalidId(string value) => new(
        $"L'identificador {Show(value)} no és vàlid: cal d'1 a 64 lletres sense accents (A-Z), xifres o guions, com ara PC-2025-0001.",
        $"El identificador {Show(value)} no es válido: se esperan de 1 a 64 letras sin acentos (A-Z), cifras o guiones, como PC-2025-0001.");

    public static LocalizedText DuplicateId(string value, int firstRow) => new(
        $"L'identificador {Show(value)} ja apareix a la fila {firstRow}: cada conveni ha de tenir un identificador diferent.",
        $"El identificador {Show(value)} ya aparece en la fila {firstRow}: cada convenio debe tener un identificador distinto.");

    public static LocalizedText InvalidType(string value) => new(
        $"El tipus de conveni {Show(value)} no és vàlid: cal cessio-us, autoritzacio-us, gestio-civica o concessio.",
        $"El tipo de convenio {Show(value)} no es válido: se espera cessio-us, autoritzacio-us, gestio-civica o concessio.");

    public static LocalizedText InvalidNifFormat(string value) => new(
        $"El NIF {Show(value)} no és vàlid: cal el NIF d'una persona jurídica, amb una lletra ({LetterList()}), set xifres i un caràcter de control, com ara {NifExample}.",
        $"El NIF {Show(value)} no es válido: se espera el NIF de una persona jurídica, con una letra ({LetterList()}), siete cifras y un carácter de control, como {NifExample}.");

    public static LocalizedText NaturalPersonNif(string value) => new(
        $"El NIF {Show(value)} és d'una persona física: cal el NIF de l'entitat, que és una persona jurídica (una lletra, set xifres i un caràcter de control, com ara {NifExample}).",
        $"El NIF {Show(value)} es de una persona física: se espera el NIF de la entidad, que es una persona jurídica (una letra, siete cifras y un carácter de control, como {NifExample}).");

    public static LocalizedText WrongNifControl(string value, IReadOnlyList<char> expected)
    {
        string characters = string.Join(" o ", expected);
        return new(
            $"El NIF {Show(value)} no és vàlid: el caràcter de control hauria de ser {characters}.",
            $"El NIF {Show(value)} no es válido: el carácter de control debería ser {characters}.");
    }

    public static LocalizedText InvalidDate(string column, string value) => new(
        $"La data {Show(value)} de la columna {column} no és vàlida: cal una data AAAA-MM-DD entre 1900-01-01 i 2199-12-31, com ara 2025-03-31.",
        $"La fecha {Show(value)} de la columna {column} no es válida: se espera una fecha AAAA-MM-DD entre 1900-01-01 y 2199-12-31, como 2025-03-31.");

    public static LocalizedText EndBeforeStart(DateOnly start, DateOnly end) => new(
        $"La data de finalització {Iso(end)} no és posterior a la d'inici {Iso(start)}: el conveni ha d'acabar després de començar.",
        $"La fecha de finalización {Iso(end)} no es posterior a la de inicio {Iso(start)}: el convenio debe terminar después de empezar.");

    public static LocalizedText InvalidPeriod(string value) => new(
        $"La periodicitat del balanç {Show(value)} no és vàlida: cal 6, 12 o 24 (mesos).",
        $"La periodicidad del balance {Show(value)} no es válida: se espera 6, 12 o 24 (meses).");

    public static LocalizedText InvalidLeadDays(string value, int maxDays) => new(
        $"L'antelació de la renovació {Show(value)} no és vàlida: cal un nombre enter de dies entre 0 i {maxDays}.",
        $"La antelación de la renovación {Show(value)} no es válida: se espera un número entero de días entre 0 y {maxDays}.");

    public static LocalizedText InvalidEmail(string column, string value, int maxLength) => new(
        $"L'adreça electrònica {Show(value)} de la columna {column} no és vàlida: cal una adreça com ara nom@entitat.cat, amb una sola @, sense espais i de {maxLength} caràcters com a màxim.",
        $"La dirección electrónica {Show(value)} de la columna {column} no es válida: se espera una dirección como nombre@entidad.org, con una sola @, sin espacios y de {maxLength} caracteres como máximo.");

    public static LocalizedText InvalidLanguage(string value) => new(
        $"La llengua {Show(value)} no és vàlida: cal ca (català) o es (castellà).",
        $"El idioma {Show(value)} no es válido: se espera ca (catalán) o es (castellano).");

    // Quotes a value from the file, cut to MaxShownLength characters.
    private static string Show(string value)
    {
        string shown = value.Length <= MaxShownLength ? value : string.Concat(value.AsSpan(0, MaxShownLength), "…");
        return $"«{shown}»";
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ColumnList() => string.Join(", ", AgreementCsvReader.Columns);

    // "A, B, C … V o W": the conjunction "o" is the same word in Catalan and Spanish.
    private static string LetterList() =>
        string.Join(", ", LegalEntityNif.OrganisationLetters[..^1].ToCharArray()) + $" o {LegalEntityNif.OrganisationLetters[^1]}";
}
