namespace BalancFunctions.Tests.Support;

/// <summary>An Azurite process and an in-process SMTP server, started for a group of tests and stopped after them.</summary>
public class ExternalServices : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public TestSmtpServer Smtp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        this.Azurite = await AzuriteInstance.StartAsync();
        this.Smtp = TestSmtpServer.Start();
    }

    public async Task DisposeAsync()
    {
        await this.Smtp.DisposeAsync();
        await this.Azurite.DisposeAsync();
    }
}
