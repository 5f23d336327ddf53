using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>Collects the problems of one validation run.</summary>
internal sealed class ProblemCollector
{
    private readonly List<ValidationProblem> problems = [];

    public IReadOnlyList<ValidationProblem> All => this.problems;

    public bool HasErrors => this.problems.Any(problem => problem.Severity == ProblemSeverity.Error);

    public void Error(string field, string code, string ca, string es) =>
        this.problems.Add(new ValidationProblem(field, code, ProblemSeverity.Error, new LocalizedText(ca, es)));

    public void Add(string field, string code, ProblemSeverity severity, string ca, string es) =>
        this.problems.Add(new ValidationProblem(field, code, severity, new LocalizedText(ca, es)));
}
