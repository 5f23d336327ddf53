using BalancFunctions.Domain.Ports;
using BalancFunctions.Functions.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BalancFunctions.Functions.Mail;

/// <summary>
/// Sends e-mail through the SMTP server in configuration, one connection per message.
/// A permanent rejection (a 5xx reply) becomes <see cref="PermanentMailFailureException"/>;
/// temporary failures propagate as MailKit's or the socket's exceptions, for the caller to retry.
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        SmtpOptions smtp = options.Value;

        using MimeMessage message = new();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        foreach (MailRecipient recipient in email.To)
        {
            message.To.Add(new MailboxAddress(recipient.Name ?? string.Empty, recipient.Address));
        }

        message.Subject = email.Subject;
        message.MessageId = email.MessageId;
        BodyBuilder body = new() { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        message.Body = body.ToMessageBody();

        // MimeKit keeps Content-* headers on the body entity, which is the message's top level on the wire.
        message.Body.Headers.Add(HeaderId.ContentLanguage, email.LanguageCode);

        using SmtpClient client = new() { Timeout = smtp.TimeoutSeconds * 1000 };
        SecureSocketOptions security = Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true);
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException exception) when ((int)exception.StatusCode >= 500)
        {
            throw new PermanentMailFailureException($"The SMTP server rejected the message permanently: {(int)exception.StatusCode} {exception.Message}", exception)
            {
                ReplyCode = (int)exception.StatusCode,
                RejectedAddress = exception.Mailbox?.Address,
            };
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
