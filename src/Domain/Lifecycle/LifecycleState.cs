using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Lifecycle;

/// <summary>A balance submitted on the site whose registry entry (número d'assentament) is not yet recorded.</summary>
/// <param name="DueDate">The original due date the submission covers.</param>
/// <param name="SubmittedAtUtc">When the submission was received.</param>
public sealed record PendingRegistration(DateOnly DueDate, DateTimeOffset SubmittedAtUtc);

/// <summary>What the planner and the status calculator need to know about one agreement.</summary>
/// <param name="Agreement">The agreement as registered.</param>
/// <param name="CoveredThrough">The original date of the last due date covered by a balance, or null when none is.</param>
/// <param name="Extensions">Extensions granted by the office, from original due date to new date.</param>
/// <param name="PendingRegistrations">Submissions still waiting for their registry entry.</param>
/// <param name="Policy">The reminder policy of the agreement (see <see cref="ReminderPolicies.Resolve"/>).</param>
public sealed record LifecycleState(
    Agreement Agreement,
    DateOnly? CoveredThrough,
    IReadOnlyDictionary<DateOnly, DateOnly> Extensions,
    IReadOnlyList<PendingRegistration> PendingRegistrations,
    ReminderPolicy Policy)
{
    /// <summary>Creates a state with no extension, no pending registration and the default policy.</summary>
    public static LifecycleState Create(Agreement agreement, DateOnly? coveredThrough) =>
        new(agreement, coveredThrough, new Dictionary<DateOnly, DateOnly>(), [], ReminderPolicy.Default);

    /// <summary>Throws unless every member is set and the policy is valid.</summary>
    /// <exception cref="ArgumentNullException">A member is null.</exception>
    /// <exception cref="ArgumentException">The policy is invalid.</exception>
    internal static void Check(LifecycleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Agreement, nameof(state));
        ArgumentNullException.ThrowIfNull(state.Extensions, nameof(state));
        ArgumentNullException.ThrowIfNull(state.PendingRegistrations, nameof(state));
        ReminderSchedule.Validate(state.Policy);
    }
}
