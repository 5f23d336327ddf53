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

    /// <summary><c>finalitzat</c>: the agreement has ended, with its renewal balance filed or none due.</summary>
    Finished,

    /// <summary><c>finalitzat-sense-balanc</c>: the agreement has ended without its renewal balance; the office must act.</summary>
    ExpiredWithoutBalance,
}

/// <summary>An agreement's status with its stable code, its labels and its next due date.</summary>
/// <param name="Code">The status.</param>
/// <param name="CodeText">The status's stable code text.</param>
/// <param name="Label">The status's labels in Catalan and Spanish.</param>
/// <param name="NextDueDate">The effective date (after any extension) of the first open due date, or null.</param>
/// <param name="EscalationLevel">The escalation level of the open due date: 0 when not escalated, else 1 or more.</param>
/// <param name="AwaitingRegistration">True when a submitted balance still waits for its registry entry.</param>
/// <param name="NextDueDateOriginal">The original date of the first open due date, which identifies it; null with <paramref name="NextDueDate"/>.</param>
public sealed record AgreementStatus(
    AgreementStatusCode Code,
    string CodeText,
    LocalizedText Label,
    DateOnly? NextDueDate,
    int EscalationLevel = 0,
    bool AwaitingRegistration = false,
    DateOnly? NextDueDateOriginal = null);

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
        new(AgreementStatusCode.ExpiredWithoutBalance, "finalitzat-sense-balanc", new LocalizedText("Finalitzat sense balanç", "Finalizado sin balance")),
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
    /// Computes the status on local date <paramref name="today"/> with no extension, no pending
    /// registration and escalation level 1 when <paramref name="escalatedDueDate"/> is the open due date.
    /// </summary>
    public static AgreementStatus Compute(Agreement agreement, DateOnly? coveredThrough, DateOnly? escalatedDueDate, DateOnly today) =>
        Compute(LifecycleState.Create(agreement, coveredThrough), 0, escalatedDueDate, today);

    /// <summary>
    /// Computes the status on local date <paramref name="today"/>, given the stored escalation level and
    /// the original due date it was raised for. The first rule that matches wins:
    /// <list type="number">
    /// <item>today after the end date: finished, or expired without balance when the renewal due date is not covered;</item>
    /// <item>the last covered due date's effective date on or after today: submitted;</item>
    /// <item>no open due date: up to date;</item>
    /// <item>the open due date's effective date past: escalated if an escalation applies to it, else overdue;</item>
    /// <item>the effective date at most <see cref="DueSoonDays"/> days away: due soon;</item>
    /// <item>otherwise: up to date.</item>
    /// </list>
    /// An escalation applies to the open due date when <paramref name="escalatedDueDate"/> is its original
    /// date, or when <paramref name="escalatedDueDate"/> is null and <paramref name="escalationLevel"/> is
    /// 1 or more. An escalation of an earlier due date does not carry over.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="escalationLevel"/> is negative.</exception>
    public static AgreementStatus Compute(LifecycleState state, int escalationLevel, DateOnly? escalatedDueDate, DateOnly today)
    {
        LifecycleState.Check(state);
        ArgumentOutOfRangeException.ThrowIfNegative(escalationLevel);
        Agreement agreement = state.Agreement;
        bool awaitingRegistration = state.PendingRegistrations.Count > 0;

        // The agreement is in force through its end date.
        if (today > agreement.EndDate)
        {
            AgreementStatusCode ended = CyclePlanner.RenewalCovered(state) ? AgreementStatusCode.Finished : AgreementStatusCode.ExpiredWithoutBalance;
            return Create(ended, null, awaitingRegistration);
        }

        IReadOnlyList<DueDate> dueDates = DueDates.Compute(agreement, state.Extensions);
        DueDate? open = DueDates.FirstOpen(dueDates, state.CoveredThrough);
        int level = 0;
        if (open is not null && (escalatedDueDate == open.Date || (escalatedDueDate is null && escalationLevel >= 1)))
        {
            // A stored escalated due date without a level comes from before levels were stored: it is level 1.
            level = Math.Max(1, escalationLevel);
        }

        // A balance filed ahead of its due date shows as submitted until that date, or its extension, passes.
        if (CoveredEffective(state, dueDates) is DateOnly coveredEffective && coveredEffective >= today)
        {
            return Create(AgreementStatusCode.Submitted, open, awaitingRegistration, level);
        }

        if (open is null)
        {
            return Create(AgreementStatusCode.UpToDate, null, awaitingRegistration);
        }

        // A due date is met through its whole local day, so it is overdue from the next day.
        if (open.Effective < today)
        {
            AgreementStatusCode late = level >= 1 ? AgreementStatusCode.Escalated : AgreementStatusCode.Overdue;
            return Create(late, open, awaitingRegistration, level);
        }

        int daysLeft = open.Effective.DayNumber - today.DayNumber;
        AgreementStatusCode code = daysLeft <= DueSoonDays ? AgreementStatusCode.DueSoon : AgreementStatusCode.UpToDate;
        return Create(code, open, awaitingRegistration, level);
    }

    /// <summary>
    /// Finds the first local date after <paramref name="today"/> on which
    /// <see cref="Compute(LifecycleState, int, DateOnly?, DateOnly)"/>, with the same other arguments,
    /// returns a different <see cref="AgreementStatus.Code"/>, <see cref="AgreementStatus.NextDueDate"/>
    /// or <see cref="AgreementStatus.EscalationLevel"/> than on <paramref name="today"/>. Returns null
    /// when no later date does, as after the end date. The result is exact: the status is the same
    /// on every date between <paramref name="today"/> and it. It assumes that the state and the
    /// escalation stay as they are, so a caller computes it again after either changes.
    /// </summary>
    /// <remarks>
    /// Compute compares the date only with four dates, so the status can change only on the day
    /// after the end date, on the day after the covered due date's effective date (submitted ends),
    /// <see cref="DueSoonDays"/> days before the open due date's effective date (due soon starts),
    /// and on the day after that effective date (overdue starts). The first of these dates after
    /// <paramref name="today"/> whose status differs is the result, because the status is constant
    /// between them.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="escalationLevel"/> is negative.</exception>
    /// <exception cref="ArgumentNullException">The state or one of its members is null.</exception>
    /// <exception cref="ArgumentException">The policy is invalid, or an extension moves a due date earlier.</exception>
    public static DateOnly? NextChange(LifecycleState state, int escalationLevel, DateOnly? escalatedDueDate, DateOnly today)
    {
        AgreementStatus current = Compute(state, escalationLevel, escalatedDueDate, today);
        foreach (DateOnly candidate in ChangeCandidates(state).Where(date => date > today).Order())
        {
            AgreementStatus next = Compute(state, escalationLevel, escalatedDueDate, candidate);
            if (next.Code != current.Code || next.NextDueDate != current.NextDueDate || next.EscalationLevel != current.EscalationLevel)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Returns the dates on which Compute's comparisons with the date can change their outcome.</summary>
    private static IEnumerable<DateOnly> ChangeCandidates(LifecycleState state)
    {
        IReadOnlyList<DueDate> dueDates = DueDates.Compute(state.Agreement, state.Extensions);
        var candidates = new List<DateOnly?> { AddDays(state.Agreement.EndDate, 1) };
        if (CoveredEffective(state, dueDates) is DateOnly coveredEffective)
        {
            candidates.Add(AddDays(coveredEffective, 1));
        }

        if (DueDates.FirstOpen(dueDates, state.CoveredThrough) is DueDate open)
        {
            candidates.Add(AddDays(open.Effective, -DueSoonDays));
            candidates.Add(AddDays(open.Effective, 1));
        }

        return candidates.OfType<DateOnly>().Distinct();
    }

    /// <summary>Returns the effective date of the last covered due date, or null when none is covered.</summary>
    private static DateOnly? CoveredEffective(LifecycleState state, IReadOnlyList<DueDate> dueDates) =>
        state.CoveredThrough is DateOnly covered
            ? dueDates.FirstOrDefault(dueDate => dueDate.Date == covered)?.Effective ?? covered
            : null;

    /// <summary>Adds days to a date, or returns null when the result is outside the range of <see cref="DateOnly"/>.</summary>
    private static DateOnly? AddDays(DateOnly date, int days)
    {
        int dayNumber = date.DayNumber + days;
        return dayNumber >= DateOnly.MinValue.DayNumber && dayNumber <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber(dayNumber)
            : null;
    }

    private static AgreementStatus Create(AgreementStatusCode code, DueDate? next, bool awaitingRegistration, int escalationLevel = 0)
    {
        AgreementStatusDescription description = Describe(code);
        return new AgreementStatus(code, description.CodeText, description.Label, next?.Effective, escalationLevel, awaitingRegistration, next?.Date);
    }
}
