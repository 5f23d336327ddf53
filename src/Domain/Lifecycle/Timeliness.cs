using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Lifecycle;

/// <summary>Whether a balance was on time, and which date decided it.</summary>
/// <param name="OnTime">True when <paramref name="DateUsed"/> is on or before the due date's effective date.</param>
/// <param name="Basis"><see cref="Timeliness.RegistryBasis"/> or <see cref="Timeliness.SubmissionBasis"/>.</param>
/// <param name="DateUsed">The registry date when there is one, else the submission date.</param>
public sealed record TimelinessResult(bool OnTime, string Basis, DateOnly DateUsed);

/// <summary>
/// Decides whether a balance was on time. Legal persons must file electronically, so the registry
/// entry's date is the legal filing date. Until it is recorded, the submission date on the site is used instead.
/// </summary>
public static class Timeliness
{
    /// <summary>The basis when the registry date decided.</summary>
    public const string RegistryBasis = "registry";

    /// <summary>The basis when the submission date decided, because no registry date is recorded yet.</summary>
    public const string SubmissionBasis = "submission";

    /// <summary>
    /// Decides on the registry date when <paramref name="registeredOn"/> is set, else on
    /// <paramref name="submittedOn"/>. On time means on or before <see cref="DueDate.Effective"/>,
    /// because a due date is met through its whole local day and an extension moves it.
    /// </summary>
    public static TimelinessResult Decide(DueDate due, DateOnly submittedOn, DateOnly? registeredOn)
    {
        ArgumentNullException.ThrowIfNull(due);
        (DateOnly dateUsed, string basis) = registeredOn is DateOnly registered
            ? (registered, RegistryBasis)
            : (submittedOn, SubmissionBasis);
        return new TimelinessResult(dateUsed <= due.Effective, basis, dateUsed);
    }
}
