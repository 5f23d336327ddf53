namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// Thrown when a reminder policy, as JSON or as the embedded policy file, is invalid.
/// <see cref="Problems"/> lists every problem found, each naming the field and the value.
/// </summary>
public sealed class InvalidReminderPolicyException : Exception
{
    /// <summary>Creates the exception for a policy source and its problems.</summary>
    public InvalidReminderPolicyException(string source, IReadOnlyList<string> problems)
        : base(FormatMessage(source, problems))
    {
        this.PolicySource = source;
        this.Problems = problems;
    }

    /// <summary>Creates the exception with no details.</summary>
    public InvalidReminderPolicyException()
        : this("unknown source", [])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidReminderPolicyException(string message)
        : base(message)
    {
        this.Problems = [];
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InvalidReminderPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        this.Problems = [];
    }

    /// <summary>What was read, such as "reminder policy override" or the resource name; null when only a message was given.</summary>
    public string? PolicySource { get; }

    /// <summary>The problems found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string FormatMessage(string source, IReadOnlyList<string> problems) =>
        $"The {source} is invalid:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems);
}
