using System.Net;
using System.Net.Sockets;
using System.Reflection;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
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

    private readonly IOrchestrationService service;

    private DurableSidecar(WebApplication app, IOrchestrationService service, Uri address)
    {
        this.app = app;
        this.service = service;
        this.Address = address;
    }

    public Uri Address { get; }

    public static async Task<DurableSidecar> StartAsync(string storageConnectionString, LocalHostOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IOrchestrationService service = options.DurableStore switch
        {
            DurableStore.AzureStorage => await CreateAzureStorageServiceAsync(storageConnectionString, options, loggerFactory),
            DurableStore.InMemory => new WideInMemoryOrchestrationService(loggerFactory),
            _ => throw new InvalidOperationException($"LocalHost:DurableStore is invalid: {options.DurableStore}. Use AzureStorage or InMemory."),
        };

        int port = options.SidecarPort != 0 ? options.SidecarPort : FreeLoopbackPort();

        // The builder also reads the LocalHost's appsettings.json, whose Urls are the API's, and
        // Kestrel would warn that the endpoint below overrides them. An empty value clears them.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(["--urls="]);
        builder.Logging.ClearProviders();

        // Without the console's lifetime, Ctrl+C cannot stop this app while DisposeAsync stops it too.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton((IOrchestrationServiceClient)service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        WebApplication app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        return new DurableSidecar(app, service, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        // The gRPC server stops the provider only after its dispatchers, up to an hour later.
        // Two stops at once throw in the provider's lease manager, so this one ends before the app stops.
        if (!HasStarted(this.service))
        {
            // The server starts the provider when the first worker connects, and stops it in any case.
            // A stop before a start throws where nothing catches it, so a LocalHost stopped that early starts it here.
            await this.service.StartAsync();
        }

        await this.service.StopAsync(isForced: true);
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    /// <summary>Returns whether the Azure Storage provider has started. Other stores start and stop at any time.</summary>
    private static bool HasStarted(IOrchestrationService service)
    {
        // NOTE: the provider keeps this flag private (DurableTask.AzureStorage 2.11.3). Without it, the provider counts as started.
        FieldInfo? flag = typeof(AzureStorageOrchestrationService).GetField("isStarted", BindingFlags.Instance | BindingFlags.NonPublic);
        return service is not AzureStorageOrchestrationService || flag?.GetValue(service) is not false;
    }

    private static async Task<AzureStorageOrchestrationService> CreateAzureStorageServiceAsync(string storageConnectionString, LocalHostOptions options, ILoggerFactory loggerFactory)
    {
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
        return service;
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

    /// <summary>
    /// The test host's in-memory store, with the Durable Functions extension's default of 10 work items
    /// per core. At its own limit of 1 per core, a benchmark ran only a few work items per second.
    /// </summary>
    private sealed class WideInMemoryOrchestrationService(ILoggerFactory loggerFactory)
        : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
    {
        public new int MaxConcurrentTaskOrchestrationWorkItems => 10 * Environment.ProcessorCount;

        public new int MaxConcurrentTaskActivityWorkItems => 10 * Environment.ProcessorCount;
    }
}
