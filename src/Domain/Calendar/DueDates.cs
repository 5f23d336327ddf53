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

    /// <summary>
    /// Computes every due date of the agreement in ascending order: the periodic dates, each
    /// counted from the start date, then the renewal date <c>RenewalLeadDays</c> before the end date.
    /// Only dates after the start date are returned.
    /// </summary>
    public static IReadOnlyList<DueDate> Compute(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (agreement.BalancePeriodMonths <= 0)
        {
            throw new ArgumentException(
                $"BalancePeriodMonths must be positive, but agreement {agreement.AgreementId} has {agreement.BalancePeriodMonths}.",
                nameof(agreement));
        }

        DateOnly renewalDue = agreement.EndDate.AddDays(-agreement.RenewalLeadDays);

        // A periodic date from 90 days before the renewal date onwards is absorbed by the renewal
        // balance: one balance, not two. Periodic dates after the renewal date are dropped too,
        // because a periodic balance after the renewal balance makes no sense.
        DateOnly absorbedFrom = renewalDue.AddDays(-FilingWindowDays);

        var dueDates = new List<DueDate>();
        for (int k = 1; ; k++)
        {
            // Each date is counted from the start date, never chained, so that a month end
            // stays a month end: 31 Jan + 1 month = 28/29 Feb and 31 Jan + 2 months = 31 Mar.
            DateOnly periodic = agreement.StartDate.AddMonths(k * agreement.BalancePeriodMonths);
            if (periodic >= absorbedFrom)
            {
                break;
            }

            dueDates.Add(new DueDate(periodic, DueDateKind.Periodic));
        }

        // A lead as long as the agreement's term puts the renewal date on or before the start
        // date. Such an agreement has no due date at all.
        if (renewalDue > agreement.StartDate)
        {
            dueDates.Add(new DueDate(renewalDue, DueDateKind.Renewal));
        }

        return dueDates;
    }

    /// <summary>
    /// Returns the last due date covered by the register's <c>last_balance_date</c>,
    /// or null when it covers none. Every due date up to <see cref="FilingWindowDays"/> days
    /// after that filing date counts as covered, and an empty <c>last_balance_date</c> covers none.
    /// </summary>
    public static DateOnly? CoveredThroughOnImport(Agreement agreement, IReadOnlyList<DueDate> dueDates)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDates);
        if (agreement.LastBalanceDate is not DateOnly lastBalance)
        {
            return null;
        }

        DateOnly coveredUntil = lastBalance.AddDays(FilingWindowDays);
        DateOnly? coveredThrough = null;
        foreach (DueDate dueDate in dueDates)
        {
            if (dueDate.Date <= coveredUntil && (coveredThrough is null || dueDate.Date > coveredThrough))
            {
                coveredThrough = dueDate.Date;
            }
        }

        return coveredThrough;
    }

    /// <summary>
    /// Returns the earliest due date after <paramref name="coveredThrough"/>, or null when none is open.
    /// A null <paramref name="coveredThrough"/> leaves every due date open.
    /// </summary>
    public static DueDate? FirstOpen(IReadOnlyList<DueDate> dueDates, DateOnly? coveredThrough)
    {
        ArgumentNullException.ThrowIfNull(dueDates);
        DueDate? first = null;
        foreach (DueDate dueDate in dueDates)
        {
            bool open = coveredThrough is null || dueDate.Date > coveredThrough;
            if (open && (first is null || dueDate.Date < first.Date))
            {
                first = dueDate;
            }
        }

        return first;
    }

    /// <summary>
    /// Decides which due date a balance filed on <paramref name="filingDate"/> covers: the first open
    /// due date, when it is at most <see cref="FilingWindowDays"/> days ahead or already past (a late
    /// filing). Otherwise the filing is too early, and the decision carries the first day it may be filed.
    /// </summary>
    public static FilingDecision DecideFiling(IReadOnlyList<DueDate> dueDates, DateOnly? coveredThrough, DateOnly filingDate)
    {
        DueDate? open = FirstOpen(dueDates, coveredThrough);
        if (open is null)
        {
            return new FilingDecision(FilingOutcome.NothingOpen, null, null);
        }

        if (open.Date <= filingDate.AddDays(FilingWindowDays))
        {
            return new FilingDecision(FilingOutcome.Covers, open, null);
        }

        return new FilingDecision(FilingOutcome.TooEarly, open, open.Date.AddDays(-FilingWindowDays));
    }
}
