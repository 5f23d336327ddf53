using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Mail;

// The follow-up e-mails to the entity, in the agreement's language.
public static partial class EmailTemplates
{
    /// <summary>
    /// Writes the weekly reminder sent to the entity while its balance stays overdue, after the
    /// overdue notice. <paramref name="reminderNumber"/> counts these reminders from 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="reminderNumber"/> is less than 1, or <paramref name="daysOverdue"/> is negative.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="formLink"/> is not an absolute http or https address.</exception>
    public static EmailContent OverdueReminder(Agreement agreement, DueDate dueDate, int reminderNumber, int daysOverdue, Uri formLink)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDate);
        ArgumentOutOfRangeException.ThrowIfLessThan(reminderNumber, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(daysOverdue);
        RequireWebAddress(formLink, nameof(formLink));

        Language language = agreement.Language;
        bool ca = language == Language.Ca;
        string date = LocalDates.Format(dueDate.Date, language);
        bool renewal = dueDate.Kind == DueDateKind.Renewal;

        string subject = ca
            ? $"Recordatori núm. {FormatNumber(reminderNumber)}: Balanç Comunitari del conveni {SingleLine(agreement.AgreementId)}, {FormatDays(daysOverdue, language)} fora de termini"
            : $"Recordatorio n.º {FormatNumber(reminderNumber)}: Balance Comunitario del convenio {SingleLine(agreement.AgreementId)}, {FormatDays(daysOverdue, language)} fuera de plazo";

        return new EmailBodyBuilder(language, subject)
            .Heading(ca ? "Recordatori: Balanç Comunitari fora de termini" : "Recordatorio: Balance Comunitario fuera de plazo")
            .Paragraph("Hola:")
            .Paragraph(ca
                ? $"Aquest és el recordatori núm. {FormatNumber(reminderNumber)} sobre el Balanç Comunitari del conveni {agreement.AgreementId} ({agreement.EntityName}, espai {agreement.SpaceName}). El termini per presentar-lo era {DateWithArticle(dueDate.Date, language)}, i encara no ens consta que s'hagi presentat."
                : $"Este es el recordatorio n.º {FormatNumber(reminderNumber)} sobre el Balance Comunitario del convenio {agreement.AgreementId} ({agreement.EntityName}, espacio {agreement.SpaceName}). El plazo para presentarlo era {DateWithArticle(dueDate.Date, language)} y todavía no nos consta que se haya presentado.")
            .Paragraph(DaysOverdue(daysOverdue, language))
            .Paragraph(KindSentence(renewal).Get(language))
            .Paragraph(LateSubmissionAccepted.Get(language))
            .Link(FormLinkIntroduction.Get(language), FormLinkText(agreement, language), formLink)
            .Paragraph(ca
                ? $"L'{Office.Ca} fa el seguiment d'aquest cas."
                : $"La {Office.Es} hace el seguimiento de este caso.")
            .Paragraph(Registry.Get(language))
            .Closing(Regards.Get(language), Office.Get(language), City.Get(language))
            .Build();
    }
}
