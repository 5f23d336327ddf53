using Azure.Core;
using Azure.Data.Tables;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using BalancFunctions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>The read model's refresh after a write, when storage cannot be reached.</summary>
public sealed class ReadModelRefreshTests
{
    /// <summary>
    /// Azure.Core reports a transport failure that outlasts its retries (a refused connection) as an
    /// AggregateException of RequestFailedExceptions, not as a RequestFailedException. The refresh
    /// after a stored balance must not turn that into a 500 for the balance.
    /// </summary>
    [Fact]
    public async Task TryRefresh_StorageUnreachable_DoesNotThrow()
    {
        int closedPort = AzuriteInstance.FreePort();
        TableClientOptions options = new();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.Mode = RetryMode.Fixed;
        string connectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;";
        using AgreementIndex index = new(
            new TableClient(connectionString, "agreementindex", options),
            new AgreementRepository(new TableClient(connectionString, "agreements", options)),
            TimeProvider.System,
            _ => new Dictionary<string, decimal>(),
            NullLogger<AgreementIndex>.Instance);

        Exception? thrown = await Record.ExceptionAsync(() => index.TryRefreshAsync("PC-2026-0001", CancellationToken.None));

        Assert.Null(thrown);
    }
}
