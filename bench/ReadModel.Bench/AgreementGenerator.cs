using System.Globalization;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Storage;

namespace BalancFunctions.ReadModel.Bench;

/// <summary>
/// Generates a register of agreements whose dates and records, on local date <c>today</c>, put every
/// status in play: up to date, due soon, overdue, escalated (level 1 or 2), submitted ahead of the due
/// date, finished, ended without the renewal balance, and ended early by the OTPC. The same seed and
/// date give the same register.
/// </summary>
internal sealed class AgreementGenerator(int seed, DateOnly today)
{
    private const string RegisterHash = "generated-for-the-benchmark";

    private readonly Random random = new(seed);
    private readonly int districtWeightTotal = BarcelonaNames.Districts.Sum(district => district.Weight);

    /// <summary>Generates <paramref name="count"/> agreement rows with ids PC-yyyy-nnnnn.</summary>
    public List<AgreementEntity> Generate(int count)
    {
        List<AgreementEntity> entities = new(count);
        for (int number = 1; number <= count; number++)
        {
            entities.Add(this.Next(number));
        }

        return entities;
    }

    private AgreementEntity Next(int number)
    {
        (string district, string districtPlace, _, string[] neighbourhoods) = this.PickDistrict();
        string neighbourhood = this.Pick(neighbourhoods);
        (string kind, char nifLetter) = this.Pick(BarcelonaNames.EntityKinds);
        string place = this.random.Next(5) == 0 ? districtPlace : neighbourhood;
        string qualifier = this.random.Next(10) < 3 ? this.Pick(BarcelonaNames.Qualifiers) + " " : string.Empty;
        string entityName = $"{kind} {qualifier}{BarcelonaNames.Of(place)}";

        (AgreementType type, int termYears) = this.PickTypeAndTerm();
        bool ended = this.random.Next(100) < 7;
        DateOnly start;
        DateOnly end;
        if (ended)
        {
            end = today.AddDays(-this.random.Next(1, 720));
            start = end.AddYears(-termYears);
        }
        else
        {
            // Some agreements start within the next four months, so they have no past due date yet.
            start = today.AddDays(-this.random.Next(-120, termYears * 365));
            end = start.AddYears(termYears);
        }

        int[] periods = [6, 12, 12, 12, 24];
        int[] leads = [60, 90, 90, 120];
        string street = this.Pick(BarcelonaNames.Streets);
        string contact = $"{this.Pick(BarcelonaNames.FirstNames)} {this.Pick(BarcelonaNames.Surnames)}";
        Agreement agreement = new(
            string.Create(CultureInfo.InvariantCulture, $"PC-{start.Year}-{number:00000}"),
            type,
            entityName,
            this.NextNif(nifLetter),
            $"{this.Pick(BarcelonaNames.SpaceKinds)} {BarcelonaNames.Of(this.Pick(BarcelonaNames.Streets))}",
            string.Create(CultureInfo.InvariantCulture, $"Carrer {BarcelonaNames.Of(street)}, {this.random.Next(1, 250)}, 080{this.random.Next(1, 43):00} Barcelona"),
            district,
            neighbourhood,
            start,
            end,
            this.Pick(periods),
            this.Pick(leads),
            null,
            contact,
            string.Create(CultureInfo.InvariantCulture, $"contacte{number}@example.org"),
            string.Create(CultureInfo.InvariantCulture, $"presidencia{number}@example.net"),
            this.random.Next(100) < 85 ? Language.Ca : Language.Es);

        IReadOnlyList<DueDate> dueDates = DueDates.Compute(agreement);
        return ended ? this.EndedRecords(agreement, dueDates) : this.ActiveRecords(agreement, dueDates);
    }

    /// <summary>An agreement that ended before today: mostly with its renewal balance filed, some without, a few ended early by the OTPC.</summary>
    private AgreementEntity EndedRecords(Agreement agreement, IReadOnlyList<DueDate> dueDates)
    {
        int roll = this.random.Next(100);
        DateOnly? covered = dueDates.Count == 0 ? null
            : roll < 75 ? dueDates[^1].Date
            : dueDates.Count >= 2 ? dueDates[^2].Date
            : null;
        AgreementEntity entity = Store(agreement, covered, this.FilingDateBefore(covered));
        if (roll >= 95)
        {
            entity.EndedEarlyOn = AgreementEntity.FormatDate(agreement.EndDate.AddDays(-this.random.Next(30, 365)));
        }

        return entity;
    }

