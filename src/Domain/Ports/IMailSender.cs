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

/// <summary>
/// The mail server rejected a message for good (an SMTP 5xx reply, such as an unknown mailbox):
/// sending it again cannot succeed. Temporary failures (4xx replies, refused connections, timeouts)
/// surface as the transport's own exceptions so that the caller's retry policy applies.
/// </summary>
public sealed class PermanentMailFailureException : Exception
{
    public PermanentMailFailureException()
    {
    }

    public PermanentMailFailureException(string message)
        : base(message)
    {
    }

    public PermanentMailFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server's reply code, such as 550.</summary>
    public int ReplyCode { get; init; }

    /// <summary>The rejected recipient's address, when the server named one.</summary>
    public string? RejectedAddress { get; init; }
}
