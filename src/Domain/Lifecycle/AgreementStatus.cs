using BalancFunctions.Domain.Agreements;

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

/// <summary>Computes an agreement's status as a pure function of its dates and records.</summary>
public static class AgreementStatusCalculator
{
    /// <summary>Days before a due date from which the status is "termini proper".</summary>
    public const int DueSoonDays = 30;

    /// <summary>
    /// Computes the status on local date <paramref name="today"/>, given the last covered due date
    /// and the due date escalated to the OTPC, if any.
    /// </summary>
    public static AgreementStatus Compute(Agreement agreement, DateOnly? coveredThrough, DateOnly? escalatedDueDate, DateOnly today) => throw new NotImplementedException();
}
