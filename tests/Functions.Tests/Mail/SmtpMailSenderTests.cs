using BalancFunctions.Domain.Ports;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Mail;
using MailKit;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer.Protocol;

namespace BalancFunctions.Functions.Tests.Mail;

[Collection(StorageTestGroup.Name)]
public sealed class SmtpMailSenderTests(StorageFixture fixture)
{
    private SmtpMailSender CreateSender() => new(Options.Create(new SmtpOptions
    {
        Host = "127.0.0.1",
        Port = fixture.Smtp.Port,
        Security = "None",
        FromAddress = "balanc@example.org",
    }));

    [Fact]
    public async Task SendAsync_Message_ArrivesComplete()
    {
        string messageId = $"{Guid.NewGuid():N}@balancfunctions";
        OutgoingEmail email = new(
            [new MailRecipient("entitat@example.org", "Entitat de Prova"), new MailRecipient("presidencia@example.net")],
            "Recordatori: balanç de l'Associació",
            "Text pla amb l·l i ç",
            "<html lang=\"ca\"><body><p>HTML</p></body></html>",
            "ca",
            messageId);

        await this.CreateSender().SendAsync(email, CancellationToken.None);

        MimeMessage received = Assert.Single(await fixture.Smtp.WaitForAsync(message => message.MessageId == messageId, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal("Recordatori: balanç de l'Associació", received.Subject);
        Assert.Equal(["entitat@example.org", "presidencia@example.net"], received.To.Mailboxes.Select(mailbox => mailbox.Address));
        Assert.Equal("ca", received.Body?.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("l·l i ç", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>HTML</p>", received.HtmlBody, StringComparison.Ordinal);
    }

    // Tests of one collection run one at a time, so making the shared server fail disturbs no other test.
    [Fact]
    public async Task SendAsync_Reply550_ThrowsPermanentFailure()
    {
        try
        {
            fixture.Smtp.Reply = new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable");
            OutgoingEmail email = new([new MailRecipient("unknown@example.org")], "s", "t", "<p>h</p>", "ca", $"{Guid.NewGuid():N}@balancfunctions");

            PermanentMailFailureException exception = await Assert.ThrowsAsync<PermanentMailFailureException>(() => this.CreateSender().SendAsync(email, CancellationToken.None));

            Assert.Equal(550, exception.ReplyCode);
        }
        finally
        {
            fixture.Smtp.Reply = null;
        }
    }

    [Fact]
    public async Task SendAsync_Reply451_ThrowsTemporaryFailure()
    {
        fixture.Smtp.RefuseNext(1);
        OutgoingEmail email = new([new MailRecipient("busy@example.org")], "s", "t", "<p>h</p>", "ca", $"{Guid.NewGuid():N}@balancfunctions");

        MailKit.Net.Smtp.SmtpCommandException exception = await Assert.ThrowsAsync<MailKit.Net.Smtp.SmtpCommandException>(() => this.CreateSender().SendAsync(email, CancellationToken.None));

        Assert.Equal(451, (int)exception.StatusCode);
    }
}
