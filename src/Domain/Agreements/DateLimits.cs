namespace BalancFunctions.Domain.Agreements;

/// <summary>
/// The dates an agreement may carry. The upper bound is far beyond any agreement and far from
/// DateOnly's end, so that month arithmetic on due dates never overflows.
/// </summary>
public static class DateLimits
{
    public static readonly DateOnly Min = new(1900, 1, 1);

    public static readonly DateOnly Max = new(2199, 12, 31);

    /// <summary>Returns whether a date lies within the limits.</summary>
    public static bool Contains(DateOnly date) => date >= Min && date <= Max;
}
