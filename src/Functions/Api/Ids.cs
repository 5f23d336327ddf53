using System.Text.RegularExpressions;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// The shape of ids that become Table keys and blob names: letters, digits and hyphens, 1 to 64
/// characters. Anything else is rejected before it reaches storage.
/// </summary>
public static partial class Ids
{
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>
    /// Returns an id in upper case, the form the register import stores, so that "pc-2019-0001"
    /// finds PC-2019-0001 instead of missing it; null stays null.
    /// </summary>
    public static string? Normalize(string? id) => id?.Trim().ToUpperInvariant();

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
