using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace BalancFunctions.LocalHost;

/// <summary>
/// Serves the Durable Task gRPC protocol on loopback in front of the Azure Storage provider, the
/// provider that Durable Functions uses in Azure, so that orchestrations, timers and events are
/// stored in Azurite and survive a killed process. The worker and the client connect to it as
/// they would to the Functions host's sidecar.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly AzureStorageOrchestrationService service;

    private DurableSidecar(WebApplication app, AzureStorageOrchestrationService service, Uri address)
    {
        this.app = app;
        this.service = service;
        this.Address = address;
    }

    public Uri Address { get; }

    public static async Task<DurableSidecar> StartAsync(string storageConnectionString, LocalHostOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        AzureStorageOrchestrationService service = new(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            WorkerId = options.WorkerId,
            PartitionCount = 4,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(options.MaxQueuePollingMilliseconds),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(options.QueueVisibilitySeconds),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(options.QueueVisibilitySeconds),
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();

        int port = options.SidecarPort != 0 ? options.SidecarPort : FreeLoopbackPort();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // The LocalHost stops this app when it stops. With the console's lifetime, Ctrl+C would
        // also stop it on its own, and its stop could then run beside the one in DisposeAsync.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        WebApplication app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        return new DurableSidecar(app, service, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        // The gRPC server stops its dispatchers without waiting, and they wait up to an hour for
        // work that the stopped worker will never finish; only then does the server stop the
        // provider, which polls its queues meanwhile. So the provider is stopped here first, at
        // once. The server's own stop of the provider then comes strictly after this one: two
        // stops at the same time throw a NullReferenceException in the provider's lease manager
        // (DurableTask.AzureStorage 2.11.3), on a thread where nothing catches it.
        await this.service.StopAsync(isForced: true);
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    /// <summary>Returns a loopback port that is free now.</summary>
    public static int FreeLoopbackPort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A host lifetime that only the owner's calls stop, never a console signal.</summary>
    private sealed class ManualLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
