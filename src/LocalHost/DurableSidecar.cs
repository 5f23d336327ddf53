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
        await this.app.StopAsync();
        await this.app.DisposeAsync();

        // The gRPC server stops its dispatchers without waiting, and they wait up to an hour for
        // work that the stopped worker will never finish. Meanwhile the provider would go on
        // polling its queues, so it is stopped here, at once.
        await this.service.StopAsync(isForced: true);
    }

    /// <summary>Returns a loopback port that is free now.</summary>
    public static int FreeLoopbackPort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
