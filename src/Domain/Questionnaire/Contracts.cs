namespace BalancFunctions.Domain.Questionnaire;

/// <summary>Whether a problem blocks a submission.</summary>
public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in a submission: the field (an indicator id such as <c>DG02</c>, or a
/// body field such as <c>agreementId</c>), a stable machine code, the severity, and the
/// message in Catalan and Spanish.
/// </summary>
public sealed record ValidationProblem(string Field, string Code, ProblemSeverity Severity, LocalizedText Message);
