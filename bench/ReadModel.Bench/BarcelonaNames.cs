namespace BalancFunctions.ReadModel.Bench;

/// <summary>
/// Place, entity and person names of the generated register: the ten districts of Barcelona with
/// some of their official neighbourhoods, written with their accents and articles.
/// </summary>
internal static class BarcelonaNames
{
    /// <summary>
    /// Each district as the register writes it, as a place in a name ("l'Eixample"), its weight
    /// (its share of the city's population in percent, an estimate) and some of its neighbourhoods.
    /// </summary>
    public static readonly (string District, string Place, int Weight, string[] Neighbourhoods)[] Districts =
    [
        ("Ciutat Vella", "Ciutat Vella", 6, ["el Raval", "el Barri Gòtic", "la Barceloneta", "Sant Pere, Santa Caterina i la Ribera"]),
        ("Eixample", "l'Eixample", 16, ["el Fort Pienc", "la Sagrada Família", "la Dreta de l'Eixample", "l'Antiga Esquerra de l'Eixample", "la Nova Esquerra de l'Eixample", "Sant Antoni"]),
        ("Sants-Montjuïc", "Sants-Montjuïc", 11, ["el Poble-sec", "la Marina de Port", "la Font de la Guatlla", "Hostafrancs", "la Bordeta", "Sants - Badal", "Sants"]),
        ("Les Corts", "les Corts", 5, ["les Corts", "la Maternitat i Sant Ramon", "Pedralbes"]),
        ("Sarrià-Sant Gervasi", "Sarrià-Sant Gervasi", 9, ["Vallvidrera, el Tibidabo i les Planes", "Sarrià", "les Tres Torres", "Sant Gervasi - la Bonanova", "Sant Gervasi - Galvany", "el Putxet i el Farró"]),
        ("Gràcia", "Gràcia", 8, ["Vallcarca i els Penitents", "el Coll", "la Salut", "la Vila de Gràcia", "el Camp d'en Grassot i Gràcia Nova"]),
        ("Horta-Guinardó", "Horta-Guinardó", 11, ["el Baix Guinardó", "Can Baró", "el Guinardó", "la Font d'en Fargues", "el Carmel", "la Teixonera", "Sant Genís dels Agudells", "Montbau", "la Vall d'Hebron", "Horta"]),
        ("Nou Barris", "Nou Barris", 11, ["Vilapicina i la Torre Llobeta", "Porta", "el Turó de la Peira", "la Guineueta", "Canyelles", "les Roquetes", "Verdun", "la Prosperitat", "la Trinitat Nova", "Ciutat Meridiana"]),
        ("Sant Andreu", "Sant Andreu", 9, ["la Trinitat Vella", "Baró de Viver", "el Bon Pastor", "Sant Andreu", "la Sagrera", "el Congrés i els Indians", "Navas"]),
        ("Sant Martí", "Sant Martí", 14, ["el Camp de l'Arpa del Clot", "el Clot", "el Parc i la Llacuna del Poblenou", "la Vila Olímpica del Poblenou", "el Poblenou", "el Besòs i el Maresme", "Provençals del Poblenou", "Sant Martí de Provençals", "la Verneda i la Pau"]),
    ];

    /// <summary>Kinds of entity that the name starts with, and the NIF letter of their legal form (G association or foundation, F cooperative).</summary>
    public static readonly (string Kind, char NifLetter)[] EntityKinds =
    [
        ("Associació de Veïns", 'G'),
        ("Associació de Veïns i Veïnes", 'G'),
        ("Associació Veïnal", 'G'),
        ("Associació Cultural", 'G'),
        ("Col·lectiu", 'G'),
        ("Col·lectiu Veïnal", 'G'),
        ("Casal de Joves", 'G'),
        ("Casal de Gent Gran", 'G'),
        ("Esplai", 'G'),
        ("Agrupament Escolta", 'G'),
        ("Ateneu Popular", 'G'),
        ("Fundació Cultural", 'G'),
        ("Cooperativa Agroecològica", 'F'),
        ("Coordinadora d'Entitats", 'G'),
        ("Horts Comunitaris", 'G'),
        ("Coral", 'G'),
    ];

    /// <summary>Words that some names carry between the kind and the place, as in "Col·lectiu L'Harmonia de Sants".</summary>
    public static readonly string[] Qualifiers = ["L'Harmonia", "La Xarxa", "Intercultural", "per la Memòria", "Jove", "de Dones", "Obert / Compartit", "100% Veïnal", "Arts Escèniques"];

    public static readonly string[] Streets = ["Sant Pau", "l'Aurora", "la Indústria", "Pere IV", "Aragó", "la Verneda", "el Rec Comtal", "el Comerç", "el Raïm", "la Llibertat", "Verdi", "Sant Andreu", "Gran de Gràcia", "Sants"];

    public static readonly string[] SpaceKinds = ["Local del carrer", "Casal", "Antiga fàbrica", "Nau", "Masia", "Solar de la plaça", "Torre", "Espai municipal", "Baixos del mercat"];

    public static readonly string[] FirstNames = ["Laia", "Jordi", "Montserrat", "Oriol", "Núria", "Pau", "Aina", "Arnau", "Mercè", "Xavier", "Fatima", "Youssef", "Ona", "Iker", "Ramon", "Joan"];

    public static readonly string[] Surnames = ["Puig", "Soler", "Ferrer", "Roca", "Vidal", "Martínez", "Garcia", "Serra", "Colomer", "Benet", "El Amrani", "Casals", "Font", "Pujol"];

    /// <summary>
    /// Returns "de" and the place as Catalan writes it: "del" before el, "dels" before els, "d'" before
    /// a vowel or a silent h ("d'Hostafrancs"), and "de" otherwise ("de la Salut", "de Gràcia").
    /// </summary>
    public static string Of(string place)
    {
        if (place.StartsWith("el ", StringComparison.Ordinal))
        {
            return "del " + place[3..];
        }

        if (place.StartsWith("els ", StringComparison.Ordinal))
        {
            return "dels " + place[4..];
        }

        bool elided = "AEIOUÀÈÉÍÒÓÚHaeiouàèéíòóúh".Contains(place[0], StringComparison.Ordinal);
        return elided ? "d'" + place : "de " + place;
    }
}