    /// <summary>
    /// An agreement in force: every past due date covered (up to date or due soon), the last one
    /// missed (overdue, some escalated, a few with an extension), or the next one filed ahead.
    /// </summary>
    private AgreementEntity ActiveRecords(Agreement agreement, IReadOnlyList<DueDate> dueDates)
    {
        List<DueDate> past = [.. dueDates.Where(dueDate => dueDate.Date < today)];
        DueDate? next = dueDates.FirstOrDefault(dueDate => dueDate.Date >= today);
        int roll = this.random.Next(100);
        if (roll < 14 && past.Count > 0)
        {
            DueDate missed = past[^1];
            DateOnly? covered = past.Count >= 2 ? past[^2].Date : null;
            AgreementEntity late = Store(agreement, covered, this.FilingDateBefore(covered));
            if (roll < 5)
            {
                // The OTPC gets level 1 on the due date and level 2 after 30 days (see AgreementEntity.EscalationLevel).
                late.EscalatedDueDate = AgreementEntity.FormatDate(missed.Date);
                late.EscalationLevel = today.DayNumber - missed.Date.DayNumber > 30 ? 2 : 1;
            }
            else if (roll == 13)
            {
                late.SetExtension(missed.Date, today.AddDays(this.random.Next(5, 60)));
            }

            return late;
        }

        // A balance may be filed up to 90 days before its due date.
        if (roll < 24 && next is not null && next.Date.DayNumber - today.DayNumber <= DueDates.FilingWindowDays)
        {
            return Store(agreement, next.Date, today.AddDays(-this.random.Next(0, 60)));
        }

        DateOnly? coveredPast = past.Count > 0 ? past[^1].Date : null;
        return Store(agreement, coveredPast, this.FilingDateBefore(coveredPast));
    }

    private static AgreementEntity Store(Agreement agreement, DateOnly? coveredThrough, DateOnly? lastBalance) =>
        AgreementEntity.FromAgreement(agreement with { LastBalanceDate = lastBalance }, coveredThrough, RegisterHash, DateTimeOffset.UtcNow);

    /// <summary>Returns a filing date up to 45 days before a covered due date, or null when none is covered.</summary>
    private DateOnly? FilingDateBefore(DateOnly? covered) => covered?.AddDays(-this.random.Next(0, 45));

    private (AgreementType Type, int TermYears) PickTypeAndTerm()
    {
        int roll = this.random.Next(100);
        return roll switch
        {
            < 55 => (AgreementType.CessioUs, this.random.Next(2, 11)),
            < 70 => (AgreementType.AutoritzacioUs, this.random.Next(1, 4)),
            < 90 => (AgreementType.GestioCivica, this.random.Next(2, 7)),
            _ => (AgreementType.Concessio, this.random.Next(10, 26)),
        };
    }

    private (string District, string Place, int Weight, string[] Neighbourhoods) PickDistrict()
    {
        int roll = this.random.Next(this.districtWeightTotal);
        foreach ((string District, string Place, int Weight, string[] Neighbourhoods) district in BarcelonaNames.Districts)
        {
            if (roll < district.Weight)
            {
                return district;
            }

            roll -= district.Weight;
        }

        return BarcelonaNames.Districts[^1];
    }

    /// <summary>Returns a valid legal person's NIF: the organisation letter, seven random digits not starting with 00 (which take a control letter), and the control digit.</summary>
    private string NextNif(char letter)
    {
        string body = letter + this.random.Next(100_000, 10_000_000).ToString("0000000", CultureInfo.InvariantCulture);
        for (char control = '0'; control <= '9'; control++)
        {
            if (LegalEntityNif.IsValid(body + control))
            {
                return body + control;
            }
        }

        throw new InvalidOperationException($"No control digit makes {body} a valid NIF.");
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[this.random.Next(items.Count)];
}
