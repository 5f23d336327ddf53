using BalancFunctions.Tests.Support;

namespace BalancFunctions.Functions.Tests;

/// <summary>One Azurite and one SMTP server for every test of the assembly; tests use their own table and container.</summary>
public sealed class StorageFixture : ExternalServices;

[CollectionDefinition(Name)]
public sealed class StorageTestGroup : ICollectionFixture<StorageFixture>
{
    public const string Name = "Azurite and SMTP";
}
