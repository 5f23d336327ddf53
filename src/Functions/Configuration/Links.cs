using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Security;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions;

/// <summary>Builds the public links that e-mails, receipts and the OTPC's views carry.</summary>
public sealed class Links(IOptions<SiteOptions> options, SubmissionTokens tokens)
{
    /// <summary>Returns the link that opens the balance form of an agreement, with its token.</summary>
    public Uri Form(string agreementId) =>
        new(options.Value.SiteBaseUrl, $"balanc/?agreement={Uri.EscapeDataString(agreementId)}&token={Uri.EscapeDataString(tokens.Create(agreementId))}");

    /// <summary>Returns the link to an agreement in the OTPC's dashboard.</summary>
    public Uri OfficeAgreement(string agreementId) =>
        new(options.Value.SiteBaseUrl, $"otpc/?agreement={Uri.EscapeDataString(agreementId)}");

    /// <summary>Returns the link where the entity records the registry entry of a submission.</summary>
    public Uri Registry(string agreementId, string submissionId) =>
        new(options.Value.SiteBaseUrl, $"balanc/registre/?agreement={Uri.EscapeDataString(agreementId)}&submission={Uri.EscapeDataString(submissionId)}&token={Uri.EscapeDataString(tokens.Create(agreementId))}");

    /// <summary>Returns the agreement's calendar feed, with its token.</summary>
    public Uri Calendar(string agreementId) =>
        new(options.Value.ApiBaseUrl, $"api/agreements/{Uri.EscapeDataString(agreementId)}/calendar.ics?token={Uri.EscapeDataString(tokens.Create(agreementId))}");

    /// <summary>Returns the link that downloads a submission's PDF with the agreement's token.</summary>
    public Uri Pdf(string agreementId, string submissionId) =>
        new(options.Value.ApiBaseUrl, $"api/agreements/{Uri.EscapeDataString(agreementId)}/submissions/{Uri.EscapeDataString(submissionId)}/pdf?token={Uri.EscapeDataString(tokens.Create(agreementId))}");
}
