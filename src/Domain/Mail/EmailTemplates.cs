using System.Globalization;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Mail;

/// <summary>
/// The e-mails of the balance cycle: reminders, overdue notices and registry reminders to the
/// entity, in the agreement's language, and escalations and alerts to the OTPC, in the office's
/// language.
/// </summary>
public static partial class EmailTemplates
{
    private static readonly LocalizedText Office = new(
        "Oficina Tècnica de Patrimoni Ciutadà (OTPC)",
        "Oficina Técnica de Patrimonio Ciudadano (OTPC)");

    private static readonly LocalizedText City = new("Ajuntament de Barcelona", "Ayuntamiento de Barcelona");

    private static readonly LocalizedText Regards = new("Salutacions cordials,", "Saludos cordiales,");

    private static readonly LocalizedText FormLinkIntroduction = new(
        "Podeu omplir el qüestionari en aquest enllaç:",
        "Puede rellenar el cuestionario en este enlace:");

    private static readonly LocalizedText Registry = new(
        "Un cop hàgiu enviat el qüestionari, obtindreu el balanç en PDF. Després cal que el presenteu al registre electrònic de l'Ajuntament de Barcelona mitjançant una instància genèrica.",
        "Una vez enviado el cuestionario, obtendrá el balance en PDF. Después debe presentarlo en el registro electrónico del Ayuntamiento de Barcelona mediante una instancia genérica.");

    private static readonly LocalizedText LateSubmissionAccepted = new(
        "Encara el podeu presentar: s'acceptarà i quedarà registrat com a presentat fora de termini.",
        "Todavía puede presentarlo: se aceptará y quedará registrado como presentado fuera de plazo.");

    private static readonly LocalizedText AutomaticMessage = new(
        "Missatge automàtic del sistema de seguiment del Balanç Comunitari.",
        "Mensaje automático del sistema de seguimiento del Balance Comunitario.");

