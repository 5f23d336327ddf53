using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BalancFunctions.Load.Bench;

/// <summary>A message that the SMTP server accepted, with the instant its DATA command completed.</summary>
internal sealed record ReceivedMessage(DateTimeOffset ReceivedAtUtc, string MessageId, string Subject);

/// <summary>
/// An SMTP server in this process, on a free loopback port, that accepts every message and records
/// when it arrived. The lifecycle scenario compares those instants with the scheduled reminder times.
/// </summary>
internal sealed class ReceivingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly Task running;
    private readonly Store store;

    private ReceivingSmtpServer(int port, Store store, CancellationTokenSource stop, Task running)
    {
        this.Port = port;
        this.store = store;
        this.stop = stop;
        this.running = running;
    }

    public int Port { get; }

    /// <summary>The number of messages accepted so far.</summary>
    public int Count => this.store.Messages.Count;

    /// <summary>The messages accepted so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Messages => [.. this.store.Messages];

    public static ReceivingSmtpServer Start()
    {
        int port = AzuriteProcess.FreeLoopbackPort();
        ISmtpServerOptions options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        Store store = new();
        SmtpServer.ComponentModel.ServiceProvider services = new();
        services.Add(store);
        SmtpServer.SmtpServer server = new(options, services);
        CancellationTokenSource stop = new();
        Task running = server.StartAsync(stop.Token);
        return new ReceivingSmtpServer(port, store, stop, running);
    }

    public async ValueTask DisposeAsync()
    {
        await this.stop.CancelAsync();
        try
        {
            await this.running;
        }
        catch (OperationCanceledException)
        {
            // The server stops by cancellation.
        }

        this.stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<ReceivedMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            DateTimeOffset receivedAt = DateTimeOffset.UtcNow;
            using MemoryStream stream = new(buffer.ToArray());
            MimeMessage message = await MimeMessage.LoadAsync(stream, cancellationToken);
            this.Messages.Enqueue(new ReceivedMessage(receivedAt, message.MessageId ?? string.Empty, message.Subject ?? string.Empty));
            return SmtpResponse.Ok;
        }
    }
}
