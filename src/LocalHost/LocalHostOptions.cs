namespace BalancFunctions.LocalHost;

/// <summary>Settings that only the LocalHost reads.</summary>
public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>The key that OTPC endpoints expect in <c>x-functions-key</c>, as function keys do in Azure.</summary>
    public string OtpcKey { get; set; } = string.Empty;

    /// <summary>A register CSV to import at start-up; empty for none. Relative paths start at the repository root.</summary>
    public string SeedRegister { get; set; } = string.Empty;

    /// <summary>The Durable Task hub's name in storage.</summary>
    public string TaskHubName { get; set; } = "BalancLocal";

    /// <summary>
    /// The worker id of the Durable Task storage provider. It stays the same across restarts so
    /// that a restarted host takes back its partition leases at once instead of after they expire.
    /// </summary>
    public string WorkerId { get; set; } = "balanc-localhost";

    /// <summary>The loopback port of the Durable Task gRPC sidecar; 0 picks a free one.</summary>
    public int SidecarPort { get; set; }

    /// <summary>Where the LocalHost keeps its generated token signing key. Relative paths start at the repository root.</summary>
    public string DataDirectory { get; set; } = ".localhost";

    /// <summary>The static site's folder. Relative paths start at the repository root.</summary>
    public string WebRoot { get; set; } = "web";

    /// <summary>
    /// Seconds before a work item that a killed process had taken becomes visible again to the next
    /// one: the storage provider's queue visibility timeout. 300, the provider's default, unless set.
    /// </summary>
    public int QueueVisibilitySeconds { get; set; } = 300;

    /// <summary>The longest wait of the storage provider between two polls of an empty queue, in milliseconds.</summary>
    public int MaxQueuePollingMilliseconds { get; set; } = 1000;

    /// <summary>The store of the Durable Task orchestrations: AzureStorage unless set.</summary>
    public DurableStore DurableStore { get; set; } = DurableStore.AzureStorage;
}

/// <summary>A store for the Durable Task orchestrations of the LocalHost.</summary>
public enum DurableStore
{
    /// <summary>The Azure Storage provider on Azurite, as Durable Functions uses in Azure: orchestrations survive a restart.</summary>
    AzureStorage,

    /// <summary>
    /// The in-memory store of the Durable Task test host. Orchestrations are lost when the process
    /// stops, so only benchmarks use it, to measure the app without Azurite's queue costs.
    /// </summary>
    InMemory,
}
