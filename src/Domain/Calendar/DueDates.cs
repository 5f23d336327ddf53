using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Domain.Calendar;

/// <summary>Why a balance is due on a date.</summary>
public enum DueDateKind
{
    /// <summary>A regular balance, every <c>BalancePeriodMonths</c> from the start date.</summary>
    Periodic,

    /// <summary>The balance before the agreement ends, due <c>RenewalLeadDays</c> before the end date.</summary>
    Renewal,
}

/// <summary>A local calendar date on which a balance is due, and why.</summary>
public sealed record DueDate(DateOnly Date, DueDateKind Kind);

/// <summary>The outcome of filing a balance on a given date.</summary>
public enum FilingOutcome
{
    /// <summary>The balance covers <see cref="FilingDecision.DueDate"/>.</summary>
    Covers,

    /// <summary>The earliest open due date is more than 90 days away; <see cref="FilingDecision.FirstFilingDay"/> says when filing opens.</summary>
    TooEarly,

    /// <summary>Every due date of the agreement is already covered.</summary>
    NothingOpen,
}

/// <summary>What a balance filed on a date would cover.</summary>
public sealed record FilingDecision(FilingOutcome Outcome, DueDate? DueDate, DateOnly? FirstFilingDay);

/// <summary>
/// Due dates of an agreement and which of them are covered by balances, as pure functions.
/// </summary>
public static class DueDates
{
    /// <summary>Days before a due date from which a balance may be filed for it.</summary>
    public const int FilingWindowDays = 90;

    /// <summary>Computes every due date of the agreement in ascending order.</summary>
    public static IReadOnlyList<DueDate> Compute(Agreement agreement) => throw new NotImplementedException();

    /// <summary>
    /// Returns the last due date covered by the register's <c>last_balance_date</c>,
    /// or null when it covers none.
    /// </summary>
    public static DateOnly? CoveredThroughOnImport(Agreement agreement, IReadOnlyList<DueDate> dueDates) => throw new NotImplementedException();

    /// <summary>Returns the earliest due date after <paramref name="coveredThrough"/>, or null when none is open.</summary>
    public static DueDate? FirstOpen(IReadOnlyList<DueDate> dueDates, DateOnly? coveredThrough) => throw new NotImplementedException();

    /// <summary>Decides which due date a balance filed on <paramref name="filingDate"/> covers.</summary>
    public static FilingDecision DecideFiling(IReadOnlyList<DueDate> dueDates, DateOnly? coveredThrough, DateOnly filingDate) => throw new NotImplementedException();
}
