using System.Globalization;

namespace BalancFunctions.Tests.Support;

/// <summary>Builds the command-line arguments that point a test's LocalHost at its own Azurite, SMTP server and task hub.</summary>
public static class LocalHostArguments
{
    public static List<string> For(Uri baseAddress, AzuriteInstance azurite, TestSmtpServer smtp, string signingKey, string officeKey, string taskHub, string dataDirectory, string seedRegister)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(smtp);
        return
        [
            $"--Urls={baseAddress}",
            $"--AzureWebJobsStorage={azurite.ConnectionString}",
            $"--BalancStorage:ConnectionString={azurite.ConnectionString}",
            $"--Smtp:Port={smtp.Port.ToString(CultureInfo.InvariantCulture)}",
            "--Smtp:Security=None",
            $"--SubmissionTokens:SigningKey={signingKey}",
            $"--LocalHost:OtpcKey={officeKey}",
            $"--LocalHost:TaskHubName={taskHub}",
            $"--LocalHost:DataDirectory={dataDirectory}",
            $"--LocalHost:SeedRegister={seedRegister}",
            $"--Site:SiteBaseUrl={baseAddress}",
            $"--Site:ApiBaseUrl={baseAddress}",
        ];
    }
}
