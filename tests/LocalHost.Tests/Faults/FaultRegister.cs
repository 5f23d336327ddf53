using System.Globalization;
using System.Text;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>What a fault test's agreement is for, which decides its first due date.</summary>
public enum FaultAgreementKind
{
    /// <summary>Due 10 to 80 days from today: a balance filed now is on time.</summary>
    OnTime,

    /// <summary>Due 2 to 9 days ago: escalated at import, and a balance filed now is late and closes the escalation.</summary>
    Late,

    /// <summary>Due at the end of today, with reminders set seconds apart through the OTPC's reminder policy.</summary>
    Reminded,
}

/// <summary>One generated agreement of 12-month periods: its id, kind and start date.</summary>
public sealed record FaultAgreement(string AgreementId, FaultAgreementKind Kind, DateOnly StartDate)
{
    /// <summary>The first due date, 12 months after the start, as the calendar counts it.</summary>
    public DateOnly DueDate => this.StartDate.AddMonths(12);

    public string ContactEmail => $"contact.{this.AgreementId.ToLowerInvariant()}@example.org";

    public string RepresentativeEmail => $"rep.{this.AgreementId.ToLowerInvariant()}@example.net";
}

/// <summary>
/// A register generated for one fault test, with due dates counted from today, so that the test
/// does not depend on the dates of the sample register. Every fault test imports it into storage of
/// its own, so no other test files balances for these agreements.
/// </summary>
public sealed class FaultRegister
{
    private const string Header = "agreement_id,agreement_type,entity_name,entity_nif,space_name,space_address,district,neighbourhood,start_date,end_date,balance_period_months,renewal_lead_days,last_balance_date,contact_name,contact_email,representative_email,language";

    private static readonly string[] Types = ["cessio-us", "gestio-civica", "autoritzacio-us", "concessio"];

    private static readonly (string District, string Neighbourhood)[] Districts =
    [
        ("Ciutat Vella", "el Raval"),
        ("Eixample", "la Sagrada Família"),
        ("Sants-Montjuïc", "Hostafrancs"),
        ("Les Corts", "la Maternitat i Sant Ramon"),
        ("Sarrià-Sant Gervasi", "Vallvidrera"),
        ("Gràcia", "la Vila de Gràcia"),
        ("Horta-Guinardó", "el Carmel"),
        ("Nou Barris", "la Prosperitat"),
        ("Sant Andreu", "el Bon Pastor"),
        ("Sant Martí", "el Besòs i el Maresme"),
    ];

    /// <summary>Valid NIFs of associations (the check character included), used in turn.</summary>
    private static readonly string[] Nifs = ["G52690781", "G07498983", "G91186650"];

    private FaultRegister(IReadOnlyList<FaultAgreement> agreements) => this.Agreements = agreements;

    public IReadOnlyList<FaultAgreement> Agreements { get; }

    public IEnumerable<FaultAgreement> OfKind(FaultAgreementKind kind) => this.Agreements.Where(agreement => agreement.Kind == kind);

    /// <summary>
    /// Generates the agreements, with ids <c>PC-{tag}-T01</c> (on time), <c>-L01</c> (late) and
    /// <c>-R01</c> (reminded). The reminded ones fall due at the end of today in Madrid, or of
    /// tomorrow when today ends within 10 minutes, so that their reminders can be seconds away.
    /// </summary>
    public static FaultRegister Create(string tag, int onTime, int late, int reminded, DateTimeOffset now)
    {
        DateOnly today = MadridTime.LocalDate(now);
        DateOnly remindedDue = MadridTime.EndOfDay(today) - now < TimeSpan.FromMinutes(10) ? today.AddDays(1) : today;
        List<FaultAgreement> agreements = [];
        for (int i = 0; i < onTime; i++)
        {
            agreements.Add(new FaultAgreement(Id(tag, 'T', i), FaultAgreementKind.OnTime, today.AddDays(10 + (i * 70 / onTime)).AddMonths(-12)));
        }

        for (int i = 0; i < late; i++)
        {
            agreements.Add(new FaultAgreement(Id(tag, 'L', i), FaultAgreementKind.Late, today.AddDays(-2 - (i % 8)).AddMonths(-12)));
        }

        for (int i = 0; i < reminded; i++)
        {
            agreements.Add(new FaultAgreement(Id(tag, 'R', i), FaultAgreementKind.Reminded, remindedDue.AddMonths(-12)));
        }

        return new FaultRegister(agreements);
    }

    /// <summary>Returns the register as the CSV that <c>POST /api/otpc/agreements/import</c> reads.</summary>
    public string ToCsv()
    {
        StringBuilder csv = new();
        csv.Append(Header).Append('\n');
        for (int i = 0; i < this.Agreements.Count; i++)
        {
            FaultAgreement agreement = this.Agreements[i];
            (string district, string neighbourhood) = Districts[i % Districts.Length];
            string[] cells =
            [
                agreement.AgreementId,
                Types[i % Types.Length],
                $"Casal Assaig {agreement.AgreementId[^3..]}",
                Nifs[i % Nifs.Length],
                "Local de prova",
                "\"Carrer de la Prova, 1, 08001 Barcelona\"",
                district,
                neighbourhood,
                Date(agreement.StartDate),
                Date(agreement.DueDate.AddYears(3)),
                "12",
                "90",
                string.Empty,
                "Laia Puig",
                agreement.ContactEmail,
                agreement.RepresentativeEmail,
                i % 5 == 4 ? "es" : "ca",
            ];
            csv.AppendJoin(',', cells).Append('\n');
        }

        return csv.ToString();
    }

    private static string Id(string tag, char kind, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"PC-{tag}-{kind}{index + 1:00}");

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
