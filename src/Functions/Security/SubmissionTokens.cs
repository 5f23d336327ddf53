using System.Security.Cryptography;
using System.Text;
using BalancFunctions.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions.Security;

/// <summary>
/// Creates and checks an agreement's submission token: an HMAC-SHA256 of the agreement id
/// under the signing key, so tokens need no storage and rotating the key revokes them all.
/// </summary>
public sealed class SubmissionTokens
{
    private const string Purpose = "balanc-submission-token:v1:";
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
