using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BalancFunctions.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions.Security;

/// <summary>The result of checking a signed PDF link.</summary>
public enum PdfLinkCheck
{
    /// <summary>The signature matches the agreement, the submission and the expiry, and the expiry is still ahead.</summary>
    Valid,

    /// <summary>The expiry or the signature is missing, malformed, or signed for something else.</summary>
    Invalid,

    /// <summary>The link was signed by this key for this submission, but its expiry has passed.</summary>
    Expired,
}

/// <summary>
/// Creates and checks an agreement's submission token: an HMAC-SHA256 of the agreement id
/// under the signing key, so tokens need no storage and rotating the key revokes them all.
/// It also signs the short-lived PDF links of the OTPC's views, under the same key with a
/// purpose prefix of their own, so that neither kind of signature is valid as the other.
/// </summary>
public sealed class SubmissionTokens
{
    private const string Purpose = "balanc-submission-token:v1:";
    private const string PdfLinkPurpose = "balanc-pdf-link:v1:";

    /// <summary>The maximum number of digits of a link's expiry in Unix seconds. Eleven digits reach the year 5138.</summary>
    private const int MaxExpiresDigits = 11;

    private readonly byte[] key;

    public SubmissionTokens(IOptions<TokenOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.key = DecodeKey(options.Value.SigningKey);
    }

    /// <summary>Returns the token of an agreement, in base64url.</summary>
    public string Create(string agreementId)
    {
        byte[] mac = HMACSHA256.HashData(this.key, Encoding.UTF8.GetBytes(Purpose + agreementId));
        return Base64UrlEncode(mac);
    }

    /// <summary>Checks a token in constant time.</summary>
    public bool IsValid(string agreementId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(this.Create(agreementId));
        byte[] actual = Encoding.ASCII.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>
    /// Returns the signature of a link to one submission's PDF that expires at
    /// <paramref name="expiresUnixSeconds"/>, in base64url: an HMAC-SHA256 of
    /// <c>agreementId|submissionId|expiresUnixSeconds</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An id is empty or contains '|', which would make two different links sign the same text.</exception>
    public string CreatePdfLinkSignature(string agreementId, string submissionId, long expiresUnixSeconds)
    {
        RequireLinkPart(agreementId, nameof(agreementId));
        RequireLinkPart(submissionId, nameof(submissionId));
        ArgumentOutOfRangeException.ThrowIfNegative(expiresUnixSeconds);
        string signed = string.Create(CultureInfo.InvariantCulture, $"{PdfLinkPurpose}{agreementId}|{submissionId}|{expiresUnixSeconds}");
        return Base64UrlEncode(HMACSHA256.HashData(this.key, Encoding.UTF8.GetBytes(signed)));
    }

    /// <summary>
    /// Checks a PDF link's <c>expires</c> and <c>sig</c> query values, the signature in constant
    /// time. A link is valid strictly before its expiry. Only a link whose signature matches can
    /// be reported as expired, so a forged one never learns more than "invalid".
    /// </summary>
    public PdfLinkCheck CheckPdfLink(string agreementId, string submissionId, string? expires, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(agreementId) || string.IsNullOrEmpty(submissionId) || agreementId.Contains('|', StringComparison.Ordinal) || submissionId.Contains('|', StringComparison.Ordinal))
        {
            return PdfLinkCheck.Invalid;
        }

        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(expires) || expires.Length > MaxExpiresDigits
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out long expiresUnixSeconds))
        {
            return PdfLinkCheck.Invalid;
        }

        byte[] expected = Encoding.ASCII.GetBytes(this.CreatePdfLinkSignature(agreementId, submissionId, expiresUnixSeconds));
        byte[] actual = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return PdfLinkCheck.Invalid;
        }

        return now.ToUnixTimeSeconds() < expiresUnixSeconds ? PdfLinkCheck.Valid : PdfLinkCheck.Expired;
    }

    private static void RequireLinkPart(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (value.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The value of {name} must not contain '|'.", name);
        }
    }

    private static byte[] DecodeKey(string signingKey)
    {
        if (string.IsNullOrWhiteSpace(signingKey))
        {
            throw new InvalidOperationException(
                $"The setting {TokenOptions.Section}:SigningKey is missing: set it to at least 32 random bytes in base64.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signingKey);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException(
                $"The setting {TokenOptions.Section}:SigningKey is not valid base64.", exception);
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException(
                $"The setting {TokenOptions.Section}:SigningKey has {bytes.Length} bytes; at least 32 are required.");
        }

        return bytes;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
