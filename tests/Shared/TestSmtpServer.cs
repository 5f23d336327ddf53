using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BalancFunctions.Tests.Support;

/// <summary>
/// A real SMTP server in the test process, on a free loopback port, that keeps every message it
/// accepts. Setting <see cref="Reply"/> makes it reply with an error instead, and
/// <see cref="StopListeningAsync"/> makes it refuse connections, to test failures.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ISmtpServerOptions options;
    private readonly SmtpServer.ComponentModel.ServiceProvider services;
    private readonly Store store;
    private readonly SemaphoreSlim listening = new(1, 1);
    private CancellationTokenSource stop;
    private SmtpServer.SmtpServer server;
    private Task running;

    private TestSmtpServer(int port, ISmtpServerOptions options, SmtpServer.ComponentModel.ServiceProvider services, Store store)
    {
        this.Port = port;
        this.options = options;
        this.services = services;
        this.store = store;
        this.stop = new CancellationTokenSource();
        this.server = new SmtpServer.SmtpServer(options, services);
        this.running = this.server.StartAsync(this.stop.Token);
    }

    public int Port { get; }

    /// <summary>The messages accepted so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. this.store.Received.Select(received => received.Message)];

    /// <summary>The messages accepted so far with the instant each was accepted, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Received => [.. this.store.Received];

    /// <summary>Returns the accepted messages that match a condition.</summary>
    public IReadOnlyList<MimeMessage> Matching(Func<MimeMessage, bool> match) => [.. this.Messages.Where(match)];

    /// <summary>The reply that the server sends to every message instead of accepting it, when set.</summary>
    public SmtpResponse? Reply
    {
        get => this.store.Reply;
        set => this.store.Reply = value;
    }

    public static TestSmtpServer Start()
    {
        int port = AzuriteInstance.FreePort();
        ISmtpServerOptions options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)))
            .Build();
        Store store = new();
        SmtpServer.ComponentModel.ServiceProvider services = new();
        services.Add(store);
        services.Add(new HoldingFilter(store));
        return new TestSmtpServer(port, options, services, store);
    }

    /// <summary>
    /// Closes the listening socket, so that every new connection is refused as by a server that is
    /// down, and waits until open sessions end. The accepted messages are kept.
    /// </summary>
    public async Task StopListeningAsync()
    {
        await this.listening.WaitAsync();
        try
        {
            this.server.Shutdown();
            await this.server.ShutdownTask;
            await this.stop.CancelAsync();
            await IgnoreCancellationAsync(this.running);
        }
        finally
        {
            this.listening.Release();
        }
    }

    /// <summary>Listens again on the same port after <see cref="StopListeningAsync"/>.</summary>
    public async Task StartListeningAsync()
    {
        await this.listening.WaitAsync();
        try
        {
            if (!this.running.IsCompleted)
            {
                return;
            }

            this.stop.Dispose();
            this.stop = new CancellationTokenSource();
            this.server = new SmtpServer.SmtpServer(this.options, this.services);
            this.running = this.server.StartAsync(this.stop.Token);
            await WaitUntilListeningAsync(this.Port, this.running);
        }
        finally
        {
            this.listening.Release();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages match, or the timeout passes.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            List<MimeMessage> found = [.. this.Messages.Where(match)];
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The number of messages refused or rejected so far.</summary>
    public int Refusals => this.store.Refusals;

    /// <summary>Makes the server refuse the next <paramref name="count"/> messages with a temporary 451 reply.</summary>
    public void RefuseNext(int count) => this.store.RefuseNext(count);

    /// <summary>Makes the server reject every message to an address with a permanent 550 reply.</summary>
    public void RejectRecipient(string address) => this.store.RejectedRecipients[address] = true;

    /// <summary>
    /// Makes the server hold the next message to an address at the RCPT command for a while, before
    /// any content arrives, so that a test can kill the sender in the middle of a send.
    /// Returns a task that completes when the hold begins.
    /// </summary>
    public Task HoldNextTo(string address, TimeSpan hold)
    {
        TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        this.store.Holds[address] = (hold, started);
        return started.Task;
    }

    /// <summary>Returns whether a message's Message-ID starts with a prefix; the app derives ids from agreement, kind and due date.</summary>
    public static bool IdStartsWith(MimeMessage message, string prefix) =>
        message.MessageId?.StartsWith(prefix, StringComparison.Ordinal) == true;

    public async ValueTask DisposeAsync()
    {
        await this.stop.CancelAsync();
        await IgnoreCancellationAsync(this.running);
        this.stop.Dispose();
        this.listening.Dispose();
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits until the port accepts connections again, or fails with the server's error.</summary>
    private static async Task WaitUntilListeningAsync(int port, Task running)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (running.IsFaulted)
            {
                await running;
            }

            try
            {
                using System.Net.Sockets.TcpClient probe = new();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private sealed class HoldingFilter(Store store) : MailboxFilter
    {
        public override async Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken)
        {
            if (store.Holds.TryRemove($"{to.User}@{to.Host}", out (TimeSpan Hold, TaskCompletionSource Started) hold))
            {
                hold.Started.TrySetResult();
                await Task.Delay(hold.Hold, cancellationToken);
            }

            return true;
        }
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentDictionary<string, (TimeSpan Hold, TaskCompletionSource Started)> Holds { get; } = new(StringComparer.OrdinalIgnoreCase);

        public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

        private int refuseNext;
        private int refusals;

        public SmtpResponse? Reply { get; set; }

        public ConcurrentDictionary<string, bool> RejectedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int Refusals => this.refusals;

        public void RefuseNext(int count) => Interlocked.Exchange(ref this.refuseNext, count);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (this.Reply is SmtpResponse reply)
            {
                Interlocked.Increment(ref this.refusals);
                return reply;
            }

            if (transaction.To.Any(mailbox => this.RejectedRecipients.ContainsKey($"{mailbox.User}@{mailbox.Host}")))
            {
                Interlocked.Increment(ref this.refusals);
                return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable");
            }

            if (Interlocked.Decrement(ref this.refuseNext) >= 0)
            {
                Interlocked.Increment(ref this.refusals);
                return new SmtpResponse((SmtpReplyCode)451, "local error in processing, try again later");
            }

            DateTimeOffset acceptedAt = DateTimeOffset.UtcNow;
            using MemoryStream stream = new(buffer.ToArray());
            MimeMessage message = await MimeMessage.LoadAsync(stream, cancellationToken);
            this.Received.Enqueue(new ReceivedMessage(message, acceptedAt));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>A message that the test SMTP server accepted, and when it accepted it (before its 250 reply went out).</summary>
public sealed record ReceivedMessage(MimeMessage Message, DateTimeOffset AcceptedAtUtc);
