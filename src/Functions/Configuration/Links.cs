using System.Globalization;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Security;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions;

/// <summary>Builds the public links that e-mails, receipts and the OTPC's views carry.</summary>
public sealed class Links(IOptions<SiteOptions> options, SubmissionTokens tokens)
{
    /// <summary>The time a PDF link in the OTPC's view stays valid: long enough to click the link, and short enough that a copied link soon stops working.</summary>
    public static readonly TimeSpan OfficePdfLifetime = TimeSpan.FromMinutes(15);

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

    /// <summary>
    /// Returns a link that downloads one submission's PDF without the agreement's token, signed to
    /// expire <see cref="OfficePdfLifetime"/> after <paramref name="now"/>. The OTPC's views carry
    /// it, so a PDF link copied out of them stops working soon, unlike one with the token.
    /// </summary>
    public Uri OfficePdf(string agreementId, string submissionId, DateTimeOffset now)
    {
        long expires = (now + OfficePdfLifetime).ToUnixTimeSeconds();
        string signature = tokens.CreatePdfLinkSignature(agreementId, submissionId, expires);
        return new(options.Value.ApiBaseUrl, string.Create(
            CultureInfo.InvariantCulture,
            $"api/agreements/{Uri.EscapeDataString(agreementId)}/submissions/{Uri.EscapeDataString(submissionId)}/pdf?expires={expires}&sig={signature}"));
    }
}