    /// <summary>
    /// Writes the reminder sent to the entity's contact <paramref name="daysBefore"/> days before
    /// the due date (0 on the due date itself).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysBefore"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="formLink"/> is not an absolute http or https address.</exception>
    public static EmailContent Reminder(Agreement agreement, DueDate dueDate, int daysBefore, Uri formLink)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDate);
        ArgumentOutOfRangeException.ThrowIfNegative(daysBefore);
        RequireWebAddress(formLink, nameof(formLink));

        Language language = agreement.Language;
        bool ca = language == Language.Ca;
        string date = LocalDates.Format(dueDate.Date, language);
        bool renewal = dueDate.Kind == DueDateKind.Renewal;

        string subject = (ca, renewal) switch
        {
            (true, false) => $"Recordatori: Balanç Comunitari del conveni {SingleLine(agreement.AgreementId)} (termini: {date})",
            (true, true) => $"Recordatori: Balanç Comunitari de renovació del conveni {SingleLine(agreement.AgreementId)} (termini: {date})",
            (false, false) => $"Recordatorio: Balance Comunitario del convenio {SingleLine(agreement.AgreementId)} (plazo: {date})",
            (false, true) => $"Recordatorio: Balance Comunitario de renovación del convenio {SingleLine(agreement.AgreementId)} (plazo: {date})",
        };

        return new EmailBodyBuilder(language, subject)
            .Heading(ca ? "Recordatori del Balanç Comunitari" : "Recordatorio del Balance Comunitario")
            .Paragraph($"Hola, {agreement.ContactName}:")
            .Paragraph(ca
                ? $"Us recordem que {agreement.EntityName} ha de presentar el Balanç Comunitari del conveni {agreement.AgreementId}, corresponent a l'espai {agreement.SpaceName}."
                : $"Le recordamos que {agreement.EntityName} debe presentar el Balance Comunitario del convenio {agreement.AgreementId}, correspondiente al espacio {agreement.SpaceName}.")
            .Paragraph(KindSentence(renewal).Get(language))
            .Paragraph($"{(ca ? "Termini" : "Plazo")}: {date}. {DaysRemaining(daysBefore, language)}")
            .Link(FormLinkIntroduction.Get(language), FormLinkText(agreement, language), formLink)
            .Paragraph(ca
                ? $"Abans de presentar el balanç, podeu demanar a l'{Office.Ca} que en revisi un esborrany."
                : $"Antes de presentar el balance, puede pedir a la {Office.Es} que revise un borrador.")
            .Paragraph(Registry.Get(language))
            .Closing(Regards.Get(language), Office.Get(language), City.Get(language))
            .Build();
    }

    /// <summary>
    /// Writes the notice sent to the entity's contact and legal representative when the due date
    /// has passed without a submission.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="formLink"/> is not an absolute http or https address.</exception>
    public static EmailContent OverdueNotice(Agreement agreement, DueDate dueDate, Uri formLink)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDate);
        RequireWebAddress(formLink, nameof(formLink));

        Language language = agreement.Language;
        bool ca = language == Language.Ca;
        string date = LocalDates.Format(dueDate.Date, language);
        bool renewal = dueDate.Kind == DueDateKind.Renewal;

        string subject = ca
            ? $"Balanç Comunitari fora de termini: conveni {SingleLine(agreement.AgreementId)}"
            : $"Balance Comunitario fuera de plazo: convenio {SingleLine(agreement.AgreementId)}";

        return new EmailBodyBuilder(language, subject)
            .Heading(ca ? "Balanç Comunitari fora de termini" : "Balance Comunitario fuera de plazo")
            .Paragraph("Hola:")
            .Paragraph(ca
                ? $"El termini per presentar el Balanç Comunitari del conveni {agreement.AgreementId} ({agreement.EntityName}, espai {agreement.SpaceName}) era {DateWithArticle(dueDate.Date, Language.Ca)}, i no ens consta que s'hagi presentat. Per tant, el balanç és fora de termini."
                : $"El plazo para presentar el Balance Comunitario del convenio {agreement.AgreementId} ({agreement.EntityName}, espacio {agreement.SpaceName}) era {DateWithArticle(dueDate.Date, Language.Es)} y no nos consta que se haya presentado. Por lo tanto, el balance está fuera de plazo.")
            .Paragraph(KindSentence(renewal).Get(language))
            .Paragraph(LateSubmissionAccepted.Get(language))
            .Link(FormLinkIntroduction.Get(language), FormLinkText(agreement, language), formLink)
            .Paragraph(ca
                ? $"Hem informat l'{Office.Ca} d'aquesta situació."
                : $"Hemos informado de esta situación a la {Office.Es}.")
            .Paragraph(Registry.Get(language))
            .Closing(Regards.Get(language), Office.Get(language), City.Get(language))
            .Build();
    }

    /// <summary>
    /// Writes the escalation to the OTPC (derivació a l'OTPC) for a balance not submitted by its
    /// due date, with the agreement's details and a link to it in the office dashboard.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="agreementLink"/> is not an absolute http or https address.</exception>
    public static EmailContent Escalation(Agreement agreement, DueDate dueDate, Uri agreementLink, Language officeLanguage)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDate);
        RequireWebAddress(agreementLink, nameof(agreementLink));

        bool ca = officeLanguage == Language.Ca;

        string subject = ca
            ? $"Derivació a l'OTPC: balanç fora de termini del conveni {SingleLine(agreement.AgreementId)} ({SingleLine(agreement.EntityName)})"
            : $"Derivación a la OTPC: balance fuera de plazo del convenio {SingleLine(agreement.AgreementId)} ({SingleLine(agreement.EntityName)})";

        return new EmailBodyBuilder(officeLanguage, subject)
            .Heading(ca ? "Derivació a l'OTPC: balanç fora de termini" : "Derivación a la OTPC: balance fuera de plazo")
            .Paragraph(ca
                ? $"El Balanç Comunitari del conveni {agreement.AgreementId} no s'ha presentat abans de la data de venciment, i es deriva a l'OTPC perquè en faci el seguiment."
                : $"El Balance Comunitario del convenio {agreement.AgreementId} no se ha presentado antes de la fecha de vencimiento y se deriva a la OTPC para su seguimiento.")
            .Fields(AgreementFields(agreement, dueDate, officeLanguage))
            .OfficeAgreementLink(agreement, agreementLink, officeLanguage)
            .Closing(AutomaticMessage.Get(officeLanguage))
            .Build();
    }

    /// <summary>Lists the agreement's details and the due date, as the OTPC's e-mails show them.</summary>
    private static (string Label, string Value)[] AgreementFields(Agreement agreement, DueDate dueDate, Language language)
    {
        bool ca = language == Language.Ca;
        bool renewal = dueDate.Kind == DueDateKind.Renewal;

        return ca
            ?
            [
                ("Conveni", agreement.AgreementId),
                ("Tipus", AgreementTypeName(agreement.Type).Ca),
                ("Entitat", agreement.EntityName),
                ("NIF", agreement.EntityNif),
                ("Espai", agreement.SpaceName),
                ("Adreça", agreement.SpaceAddress),
                ("Districte", agreement.District),
                ("Barri", agreement.Neighbourhood),
                ("Balanç", renewal ? "de renovació" : "periòdic"),
                ("Data de venciment", LocalDates.Format(dueDate.Date, Language.Ca)),
            ]
            :
            [
                ("Convenio", agreement.AgreementId),
                ("Tipo", AgreementTypeName(agreement.Type).Es),
                ("Entidad", agreement.EntityName),
                ("NIF", agreement.EntityNif),
                ("Espacio", agreement.SpaceName),
                ("Dirección", agreement.SpaceAddress),
                ("Distrito", agreement.District),
                ("Barrio", agreement.Neighbourhood),
                ("Balance", renewal ? "de renovación" : "periódico"),
                ("Fecha de vencimiento", LocalDates.Format(dueDate.Date, Language.Es)),
            ];
    }

    /// <summary>Adds the link to the agreement in the OTPC's dashboard.</summary>
    private static EmailBodyBuilder OfficeAgreementLink(this EmailBodyBuilder builder, Agreement agreement, Uri agreementLink, Language language)
    {
        bool ca = language == Language.Ca;
        return builder.Link(
            ca ? "Fitxa del conveni al tauler de l'OTPC:" : "Ficha del convenio en el panel de la OTPC:",
            ca ? $"Obre la fitxa del conveni {agreement.AgreementId} al tauler de l'OTPC" : $"Abrir la ficha del convenio {agreement.AgreementId} en el panel de la OTPC",
            agreementLink);
    }

    private static LocalizedText KindSentence(bool renewal) => renewal
        ? new LocalizedText(
            "Es tracta del balanç de renovació, que l'entitat ha de presentar abans de la finalització del conveni si en vol la renovació.",
            "Se trata del balance de renovación, que la entidad debe presentar antes de la finalización del convenio si desea renovarlo.")
        : new LocalizedText(
            "Es tracta del balanç periòdic que estableix el conveni.",
            "Se trata del balance periódico que establece el convenio.");

    private static string DaysRemaining(int days, Language language) => (language, days) switch
    {
        (Language.Es, 0) => "El plazo termina hoy.",
        (Language.Es, 1) => "Queda 1 día.",
        (Language.Es, _) => string.Create(CultureInfo.InvariantCulture, $"Quedan {days} días."),
        (_, 0) => "El termini acaba avui.",
        (_, 1) => "Queda 1 dia.",
        _ => string.Create(CultureInfo.InvariantCulture, $"Queden {days} dies."),
    };

    /// <summary>
    /// Writes a date with its article, as in "era el 20 de març": Catalan elides the article
    /// before 1 and 11 ("l'1 d'abril de 2027"), and Spanish never does ("el 1 de abril de 2027").
    /// </summary>
    private static string DateWithArticle(DateOnly date, Language language)
    {
        string written = LocalDates.Format(date, language);
        bool elided = language == Language.Ca && date.Day is 1 or 11;
        return elided ? "l'" + written : "el " + written;
    }

    /// <summary>Writes how long a balance has been overdue, as a sentence.</summary>
    private static string DaysOverdue(int days, Language language) => (language, days) switch
    {
        (Language.Es, 0) => "El balance está fuera de plazo desde hoy.",
        (Language.Es, _) => $"El balance lleva {FormatDays(days, language)} fuera de plazo.",
        (_, 0) => "El balanç és fora de termini des d'avui.",
        _ => $"Fa {FormatDays(days, language)} que el balanç és fora de termini.",
    };

    /// <summary>Writes a number of days with its noun: "1 dia", "14 dies", "1 día", "14 días".</summary>
    private static string FormatDays(int days, Language language) => (language, days) switch
    {
        (Language.Es, 1) => "1 día",
        (Language.Es, _) => $"{FormatNumber(days)} días",
        (_, 1) => "1 dia",
        _ => $"{FormatNumber(days)} dies",
    };

    private static string FormatNumber(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FormLinkText(Agreement agreement, Language language) => language == Language.Es
        ? $"Rellenar el cuestionario del Balance Comunitario del convenio {agreement.AgreementId}"
        : $"Omplir el qüestionari del Balanç Comunitari del conveni {agreement.AgreementId}";

    private static LocalizedText AgreementTypeName(AgreementType type) => type switch
    {
        AgreementType.CessioUs => new("conveni de cessió d'ús", "convenio de cesión de uso"),
        AgreementType.AutoritzacioUs => new("autorització d'ús", "autorización de uso"),
        AgreementType.GestioCivica => new("conveni de gestió cívica", "convenio de gestión cívica"),
        AgreementType.Concessio => new("concessió administrativa", "concesión administrativa"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown agreement type."),
    };

    /// <summary>Replaces line breaks and other control characters with spaces, for subject lines.</summary>
    private static string SingleLine(string value) =>
        string.Concat(value.Select(character => char.IsControl(character) ? ' ' : character));

    private static void RequireWebAddress(Uri address, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(address, parameterName);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The link '{address}' is invalid: use an absolute http or https address.", parameterName);
        }
    }
}
