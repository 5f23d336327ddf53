using BalancFunctions.Tests.Support;

namespace BalancFunctions.Functions.Tests;

/// <summary>One Azurite and one SMTP server for every test of the assembly; tests use their own table and container.</summary>
public sealed class StorageFixture : IAsyncLifetime
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

[CollectionDefinition(Name)]
public sealed class StorageTestGroup : ICollectionFixture<StorageFixture>
{
    public const string Name = "Azurite and SMTP";
}
