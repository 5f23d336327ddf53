namespace BalancFunctions.Domain.Questionnaire;

/// <summary>
/// Thrown when a questionnaire definition file, or a definition built in code, breaks the
/// schema. <see cref="Problems"/> lists every problem found, each with its JSON path.
/// </summary>
public sealed class InvalidQuestionnaireException : Exception
{
    /// <summary>Creates the exception for a source and its problems.</summary>
    public InvalidQuestionnaireException(string source, IReadOnlyList<string> problems)
        : base(FormatMessage(source, problems))
    {
        this.DefinitionSource = source;
        this.Problems = problems;
    }

    /// <summary>Creates the exception with no details.</summary>
    public InvalidQuestionnaireException()
        : this("unknown source", [])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidQuestionnaireException(string message)
        : base(message)
    {
        this.Problems = [];
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InvalidQuestionnaireException(string message, Exception innerException)
        : base(message, innerException)
    {
        this.Problems = [];
    }

    /// <summary>The file or resource name of the invalid definition; null when only a message was given.</summary>
    public string? DefinitionSource { get; }

    /// <summary>The problems found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string FormatMessage(string source, IReadOnlyList<string> problems) =>
        $"The questionnaire definition '{source}' is invalid:{Environment.NewLine}- "
        + string.Join(Environment.NewLine + "- ", problems);
}
