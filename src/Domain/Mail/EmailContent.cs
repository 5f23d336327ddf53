namespace BalancFunctions.Domain.Mail;

/// <summary>An e-mail ready to send: the subject line, a plain-text body and an equivalent HTML body.</summary>
public sealed record EmailContent(string Subject, string TextBody, string HtmlBody);
