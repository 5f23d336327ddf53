using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BalancFunctions.Tests.Support;

/// <summary>
/// A real SMTP server in the test process, on a free loopback port, that keeps every message it
/// accepts. Setting <see cref="Reply"/> makes it reply with an error instead, to test failures.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly Task running;
    private readonly Store store;

    private TestSmtpServer(int port, Store store, CancellationTokenSource stop, Task running)
    {
        this.Port = port;
        this.store = store;
        this.stop = stop;
        this.running = running;
    }

    public int Port { get; }

    /// <summary>The messages accepted so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. this.store.Messages];

    /// <summary>Returns the accepted messages that match a condition.</summary>
    public IReadOnlyList<MimeMessage> Matching(Func<MimeMessage, bool> match) => [.. this.store.Messages.Where(match)];

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
        SmtpServer.SmtpServer server = new(options, services);
        CancellationTokenSource stop = new();
        Task running = server.StartAsync(stop.Token);
        return new TestSmtpServer(port, store, stop, running);
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
        try
        {
            await this.running;
        }
        catch (OperationCanceledException)
        {
        }

        this.stop.Dispose();
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

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

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

            using MemoryStream stream = new(buffer.ToArray());
            this.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
