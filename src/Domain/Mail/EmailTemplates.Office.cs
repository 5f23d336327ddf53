using System.Globalization;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Mail;

// The alerts to the OTPC after the first escalation, in the office's language.
public static partial class EmailTemplates
{
    /// <summary>Maximum length, in UTF-16 code units, of the mail server's reply quoted to the OTPC.</summary>
    private const int MaxServerReplyLength = 300;

    /// <summary>
    /// Writes the second-level escalation to the OTPC (segon nivell de derivació), raised when a
    /// balance is still overdue a set number of days after its due date (30 by default).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysOverdue"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="agreementLink"/> is not an absolute http or https address.</exception>
    public static EmailContent EscalationLevel2(Agreement agreement, DueDate dueDate, int daysOverdue, Uri agreementLink, Language officeLanguage)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDate);
        ArgumentOutOfRangeException.ThrowIfNegative(daysOverdue);
        RequireWebAddress(agreementLink, nameof(agreementLink));

        bool ca = officeLanguage == Language.Ca;
        string days = FormatDays(daysOverdue, officeLanguage);

        string subject = ca
            ? $"Segon nivell de derivació a l'OTPC: conveni {SingleLine(agreement.AgreementId)} ({SingleLine(agreement.EntityName)}), {days} fora de termini"
            : $"Segundo nivel de derivación a la OTPC: convenio {SingleLine(agreement.AgreementId)} ({SingleLine(agreement.EntityName)}), {days} fuera de plazo";

        (string Label, string Value)[] fields =
        [
            .. AgreementFields(agreement, dueDate, officeLanguage),
            (ca ? "Dies fora de termini" : "Días fuera de plazo", FormatNumber(daysOverdue)),
        ];

        return new EmailBodyBuilder(officeLanguage, subject)
            .Heading(ca ? "Segon nivell de derivació: balanç fora de termini" : "Segundo nivel de derivación: balance fuera de plazo")
            .Paragraph(ca
                ? $"El Balanç Comunitari del conveni {agreement.AgreementId} encara no s'ha presentat. {DaysOverdue(daysOverdue, officeLanguage)}"
                : $"El Balance Comunitario del convenio {agreement.AgreementId} todavía no se ha presentado. {DaysOverdue(daysOverdue, officeLanguage)}")
            .Paragraph(ca
                ? "Aquest balanç ja es va derivar a l'OTPC quan va quedar fora de termini. Ara passa al segon nivell de derivació perquè l'OTPC hi actuï."
                : "Este balance ya se derivó a la OTPC cuando quedó fuera de plazo. Ahora pasa al segundo nivel de derivación para que la OTPC actúe.")
            .Fields(fields)
            .OfficeAgreementLink(agreement, agreementLink, officeLanguage)
            .Closing(AutomaticMessage.Get(officeLanguage))
            .Build();
    }

    /// <summary>
    /// Writes the alert to the OTPC that an agreement has reached its end date
    /// (<see cref="Agreement.EndDate"/>) without the renewal balance, so the office must act.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="renewalDueDate"/> is not a renewal due date, or <paramref name="agreementLink"/> is not an absolute http or https address.
    /// </exception>
    public static EmailContent ExpiredWithoutBalance(Agreement agreement, DueDate renewalDueDate, Uri agreementLink, Language officeLanguage)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(renewalDueDate);
        if (renewalDueDate.Kind != DueDateKind.Renewal)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The due date {renewalDueDate.Date:yyyy-MM-dd} is {renewalDueDate.Kind}, but this e-mail needs the agreement's renewal due date."),
                nameof(renewalDueDate));
        }

        RequireWebAddress(agreementLink, nameof(agreementLink));

        bool ca = officeLanguage == Language.Ca;
        string endDate = DateWithArticle(agreement.EndDate, officeLanguage);
        string renewalDate = DateWithArticle(renewalDueDate.Date, officeLanguage);

        string subject = ca
            ? $"Conveni {SingleLine(agreement.AgreementId)} finalitzat sense balanç de renovació ({SingleLine(agreement.EntityName)})"
            : $"Convenio {SingleLine(agreement.AgreementId)} finalizado sin balance de renovación ({SingleLine(agreement.EntityName)})";

        (string Label, string Value)[] fields =
        [
            .. AgreementFields(agreement, renewalDueDate, officeLanguage),
            (ca ? "Data de finalització del conveni" : "Fecha de finalización del convenio", LocalDates.Format(agreement.EndDate, officeLanguage)),
        ];

        return new EmailBodyBuilder(officeLanguage, subject)
            .Heading(ca ? "Conveni finalitzat sense balanç de renovació" : "Convenio finalizado sin balance de renovación")
            .Paragraph(ca
                ? $"El conveni {agreement.AgreementId} ({agreement.EntityName}) ha arribat a la data de finalització, {endDate}, sense que s'hagi presentat el Balanç Comunitari de renovació. El termini per presentar-lo era {renewalDate}."
                : $"El convenio {agreement.AgreementId} ({agreement.EntityName}) ha llegado a su fecha de finalización, {endDate}, sin que se haya presentado el Balance Comunitario de renovación. El plazo para presentarlo era {renewalDate}.")
            .Paragraph(ca
                ? "Cal que l'OTPC hi actuï: per exemple, que contacti amb l'entitat o que registri una renovació o una pròrroga del conveni, si escau."
                : "La OTPC debe actuar: por ejemplo, contactar con la entidad o registrar una renovación o una prórroga del convenio, si procede.")
            .Fields(fields)
            .OfficeAgreementLink(agreement, agreementLink, officeLanguage)
            .Closing(AutomaticMessage.Get(officeLanguage))
            .Build();
    }

    /// <summary>
    /// Writes the alert to the OTPC that the mail server permanently rejected an e-mail to the
    /// entity's contact (<paramref name="recipientRole"/> "contact") or legal representative
    /// ("representative"). <paramref name="messageKind"/> names the rejected e-mail ("reminder",
    /// "overdue-notice", "overdue-reminder" or "registry-reminder"), and any other value is shown
    /// as it is. The server's reply is shown on one line, cut to 300 characters.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="recipientRole"/> is not "contact" or "representative", <paramref name="recipientAddress"/>
    /// or <paramref name="messageKind"/> is empty, or <paramref name="agreementLink"/> is not an absolute http or https address.
    /// </exception>
    public static EmailContent UndeliverableContact(
        Agreement agreement,
        string recipientRole,
        string recipientAddress,
        string messageKind,
        string serverReply,
        Uri agreementLink,
        Language officeLanguage)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(recipientRole);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageKind);
        ArgumentNullException.ThrowIfNull(serverReply);
        RequireWebAddress(agreementLink, nameof(agreementLink));
        LocalizedText role = RecipientRoleName(recipientRole);

        bool ca = officeLanguage == Language.Ca;
        string reply = QuoteServerReply(serverReply);
        if (reply.Length == 0)
        {
            reply = ca ? "(buida)" : "(vacía)";
        }

        string subject = ca
            ? $"Adreça de correu rebutjada: conveni {SingleLine(agreement.AgreementId)} ({SingleLine(agreement.EntityName)})"
            : $"Dirección de correo rechazada: convenio {SingleLine(agreement.AgreementId)} ({SingleLine(agreement.EntityName)})";

        (string Label, string Value)[] fields = ca
            ?
            [
                ("Conveni", agreement.AgreementId),
                ("Entitat", agreement.EntityName),
                ("NIF", agreement.EntityNif),
                ("Destinatari", role.Ca),
                ("Adreça de correu", recipientAddress),
                ("Missatge", MessageKindName(messageKind, Language.Ca)),
                ("Resposta del servidor", reply),
            ]
            :
            [
                ("Convenio", agreement.AgreementId),
                ("Entidad", agreement.EntityName),
                ("NIF", agreement.EntityNif),
                ("Destinatario", role.Es),
                ("Dirección de correo", recipientAddress),
                ("Mensaje", MessageKindName(messageKind, Language.Es)),
                ("Respuesta del servidor", reply),
            ];

        return new EmailBodyBuilder(officeLanguage, subject)
            .Heading(ca ? "Adreça de correu de l'entitat rebutjada" : "Dirección de correo de la entidad rechazada")
            .Paragraph(ca
                ? $"El servidor de correu ha rebutjat de manera definitiva un missatge adreçat a l'entitat {agreement.EntityName} (conveni {agreement.AgreementId}), i l'entitat no l'ha rebut."
                : $"El servidor de correo ha rechazado de forma definitiva un mensaje dirigido a la entidad {agreement.EntityName} (convenio {agreement.AgreementId}) y la entidad no lo ha recibido.")
            .Fields(fields)
            .Paragraph(ca
                ? "Cal corregir les dades de contacte de l'entitat al registre de convenis perquè rebi els propers avisos."
                : "Hay que corregir los datos de contacto de la entidad en el registro de convenios para que reciba los próximos avisos.")
            .OfficeAgreementLink(agreement, agreementLink, officeLanguage)
            .Closing(AutomaticMessage.Get(officeLanguage))
            .Build();
    }

    private static LocalizedText RecipientRoleName(string recipientRole) => recipientRole switch
    {
        "contact" => new("Persona de contacte", "Persona de contacto"),
        "representative" => new("Representant legal", "Representante legal"),
        _ => throw new ArgumentException(
            $"The recipient role '{recipientRole}' is invalid: use \"contact\" or \"representative\".",
            nameof(recipientRole)),
    };

    private static string MessageKindName(string messageKind, Language language) => messageKind switch
    {
        "reminder" => new LocalizedText("Recordatori del Balanç Comunitari", "Recordatorio del Balance Comunitario").Get(language),
        "overdue-notice" => new LocalizedText("Avís de balanç fora de termini", "Aviso de balance fuera de plazo").Get(language),
        "overdue-reminder" => new LocalizedText("Recordatori setmanal de balanç fora de termini", "Recordatorio semanal de balance fuera de plazo").Get(language),
        "registry-reminder" => new LocalizedText("Recordatori de registre del balanç", "Recordatorio de registro del balance").Get(language),
        _ => messageKind,
    };

    /// <summary>
    /// Puts a mail server's reply on one line, with each run of white space and control characters
    /// as one space, and cuts it to <see cref="MaxServerReplyLength"/> characters, the last one "…".
    /// </summary>
    private static string QuoteServerReply(string serverReply)
    {
        string[] words = SingleLine(serverReply).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string line = string.Join(' ', words);
        if (line.Length <= MaxServerReplyLength)
        {
            return line;
        }

        // Leave room for the ellipsis, and do not split a surrogate pair.
        int cut = MaxServerReplyLength - 1;
        if (char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return string.Concat(line.AsSpan(0, cut), "…");
    }
}
