using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Lifecycle;

/// <summary>Where an agreement stands, as the OTPC sees it.</summary>
public enum AgreementStatusCode
{
    /// <summary><c>al-dia</c>: the next due date is more than 30 days away.</summary>
    UpToDate,

    /// <summary><c>termini-proper</c>: the next due date is within 30 days.</summary>
    DueSoon,

    /// <summary><c>fora-de-termini</c>: a due date has passed without a balance.</summary>
    Overdue,

    /// <summary><c>derivat-otpc</c>: overdue and escalated to the OTPC.</summary>
    Escalated,

    /// <summary><c>presentat</c>: the balance for the coming due date has been submitted.</summary>
    Submitted,

    /// <summary><c>finalitzat</c>: the agreement has ended.</summary>
    Finished,
}

/// <summary>An agreement's status with its stable code, its labels and its next due date.</summary>
public sealed record AgreementStatus(AgreementStatusCode Code, string CodeText, LocalizedText Label, DateOnly? NextDueDate);

/// <summary>A status's stable code text (used in URLs, filters and exports) and its labels.</summary>
public sealed record AgreementStatusDescription(AgreementStatusCode Code, string CodeText, LocalizedText Label);

/// <summary>Computes an agreement's status as a pure function of its dates and records.</summary>
public static class AgreementStatusCalculator
{
    /// <summary>Days before a due date from which the status is "termini proper".</summary>
    public const int DueSoonDays = 30;

    /// <summary>Every status, in the order of <see cref="AgreementStatusCode"/>.</summary>
    public static IReadOnlyList<AgreementStatusDescription> Descriptions { get; } =
    [
        new(AgreementStatusCode.UpToDate, "al-dia", new LocalizedText("Al dia", "Al día")),
        new(AgreementStatusCode.DueSoon, "termini-proper", new LocalizedText("Termini proper", "Plazo próximo")),
        new(AgreementStatusCode.Overdue, "fora-de-termini", new LocalizedText("Fora de termini", "Fuera de plazo")),
        new(AgreementStatusCode.Escalated, "derivat-otpc", new LocalizedText("Derivat a l'OTPC", "Derivado a la OTPC")),
        new(AgreementStatusCode.Submitted, "presentat", new LocalizedText("Presentat", "Presentado")),
        new(AgreementStatusCode.Finished, "finalitzat", new LocalizedText("Finalitzat", "Finalizado")),
    ];

    /// <summary>Returns the code text and labels of a status.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined status.</exception>
    public static AgreementStatusDescription Describe(AgreementStatusCode code)
    {
        foreach (AgreementStatusDescription description in Descriptions)
        {
            if (description.Code == code)
            {
                return description;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(code), code, "Not a defined agreement status.");
    }

    /// <summary>Finds the status whose code text is <paramref name="codeText"/> (such as <c>al-dia</c>), comparing ordinally.</summary>
    public static bool TryParseCodeText(string? codeText, out AgreementStatusCode code)
    {
        foreach (AgreementStatusDescription description in Descriptions)
        {
            if (string.Equals(description.CodeText, codeText, StringComparison.Ordinal))
            {
                code = description.Code;
                return true;
            }
        }

        code = default;
        return false;
    }

    /// <summary>
    /// Computes the status on local date <paramref name="today"/>, given the last covered due date
    /// and the due date escalated to the OTPC, if any. The first rule that matches wins:
    /// <list type="number">
    /// <item>today after the end date: finished;</item>
    /// <item>a covered due date on or after today: submitted;</item>
    /// <item>no open due date: up to date;</item>
    /// <item>the open due date past: escalated if it is the escalated due date, else overdue;</item>
    /// <item>the open due date at most <see cref="DueSoonDays"/> days away: due soon;</item>
    /// <item>otherwise: up to date.</item>
    /// </list>
    /// <see cref="AgreementStatus.NextDueDate"/> is the first open due date, or null when finished.
    /// </summary>
    public static AgreementStatus Compute(Agreement agreement, DateOnly? coveredThrough, DateOnly? escalatedDueDate, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(agreement);

        // The agreement is in force through its end date.
        if (today > agreement.EndDate)
        {
            return Create(AgreementStatusCode.Finished, null);
        }

        DueDate? open = DueDates.FirstOpen(DueDates.Compute(agreement), coveredThrough);

        // A balance filed ahead of its due date shows as submitted until that date passes.
        if (coveredThrough is DateOnly covered && covered >= today)
        {
            return Create(AgreementStatusCode.Submitted, open?.Date);
        }

        if (open is null)
        {
            return Create(AgreementStatusCode.UpToDate, null);
        }

        // A due date is met through its whole local day, so it is overdue from the next day.
        if (open.Date < today)
        {
            AgreementStatusCode late = escalatedDueDate == open.Date ? AgreementStatusCode.Escalated : AgreementStatusCode.Overdue;
            return Create(late, open.Date);
        }

        int daysLeft = open.Date.DayNumber - today.DayNumber;
        return Create(daysLeft <= DueSoonDays ? AgreementStatusCode.DueSoon : AgreementStatusCode.UpToDate, open.Date);
    }

    private static AgreementStatus Create(AgreementStatusCode code, DateOnly? nextDueDate)
    {
        AgreementStatusDescription description = Describe(code);
        return new AgreementStatus(code, description.CodeText, description.Label, nextDueDate);
    }
}
