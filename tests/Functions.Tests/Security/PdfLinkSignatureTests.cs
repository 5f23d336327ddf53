using System.Security.Cryptography;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions.Tests.Security;

/// <summary>The short-lived signed PDF links of the OTPC's views, and the link builder that makes them.</summary>
public sealed class PdfLinkSignatureTests
{
    private const string AgreementId = "PC-2019-0001";
    private const string SubmissionId = "0123456789abcdef0123";
    private static readonly DateTimeOffset Now = new(2027, 3, 28, 9, 30, 0, TimeSpan.Zero);
    private static readonly long Expires = Now.AddMinutes(15).ToUnixTimeSeconds();

    private readonly SubmissionTokens tokens = Create(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void CheckPdfLink_OwnLinkBeforeExpiry_Valid()
    {
        string signature = this.tokens.CreatePdfLinkSignature(AgreementId, SubmissionId, Expires);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", signature);
        Assert.Equal(PdfLinkCheck.Valid, this.Check(AgreementId, SubmissionId, Expires, signature, Now));
    }

    [Fact]
    public void CheckPdfLink_LastSecondAndExpiry_ValidThenExpired()
    {
        string signature = this.tokens.CreatePdfLinkSignature(AgreementId, SubmissionId, Expires);

        Assert.Equal(PdfLinkCheck.Valid, this.Check(AgreementId, SubmissionId, Expires, signature, DateTimeOffset.FromUnixTimeSeconds(Expires - 1)));
        Assert.Equal(PdfLinkCheck.Expired, this.Check(AgreementId, SubmissionId, Expires, signature, DateTimeOffset.FromUnixTimeSeconds(Expires)));
        Assert.Equal(PdfLinkCheck.Expired, this.Check(AgreementId, SubmissionId, Expires, signature, Now.AddDays(30)));
    }

    [Fact]
    public void CheckPdfLink_OtherSubmissionOrAgreement_Invalid()
    {
        string signature = this.tokens.CreatePdfLinkSignature(AgreementId, SubmissionId, Expires);

        Assert.Equal(PdfLinkCheck.Invalid, this.Check(AgreementId, "0123456789abcdef0124", Expires, signature, Now));
        Assert.Equal(PdfLinkCheck.Invalid, this.Check("PC-2019-0002", SubmissionId, Expires, signature, Now));
        Assert.Equal(PdfLinkCheck.Invalid, this.Check("pc-2019-0001", SubmissionId, Expires, signature, Now));
    }

    [Fact]
    public void CheckPdfLink_LaterExpiry_Invalid()
    {
        string signature = this.tokens.CreatePdfLinkSignature(AgreementId, SubmissionId, Expires);

        Assert.Equal(PdfLinkCheck.Invalid, this.Check(AgreementId, SubmissionId, Expires + 3600, signature, Now));
    }

    [Fact]
    public void CheckPdfLink_ForgedExpiredLink_InvalidNotExpired()
    {
        long past = Now.AddMinutes(-5).ToUnixTimeSeconds();
        string forged = Create(RandomNumberGenerator.GetBytes(32)).CreatePdfLinkSignature(AgreementId, SubmissionId, past);

        Assert.Equal(PdfLinkCheck.Invalid, this.Check(AgreementId, SubmissionId, past, forged, Now));
    }

    [Fact]
    public void CheckPdfLink_SubmissionTokenAsSignature_Invalid()
    {
        string token = this.tokens.Create(AgreementId);

        Assert.Equal(PdfLinkCheck.Invalid, this.Check(AgreementId, SubmissionId, Expires, token, Now));
    }

    [Fact]
    public void IsValid_PdfLinkSignatureAsToken_False()
    {
        string signature = this.tokens.CreatePdfLinkSignature(AgreementId, SubmissionId, Expires);

        Assert.False(this.tokens.IsValid(AgreementId, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" 1806225300")]
    [InlineData("+1806225300")]
    [InlineData("-1")]
    [InlineData("1.8e9")]
    [InlineData("180622530000")]
    [InlineData("99999999999999999999")]
    public void CheckPdfLink_MalformedExpiry_Invalid(string? expires)
    {
        string signature = this.tokens.CreatePdfLinkSignature(AgreementId, SubmissionId, Expires);

        Assert.Equal(PdfLinkCheck.Invalid, this.tokens.CheckPdfLink(AgreementId, SubmissionId, expires, signature, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-signature")]
    public void CheckPdfLink_MissingOrMalformedSignature_Invalid(string? signature)
    {
        Assert.Equal(PdfLinkCheck.Invalid, this.Check(AgreementId, SubmissionId, Expires, signature, Now));
    }

    [Fact]
    public void CheckPdfLink_IdWithSeparator_Invalid()
    {
        // "A|B" + "C" and "A" + "B|C" would sign the same text if '|' were allowed in an id.
        string signature = this.tokens.CreatePdfLinkSignature("PC-2019-0001", "abc", Expires);

        Assert.Equal(PdfLinkCheck.Invalid, this.Check("PC-2019-0001|abc", "x", Expires, signature, Now));
        Assert.Throws<ArgumentException>(() => this.tokens.CreatePdfLinkSignature("PC-2019-0001|abc", "x", Expires));
    }

    [Fact]
    public void CheckPdfLink_AfterKeyRotation_Invalid()
    {
        string signature = this.tokens.CreatePdfLinkSignature(AgreementId, SubmissionId, Expires);

        Assert.Equal(PdfLinkCheck.Invalid, Create(RandomNumberGenerator.GetBytes(32)).CheckPdfLink(AgreementId, SubmissionId, Expires.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Now));
    }

    [Fact]
    public void OfficePdf_Link_ValidForFifteenMinutes()
    {
        Links links = new(Options.Create(new SiteOptions { ApiBaseUrl = new Uri("https://api.example.org/") }), this.tokens);

        Uri link = links.OfficePdf(AgreementId, SubmissionId, Now);
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query = QueryHelpers.ParseQuery(link.Query);
        string expires = query["expires"].ToString();
        string signature = query["sig"].ToString();

        Assert.Equal($"https://api.example.org/api/agreements/{AgreementId}/submissions/{SubmissionId}/pdf", link.GetLeftPart(UriPartial.Path));
        Assert.False(query.ContainsKey("token"));
        Assert.Equal(TimeSpan.FromMinutes(15), Links.OfficePdfLifetime);
        Assert.Equal(Now.AddMinutes(15).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), expires);
        Assert.Equal(PdfLinkCheck.Valid, this.tokens.CheckPdfLink(AgreementId, SubmissionId, expires, signature, Now.AddMinutes(15).AddSeconds(-1)));
        Assert.Equal(PdfLinkCheck.Expired, this.tokens.CheckPdfLink(AgreementId, SubmissionId, expires, signature, Now.AddMinutes(15)));
    }

    private static SubmissionTokens Create(byte[] key) =>
        new(Options.Create(new TokenOptions { SigningKey = Convert.ToBase64String(key) }));

    private PdfLinkCheck Check(string agreementId, string submissionId, long expires, string? signature, DateTimeOffset now) =>
        this.tokens.CheckPdfLink(agreementId, submissionId, expires.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, now);
}
