using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Tests.Support;
using SmtpServer.Protocol;
using Xunit.Abstractions;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>
/// The SMTP server unavailable for a minute while reminders and escalations fall due: for the
/// first half it refuses every connection, for the second half it replies 451 to every message,
/// then it accepts again. The lifecycle activities retry a temporary failure 5, 10, 20, 40 and 80 s
/// apart, then less often (<c>ActivityRetrySchedule.Default</c>): attempts 5, 15, 35, 75 and 155 s after
/// the first. So an e-mail first tried at any moment of a 60 s outage is tried again after it, at
/// the latest on its fifth attempt: every e-mail arrives once, and no orchestration fails.
/// </summary>
/// <remarks>
/// It runs beside the other tests, not in <see cref="FaultTestGroup"/>: it loads the machine little
/// and its timing has a margin of tens of seconds.
/// </remarks>
public sealed class SmtpOutageTests(ITestOutputHelper output)
{
    private const int Late = 4;
    private const int Reminded = 12;
    private const int RemindersEach = 2;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SmtpDownWhileRemindersDue_EachEmailOnce()
    {
        await using FaultHarness harness = await FaultHarness.StartAsync(output);
        FaultRegister register = FaultRegister.Create("SMTP", onTime: 0, Late, Reminded, DateTimeOffset.UtcNow);
        Dictionary<string, string> figures = [];
        void Record(string name, object value) => figures[name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;

        // The outage starts before the late agreements are imported, so their escalations fail at once.
        DateTimeOffset outageStart = DateTimeOffset.UtcNow;
        await harness.Smtp.StopListeningAsync();
        Assert.False(await AcceptsConnectionsAsync(harness.Smtp.Port));
        harness.Log("SMTP server refuses connections");
        await harness.ImportAsync(register);

        // The reminders fall due evenly over the rest of the outage, each agreement's two 6 s or more apart.
        DateTimeOffset first = DateTimeOffset.UtcNow.AddSeconds(6);
        DateTimeOffset last = outageStart + Outage - TimeSpan.FromSeconds(4);
        if (last < first.AddSeconds(20))
        {
            // A slow import leaves at least 20 s of reminders, and makes the outage longer.
            last = first.AddSeconds(20);
        }

        DateTimeOffset outageEnd = last.AddSeconds(4);
        TimeSpan step = (last - first) / ((Reminded * RemindersEach) - 1);
        Dictionary<string, DateTimeOffset[]> instants = new(StringComparer.Ordinal);
        int index = 0;
        foreach (FaultAgreement agreement in register.OfKind(FaultAgreementKind.Reminded))
        {
            instants[agreement.AgreementId] = [first + (step * index), first + (step * (index + Reminded))];
            await harness.ScheduleRemindersAsync(agreement, instants[agreement.AgreementId]);
            index++;
        }

        harness.Log($"{Reminded * RemindersEach} reminders due from {first:HH:mm:ss} to {last:HH:mm:ss}; the outage ends at {outageEnd:HH:mm:ss}");
        await DelayUntilAsync(outageStart + ((outageEnd - outageStart) / 2));
        harness.Smtp.Reply = new SmtpResponse((SmtpReplyCode)451, "local error in processing, try again later");
        await harness.Smtp.StartListeningAsync();
        harness.Log("SMTP server replies 451 to every message");
        await DelayUntilAsync(outageEnd);
        harness.Smtp.Reply = null;
        outageEnd = DateTimeOffset.UtcNow;
        harness.Log("SMTP server accepts again");

        int expected = (2 * Late) + (RemindersEach * Reminded);
        IReadOnlyList<MimeKit.MimeMessage> arrived = await harness.Smtp.WaitForAsync(_ => true, expected, TimeSpan.FromSeconds(150));
        DateTimeOffset drained = DateTimeOffset.UtcNow;
        harness.Log($"{arrived.Count} of {expected} e-mails arrived");

        // Late copies would come from retries still pending: give them time to show.
        await Task.Delay(TimeSpan.FromSeconds(10));
        EmailFigures emails = FaultAudit.CountEmails(harness.Smtp.Received);
        FaultAudit audit = new(harness, register);
        List<LogEntity> log = await audit.ListLogRowsAsync();
        Record("outage.s", FaultHarness.Seconds(outageEnd - outageStart));
        Record("replies.451", harness.Smtp.Refusals);
        Record("emails.expected", expected);
        Record("emails.accepted", emails.Accepted);
        Record("emails.distinct", emails.Distinct);
        Record("emails.duplicate", emails.Accepted - emails.Distinct);
        Record("drained.after-outage.s", FaultHarness.Seconds(drained - outageEnd));
        Record("log.sent", log.Count(row => row.Outcome == "sent"));
        Record("escalations", log.Count(row => row.Kind == "escalation"));
        Record("accepted.during-outage", harness.Smtp.Received.Count(message => message.AcceptedAtUtc < outageEnd));
        Record("reminder.max-delay.s", FaultHarness.Seconds(MaxReminderDelay(harness.Smtp.Received, instants)));
        List<string> notRunning = [];
        foreach (FaultAgreement agreement in register.Agreements)
        {
            JsonElement detail = await harness.GetAgreementAsync(agreement.AgreementId);
            if (detail.GetProperty("orchestration").GetProperty("runtimeStatus").GetString() != "Running")
            {
                notRunning.Add(agreement.AgreementId);
            }
        }

        Record("orchestrations.not-running", notRunning.Count);
        harness.Log("FIGURES SMTP: " + string.Join(", ", figures.Select(figure => $"{figure.Key}={figure.Value}")));

        Assert.Equal(0, harness.Smtp.Received.Count(message => message.AcceptedAtUtc < outageEnd));
        Assert.True(harness.Smtp.Refusals > 0, "No message reached the server while it replied 451");
        Assert.Empty(emails.Duplicates);
        Assert.Equal(expected, emails.Distinct);
        Assert.Equal(expected, log.Count(row => row.Outcome == "sent"));
        Assert.Empty(notRunning);
        foreach (FaultAgreement agreement in register.OfKind(FaultAgreementKind.Late))
        {
            Assert.Single(harness.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, $"{agreement.AgreementId}.overdue-notice.")));
            Assert.Single(harness.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, $"{agreement.AgreementId}.escalation.")));
            Assert.Single(log, row => row.PartitionKey == agreement.AgreementId && row.Kind == "escalation");
        }

        foreach (FaultAgreement agreement in register.OfKind(FaultAgreementKind.Reminded))
        {
            Assert.Equal(RemindersEach, harness.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, $"{agreement.AgreementId}.reminder.")).Count);
        }
    }

    /// <summary>Returns the longest wait between a reminder's instant and the server's acceptance of it.</summary>
    private static TimeSpan MaxReminderDelay(IReadOnlyList<ReceivedMessage> received, Dictionary<string, DateTimeOffset[]> instants)
    {
        TimeSpan longest = TimeSpan.Zero;
        foreach ((string agreementId, DateTimeOffset[] due) in instants)
        {
            DateTimeOffset[] accepted = [.. received
                .Where(message => TestSmtpServer.IdStartsWith(message.Message, $"{agreementId}.reminder."))
                .Select(message => message.AcceptedAtUtc)
                .Order()];
            foreach ((DateTimeOffset instant, DateTimeOffset acceptedAt) in due.Order().Zip(accepted))
            {
                longest = acceptedAt - instant > longest ? acceptedAt - instant : longest;
            }
        }

        return longest;
    }

    private static async Task DelayUntilAsync(DateTimeOffset instant)
    {
        TimeSpan remaining = instant - DateTimeOffset.UtcNow;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        try
        {
            using TcpClient probe = new();
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
