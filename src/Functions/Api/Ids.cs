using System.Text.RegularExpressions;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// The shape of ids that become Table keys and blob names: letters, digits and hyphens, 1 to 64
/// characters. Anything else is rejected before it reaches storage.
/// </summary>
public static partial class Ids
{
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
