using System.Globalization;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Mail;
using BalancFunctions.Domain.Ports;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>
/// Builds and sends the e-mails of an agreement's lifecycle: the reminders and notices that the
/// lifecycle activities send on schedule, and the reminder that the OTPC sends again on request.
/// </summary>
public sealed class LifecycleMail(IMailSender mail, Links links)
{
    /// <summary>Returns a due date as e-mails show it: the date in force, which is the extended one when the OTPC granted an extension.</summary>
    public static DueDate InForce(DueDate dueDate)
    {
        ArgumentNullException.ThrowIfNull(dueDate);
        return dueDate with { Date = dueDate.Effective, ExtendedTo = null };
    }

    /// <summary>Writes the reminder of a due date sent on local date <paramref name="sendDay"/>, with the days left until the date in force.</summary>
    public EmailContent Reminder(Agreement agreement, DueDate dueDate, DateOnly sendDay)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDate);
        int daysBefore = dueDate.Effective.DayNumber - sendDay.DayNumber;
        return EmailTemplates.Reminder(agreement, dueDate, Math.Max(daysBefore, 0), links.Form(agreement.AgreementId));
    }

    /// <summary>Writes the notice of a due date that passed without a balance.</summary>
    public EmailContent OverdueNotice(Agreement agreement, DueDate dueDate)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return EmailTemplates.OverdueNotice(agreement, dueDate, links.Form(agreement.AgreementId));
    }

    /// <summary>Returns the recipients of an entity e-mail as the log records them: roles, never addresses.</summary>
    public static string EntityRoles(bool includeRepresentative) => includeRepresentative ? "contact,representative" : "contact";

    /// <summary>
    /// Sends an e-mail to the agreement's contact, and to its legal representative when
    /// <paramref name="includeRepresentative"/> is true, in the agreement's language.
    /// </summary>
    /// <exception cref="PermanentMailFailureException">The mail server rejected the message for good.</exception>
    public Task SendToEntityAsync(Agreement agreement, EmailContent content, string messageId, bool includeRepresentative, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        List<MailRecipient> recipients = [new MailRecipient(agreement.ContactEmail, agreement.ContactName)];
        if (includeRepresentative)
        {
            recipients.Add(new MailRecipient(agreement.RepresentativeEmail));
        }

        return mail.SendAsync(Compose(agreement.Language, content, messageId, recipients), cancellationToken);
    }

    public static OutgoingEmail Compose(Language language, EmailContent content, string messageId, IReadOnlyList<MailRecipient> to)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(to, content.Subject, content.TextBody, content.HtmlBody, language.ToCode(), messageId);
    }

    /// <summary>Returns a Message-ID derived from what the message is about, the same on every retry.</summary>
    public static string MessageId(string agreementId, string kind, DateOnly dueDate, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Create(CultureInfo.InvariantCulture, $"{agreementId}.{kind}.{dueDate:yyyyMMdd}.{code.Replace(':', '-').Replace('@', '-')}@balancfunctions");
    }
}
