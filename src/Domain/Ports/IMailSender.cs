namespace BalancFunctions.Domain.Ports;

/// <summary>A recipient of an e-mail: an address and an optional display name.</summary>
public sealed record MailRecipient(string Address, string? Name = null);

/// <summary>
/// An e-mail to send. <paramref name="MessageId"/> is derived from what the message is about
/// (agreement, due date, step), so that a resent message carries the same id.
/// </summary>
public sealed record OutgoingEmail(
    IReadOnlyList<MailRecipient> To,
    string Subject,
    string TextBody,
    string HtmlBody,
    string LanguageCode,
    string MessageId);

/// <summary>Sends e-mail; throws when the server does not accept the message.</summary>
public interface IMailSender
{
    /// <summary>Sends one message.</summary>
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
