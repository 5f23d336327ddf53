namespace BalancFunctions.Domain.Submissions;

/// <summary>The facts printed at the top of a balance PDF that do not come from the answers.</summary>
/// <param name="AgreementId">The agreement id; it must equal the submission's.</param>
/// <param name="EntityName">The entity's name, as in the register.</param>
/// <param name="EntityNif">The entity's NIF.</param>
/// <param name="SpaceName">The name of the space the agreement covers.</param>
/// <param name="SpaceAddress">The postal address of the space.</param>
/// <param name="SubmissionId">The id of this submission, also printed on its receipt.</param>
/// <param name="SubmittedAtLocal">The time of the submission, already converted to Europe/Madrid.</param>
public sealed record BalanceDocumentHeader(
    string AgreementId,
    string EntityName,
    string EntityNif,
    string SpaceName,
    string SpaceAddress,
    string SubmissionId,
    DateTimeOffset SubmittedAtLocal);
