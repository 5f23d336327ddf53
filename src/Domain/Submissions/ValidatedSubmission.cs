using BalancFunctions.Domain.Questionnaire;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// A submission body that passed every check of its questionnaire version, with normalised
/// answers and the canonical JSON whose SHA-256 identifies it on the PDF and the receipt.
/// </summary>
/// <param name="AgreementId">The agreement id, such as <c>PC-2019-0001</c>.</param>
/// <param name="Token">The submission token as sent; its value is not checked here.</param>
/// <param name="QuestionnaireVersion">The version answered, such as <c>2026.1</c>.</param>
/// <param name="Language">The submitter's language, Catalan when the body did not give one.</param>
/// <param name="Answers">The answers by indicator id, ordinal order; unanswered indicators are absent.</param>
/// <param name="NotAvailable">The reasons, trimmed and in NFC, of the figures declared not available.</param>
/// <param name="CanonicalJson">The canonical JSON described on <see cref="SubmissionCanonicalJson"/>.</param>
/// <param name="Sha256">The SHA-256 of the UTF-8 bytes of <paramref name="CanonicalJson"/>, lowercase hex.</param>
public sealed record ValidatedSubmission(
    string AgreementId,
    string Token,
    string QuestionnaireVersion,
    Language Language,
    IReadOnlyDictionary<string, AnswerValue> Answers,
    IReadOnlyDictionary<string, string> NotAvailable,
    string CanonicalJson,
    string Sha256);

/// <summary>
/// The outcome of validating a submission body: every error and warning found, and the
/// validated submission when there is no error.
/// </summary>
/// <param name="Errors">Problems that block the submission, ordered by body field and then by questionnaire order.</param>
/// <param name="Warnings">Problems that do not block it but are shown to the submitter and printed on the PDF.</param>
/// <param name="Submission">The validated submission; null when <paramref name="Errors"/> is not empty.</param>
public sealed record SubmissionValidationResult(
    IReadOnlyList<ValidationProblem> Errors,
    IReadOnlyList<ValidationProblem> Warnings,
    ValidatedSubmission? Submission)
{
    /// <summary>Whether the submission has no error.</summary>
    public bool IsValid => this.Submission is not null;
}
