using System.Globalization;
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

/// <summary>A local calendar date on which a balance is due, why, and any extension the office granted.</summary>
/// <param name="Date">The original due date, which identifies the due date for coverage, escalations and logs.</param>
/// <param name="Kind">Why the balance is due.</param>
/// <param name="ExtendedTo">The date the office extended the due date to, or null without an extension.</param>
public sealed record DueDate(DateOnly Date, DueDateKind Kind, DateOnly? ExtendedTo = null)
{
    /// <summary>The date the balance must be filed by: the extension when there is one, else the original date.</summary>
    public DateOnly Effective => this.ExtendedTo ?? this.Date;
}

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
/// <param name="Outcome">Whether the filing covers a due date.</param>
/// <param name="DueDate">The due date covered, or the one it is too early for; null when nothing is open.</param>
/// <param name="FirstFilingDay">When the filing is too early, the first day it may be filed.</param>
/// <param name="Late">True when the filing covers a due date whose effective date has passed.</param>
public sealed record FilingDecision(FilingOutcome Outcome, DueDate? DueDate, DateOnly? FirstFilingDay, bool Late = false);

/// <summary>
/// Due dates of an agreement and which of them are covered by balances, as pure functions.
/// </summary>
public static class DueDates
{
    /// <summary>Days before a due date from which a balance may be filed for it.</summary>
    public const int FilingWindowDays = 90;

    /// <summary>
    /// Computes every due date of the agreement in ascending order of original date: the periodic
    /// dates, each counted from the start date, then the renewal date <c>RenewalLeadDays</c> before
    /// the end date. Only dates after the start date are returned.
    /// </summary>
    /// <param name="agreement">The agreement.</param>
    /// <param name="extensions">
    /// Extensions granted by the office, from original due date to new date. An extension whose
    /// original date is not a due date of the agreement is ignored, so that an extension stays
    /// harmless after the agreement's dates change.
    /// </param>
    /// <exception cref="ArgumentException">The balance period is not positive, or an extension moves a date earlier.</exception>
    public static IReadOnlyList<DueDate> Compute(Agreement agreement, IReadOnlyDictionary<DateOnly, DateOnly>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        CheckExtensions(agreement, extensions);
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

            dueDates.Add(new DueDate(periodic, DueDateKind.Periodic, ExtensionOf(extensions, periodic)));
        }

        // A lead as long as the agreement's term puts the renewal date on or before the start
        // date. Such an agreement has no due date at all.
        if (renewalDue > agreement.StartDate)
        {
            dueDates.Add(new DueDate(renewalDue, DueDateKind.Renewal, ExtensionOf(extensions, renewalDue)));
        }

        return dueDates;
    }

    /// <summary>Returns the renewal due date, or null when the agreement has none (its lead is as long as its term).</summary>
    public static DueDate? Renewal(IReadOnlyList<DueDate> dueDates)
    {
        ArgumentNullException.ThrowIfNull(dueDates);
        return dueDates.LastOrDefault(dueDate => dueDate.Kind == DueDateKind.Renewal);
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
    /// due date, when its original date is at most <see cref="FilingWindowDays"/> days ahead or already
    /// past. Otherwise the filing is too early, and the decision carries the first day it may be filed.
    /// An extension does not move the window's opening, only the lateness: the filing is late when it
    /// comes after the effective date.
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
            return new FilingDecision(FilingOutcome.Covers, open, null, Late: filingDate > open.Effective);
        }

        return new FilingDecision(FilingOutcome.TooEarly, open, open.Date.AddDays(-FilingWindowDays));
    }

    private static void CheckExtensions(Agreement agreement, IReadOnlyDictionary<DateOnly, DateOnly>? extensions)
    {
        foreach ((DateOnly original, DateOnly extendedTo) in extensions ?? new Dictionary<DateOnly, DateOnly>())
        {
            if (extendedTo < original)
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Agreement {agreement.AgreementId} has an extension of the due date {original:yyyy-MM-dd} to {extendedTo:yyyy-MM-dd}, which is earlier. An extension must move a due date later."),
                    nameof(extensions));
            }
        }
    }

    private static DateOnly? ExtensionOf(IReadOnlyDictionary<DateOnly, DateOnly>? extensions, DateOnly original) =>
        extensions is not null && extensions.TryGetValue(original, out DateOnly extendedTo) ? extendedTo : null;
}
