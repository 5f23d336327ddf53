using System.Globalization;
using System.Text;
using BalancFunctions.Domain.Pdf;

namespace BalancFunctions.Domain.Tests.Pdf;

/// <summary>Balance models with hard text: accents, l·l, both apostrophes, long answers and many rows.</summary>
internal static class PdfTestModels
{
    public const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>
    /// A Catalan balance with four sections of <paramref name="rowsPerSection"/> rows (60 in all by default),
    /// one more row with a 2,000-character answer, and two warnings.
    /// </summary>
    public static BalancePdfModel Catalan(int rowsPerSection = 15)
    {
        string[] dimensions =
        [
            "Participació i democràcia",
            "Arrelament al territori",
            "Impacte i retorn social",
            "Cura de les persones, els processos i l’entorn",
        ];

        var sections = new List<PdfSection>();
        for (int d = 0; d < dimensions.Length; d++)
        {
            var rows = new List<PdfRow>();
            for (int r = 1; r <= rowsPerSection; r++)
            {
                string label = string.Create(CultureInfo.InvariantCulture,
                    $"{d + 1}.{r} L'entitat té un òrgan de govern col·legiat que es reuneix amb regularitat i n’informa les persones sòcies? Pregunta número {r} de la dimensió «{dimensions[d]}»");
                string value = (r % 3) switch
                {
                    0 => "Sí",
                    1 => string.Create(CultureInfo.InvariantCulture, $"{r * 17} persones, amb una mitjana d’assistència del {r}%"),
                    _ => "Dada no disponible",
                };
                string? note = r % 5 == 0 ? "L’entitat no recull aquesta dada perquè l’activitat és oberta i no s’hi fa cap inscripció prèvia." : null;
                rows.Add(new PdfRow(label, value, note));
            }

            sections.Add(new PdfSection(dimensions[d], rows));
        }

        var impact = new List<PdfRow>(sections[2].Rows)
        {
            new("Descriviu el retorn social del projecte durant el període", LongCatalanText(2000)),
        };
        sections[2] = sections[2] with { Rows = impact };

        return new BalancePdfModel(
            LanguageCode: "ca",
            Title: "Balanç Comunitari — Associació Veïnal de la Plaça de l’Àngel",
            HeaderRows:
            [
                new PdfRow("Conveni", "PC-2024-0137 (conveni de cessió d'ús)"),
                new PdfRow("Entitat", "Associació Cultural l·lusòria d’Horta-Guinardó, amb un nom prou llarg perquè ocupi més d’una línia a la columna"),
                new PdfRow("NIF", "G12345678"),
                new PdfRow("Espai", "Local del carrer de la Força, 12, baixos"),
                new PdfRow("Període", "de l’1 d’abril de 2025 al 31 de març de 2026", "Balanç de renovació: abans de la finalització del conveni"),
            ],
            Sections: sections,
            WarningsTitle: "Avisos",
            Warnings:
            [
                "La indicació 3.4 diu «Sí» però no s’ha informat cap activitat oberta al barri.",
                "Hi ha 4 preguntes amb «dada no disponible».",
            ],
            FooterText: $"Qüestionari v1 · SHA-256 {Sha256}",
            PageLabel: "Pàgina");
    }

    /// <summary>A short Spanish balance: ñ, ¿ and ¡, on one page.</summary>
    public static BalancePdfModel Spanish() => new(
        LanguageCode: "es",
        Title: "Balance Comunitario — Asociación de Vecinos de la Peña",
        HeaderRows:
        [
            new PdfRow("Convenio", "PC-2024-0200"),
            new PdfRow("Entidad", "Asociación Niñas y Niños del Señorío"),
            new PdfRow("Espacio", "Solar de la calle de la Montaña, 8"),
        ],
        Sections:
        [
            new PdfSection("Participación y democracia",
            [
                new PdfRow("¿La entidad tiene un órgano de gobierno colegiado?", "Sí"),
                new PdfRow("¿Cuántas personas participan en la asamblea anual?", "Dato no disponible", "¡La asamblea de este año aún no se ha celebrado!"),
            ]),
        ],
        WarningsTitle: "Avisos",
        Warnings: [],
        FooterText: $"Cuestionario v1 · SHA-256 {Sha256}",
        PageLabel: "Página");

    /// <summary>Catalan prose of <paramref name="length"/> characters less any trailing space, with a paragraph break in the middle.</summary>
    public static string LongCatalanText(int length)
    {
        const string Sentence = "L’entitat ha organitzat tallers oberts al veïnat, una festa major alternativa i un espai d’acompanyament escolar col·lectiu amb famílies del barri. ";
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(Sentence);
            if (text.Length is > 900 and < 1100)
            {
                text.Append("\n\n");
            }
        }

        return text.ToString(0, length).TrimEnd();
    }
}
