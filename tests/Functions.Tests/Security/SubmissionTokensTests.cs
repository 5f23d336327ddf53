using System.Security.Cryptography;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Security;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions.Tests.Security;

public sealed class SubmissionTokensTests
{
    private static SubmissionTokens Create(byte[] key) =>
        new(Options.Create(new TokenOptions { SigningKey = Convert.ToBase64String(key) }));

    [Fact]
    public void IsValid_OwnToken_True()
    {
        SubmissionTokens tokens = Create(RandomNumberGenerator.GetBytes(32));

        Assert.True(tokens.IsValid("PC-2019-0001", tokens.Create("PC-2019-0001")));
    }

    [Fact]
    public void IsValid_OtherAgreementsToken_False()
    {
        SubmissionTokens tokens = Create(RandomNumberGenerator.GetBytes(32));

        Assert.False(tokens.IsValid("PC-2019-0001", tokens.Create("PC-2019-0002")));
    }

    [Fact]
    public void IsValid_AfterKeyRotation_False()
    {
        string token = Create(RandomNumberGenerator.GetBytes(32)).Create("PC-2019-0001");

        Assert.False(Create(RandomNumberGenerator.GetBytes(32)).IsValid("PC-2019-0001", token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public void IsValid_MissingOrMalformed_False(string? token)
    {
        SubmissionTokens tokens = Create(RandomNumberGenerator.GetBytes(32));

        Assert.False(tokens.IsValid("PC-2019-0001", token));
    }

    [Fact]
    public void Constructor_ShortKey_ThrowsWithSettingName()
    {
        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => Create(new byte[16]));

        Assert.Contains("SubmissionTokens:SigningKey", exception.Message, StringComparison.Ordinal);
    }
}
