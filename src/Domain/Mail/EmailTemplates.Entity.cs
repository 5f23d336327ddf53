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

    /// <summary>
    /// Writes the reminder sent to an entity that has submitted its balance on this site but has
    /// not yet recorded the registry entry (número d'assentament and data de registre). The
    /// submission date is the local date in Europe/Madrid of <paramref name="submittedAtLocal"/>,
    /// whatever its offset.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="submissionId"/> is empty, or <paramref name="registryLink"/> is not an absolute http or https address.
    /// </exception>
    public static EmailContent RegistryReminder(Agreement agreement, DueDate dueDate, string submissionId, DateTimeOffset submittedAtLocal, Uri registryLink)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDate);
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);
        RequireWebAddress(registryLink, nameof(registryLink));

        Language language = agreement.Language;
        bool ca = language == Language.Ca;
        string date = LocalDates.Format(dueDate.Date, language);
        string submittedOn = DateWithArticle(MadridTime.LocalDate(submittedAtLocal), language);

        string subject = ca
            ? $"Registre pendent: Balanç Comunitari del conveni {SingleLine(agreement.AgreementId)} (termini: {date})"
            : $"Registro pendiente: Balance Comunitario del convenio {SingleLine(agreement.AgreementId)} (plazo: {date})";

        return new EmailBodyBuilder(language, subject)
            .Heading(ca ? "Falta registrar el Balanç Comunitari" : "Falta registrar el Balance Comunitario")
            .Paragraph("Hola:")
            .Paragraph(ca
                ? $"{agreement.EntityName} va enviar el qüestionari del Balanç Comunitari del conveni {agreement.AgreementId} (espai {agreement.SpaceName}) {submittedOn}. L'identificador de l'enviament és {submissionId}."
                : $"{agreement.EntityName} envió el cuestionario del Balance Comunitario del convenio {agreement.AgreementId} (espacio {agreement.SpaceName}) {submittedOn}. El identificador del envío es {submissionId}.")
            .Paragraph(ca
                ? "Encara no ens consta, però, el registre del balanç. Enviar el qüestionari no és la presentació formal del balanç. Com que l'entitat és una persona jurídica, l'ha de presentar al registre electrònic de l'Ajuntament."
                : "Sin embargo, todavía no nos consta el registro del balance. Enviar el cuestionario no es la presentación formal del balance. Como la entidad es una persona jurídica, debe presentarlo en el registro electrónico del Ayuntamiento.")
            .Paragraph(ca ? "Per registrar-lo, seguiu aquests passos:" : "Para registrarlo, siga estos pasos:")
            .NumberedList(ca
                ?
                [
                    "Descarregueu el PDF del balanç que vau obtenir en enviar el qüestionari.",
                    "Presenteu el PDF al registre electrònic de l'Ajuntament de Barcelona, a la Seu electrònica, mitjançant una instància genèrica.",
                    "Deseu el justificant de registre que obtindreu. Hi consten el número d'assentament i la data de registre.",
                    "Anoteu el número d'assentament i la data de registre a la pàgina de l'enllaç següent.",
                ]
                :
                [
                    "Descargue el PDF del balance que obtuvo al enviar el cuestionario.",
                    "Presente el PDF en el registro electrónico del Ayuntamiento de Barcelona, en la Sede electrónica, mediante una instancia genérica.",
                    "Guarde el justificante de registro que obtendrá. En él constan el número de asiento y la fecha de registro.",
                    "Anote el número de asiento y la fecha de registro en la página del enlace siguiente.",
                ])
            .Link(
                ca ? "Podeu anotar el registre en aquest enllaç:" : "Puede anotar el registro en este enlace:",
                ca ? $"Anotar el registre del Balanç Comunitari del conveni {agreement.AgreementId}" : $"Anotar el registro del Balance Comunitario del convenio {agreement.AgreementId}",
                registryLink)
            .Paragraph(ca
                ? $"La data de registre, i no la de l'enviament del qüestionari, és la que determina si el balanç s'ha presentat dins de termini. Termini: {date}."
                : $"La fecha de registro, y no la del envío del cuestionario, es la que determina si el balance se ha presentado dentro de plazo. Plazo: {date}.")
            .Closing(Regards.Get(language), Office.Get(language), City.Get(language))
            .Build();
    }
}
