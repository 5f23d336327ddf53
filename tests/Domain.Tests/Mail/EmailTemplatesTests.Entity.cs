using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Mail;

namespace BalancFunctions.Domain.Tests.Mail;

// Tests of the follow-up e-mails to the entity.
public sealed partial class EmailTemplatesTests
{
    private static readonly Uri RegistryLink = new("https://balanc.example.org/balanc/registre?agreement=PC-2024-0137&token=abc");
    private static readonly DateTimeOffset SubmittedAt = new(2027, 3, 20, 18, 45, 0, TimeSpan.FromHours(1));

    [Theory]
    [MemberData(nameof(Languages))]
    public void OverdueReminder_ContainsEntityDateAndLink(Language language)
    {
        Agreement agreement = SampleAgreement(language);

        EmailContent email = EmailTemplates.OverdueReminder(agreement, PeriodicDue, 2, 14, FormLink);

        bool ca = language == Language.Ca;
        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, agreement.AgreementId);
        AssertInBothBodies(email, LocalDates.Format(PeriodicDue.Date, language));
        AssertInBothBodies(email, ca ? "recordatori núm. 2" : "recordatorio n.º 2");
        AssertInBothBodies(email, ca ? "Fa 14 dies que el balanç és fora de termini." : "El balance lleva 14 días fuera de plazo.");
        AssertInBothBodies(email, "OTPC");
        Assert.Contains(agreement.AgreementId, email.Subject, StringComparison.Ordinal);
        Assert.Contains(ca ? "núm. 2" : "n.º 2", email.Subject, StringComparison.Ordinal);
        Assert.Contains(ca ? "14 dies fora de termini" : "14 días fuera de plazo", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language.ToCode()}\">", email.HtmlBody, StringComparison.Ordinal);
        AssertLink(email, FormLink);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void OverdueReminder_SaysLateBalanceAccepted(Language language)
    {
        EmailContent email = EmailTemplates.OverdueReminder(SampleAgreement(language), PeriodicDue, 1, 7, FormLink);

        bool ca = language == Language.Ca;
        AssertInBothBodies(email, ca ? "Encara el podeu presentar" : "Todavía puede presentarlo");
        AssertInBothBodies(email, ca ? "registrat com a presentat fora de termini" : "registrado como presentado fuera de plazo");
        AssertInBothBodies(email, ca ? "fa el seguiment d'aquest cas" : "hace el seguimiento de este caso");
    }

    [Theory]
    [InlineData(Language.Ca, 1, "Fa 1 dia que el balanç és fora de termini.")]
    [InlineData(Language.Ca, 0, "El balanç és fora de termini des d'avui.")]
    [InlineData(Language.Es, 1, "El balance lleva 1 día fuera de plazo.")]
    [InlineData(Language.Es, 0, "El balance está fuera de plazo desde hoy.")]
    public void OverdueReminder_DaysOverdue_UsesSingularAndToday(Language language, int daysOverdue, string expected)
    {
        EmailContent email = EmailTemplates.OverdueReminder(SampleAgreement(language), PeriodicDue, 1, daysOverdue, FormLink);

        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void OverdueReminder_RenewalDue_SaysBeforeAgreementEnds(Language language)
    {
        EmailContent email = EmailTemplates.OverdueReminder(SampleAgreement(language), RenewalDue, 1, 7, FormLink);

        string expected = language == Language.Ca ? "abans de la finalització del conveni" : "antes de la finalización del convenio";
        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(-1, 7)]
    [InlineData(1, -1)]
    public void OverdueReminder_InvalidNumbers_Throw(int reminderNumber, int daysOverdue)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            EmailTemplates.OverdueReminder(SampleAgreement(Language.Ca), PeriodicDue, reminderNumber, daysOverdue, FormLink));
    }

    [Theory]
    [InlineData("/formulari")]
    [InlineData("ftp://balanc.example.org/formulari")]
    [InlineData("mailto:otpc@example.org")]
    public void OverdueReminder_NonWebLink_Throws(string link)
    {
        var address = new Uri(link, UriKind.RelativeOrAbsolute);

        Assert.Throws<ArgumentException>(() => EmailTemplates.OverdueReminder(SampleAgreement(Language.Ca), PeriodicDue, 1, 7, address));
    }

    [Fact]
    public void OverdueReminder_NullArguments_Throw()
    {
        Agreement agreement = SampleAgreement(Language.Ca);

        Assert.Throws<ArgumentNullException>(() => EmailTemplates.OverdueReminder(null!, PeriodicDue, 1, 7, FormLink));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.OverdueReminder(agreement, null!, 1, 7, FormLink));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.OverdueReminder(agreement, PeriodicDue, 1, 7, null!));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void RegistryReminder_ContainsSubmissionAndLink(Language language)
    {
        Agreement agreement = SampleAgreement(language);

        EmailContent email = EmailTemplates.RegistryReminder(agreement, PeriodicDue, "S-20270320-7f3a", SubmittedAt, RegistryLink);

        bool ca = language == Language.Ca;
        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, agreement.AgreementId);
        AssertInBothBodies(email, "S-20270320-7f3a");
        AssertInBothBodies(email, ca ? "el 20 de març de 2027" : "el 20 de marzo de 2027");
        AssertInBothBodies(email, LocalDates.Format(PeriodicDue.Date, language));
        Assert.Contains(agreement.AgreementId, email.Subject, StringComparison.Ordinal);
        Assert.Contains(LocalDates.Format(PeriodicDue.Date, language), email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language.ToCode()}\">", email.HtmlBody, StringComparison.Ordinal);
        AssertLink(email, RegistryLink);
    }

    [Fact]
    public void RegistryReminder_Catalan_ExplainsSteps()
    {
        EmailContent email = EmailTemplates.RegistryReminder(SampleAgreement(Language.Ca), PeriodicDue, "S-1", SubmittedAt, RegistryLink);

        string[] lines = email.TextBody.Split('\n');
        Assert.Contains("1. Descarregueu el PDF del balanç que vau obtenir en enviar el qüestionari.", lines);
        Assert.Contains(lines, line => line.StartsWith("2. ", StringComparison.Ordinal) && line.Contains("instància genèrica", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("3. ", StringComparison.Ordinal) && line.Contains("justificant de registre", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("4. ", StringComparison.Ordinal) && line.Contains("número d'assentament", StringComparison.Ordinal));
        AssertInBothBodies(email, "a la Seu electrònica");
        AssertInBothBodies(email, "persona jurídica");
        AssertInBothBodies(email, "La data de registre, i no la de l'enviament del qüestionari, és la que determina si el balanç s'ha presentat dins de termini.");
        Assert.Contains("<ol>\n<li>Descarregueu", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryReminder_Spanish_ExplainsSteps()
    {
        EmailContent email = EmailTemplates.RegistryReminder(SampleAgreement(Language.Es), PeriodicDue, "S-1", SubmittedAt, RegistryLink);

        string[] lines = email.TextBody.Split('\n');
        Assert.Contains("1. Descargue el PDF del balance que obtuvo al enviar el cuestionario.", lines);
        Assert.Contains(lines, line => line.StartsWith("2. ", StringComparison.Ordinal) && line.Contains("instancia genérica", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("3. ", StringComparison.Ordinal) && line.Contains("justificante de registro", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("4. ", StringComparison.Ordinal) && line.Contains("número de asiento", StringComparison.Ordinal));
        AssertInBothBodies(email, "en la Sede electrónica");
        AssertInBothBodies(email, "persona jurídica");
        AssertInBothBodies(email, "La fecha de registro, y no la del envío del cuestionario, es la que determina si el balance se ha presentado dentro de plazo.");
        Assert.Contains("<ol>\n<li>Descargue", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryReminder_UtcInstant_UsesMadridDate()
    {
        // 23:30 UTC on 30 March 2027 is 01:30 summer time on 31 March in Barcelona.
        var submittedAtUtc = new DateTimeOffset(2027, 3, 30, 23, 30, 0, TimeSpan.Zero);

        EmailContent email = EmailTemplates.RegistryReminder(SampleAgreement(Language.Ca), RenewalDue, "S-1", submittedAtUtc, RegistryLink);

        Assert.Contains("el 31 de març de 2027", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Ca, 1, "era l'1 d'abril de 2027,")]
    [InlineData(Language.Ca, 11, "era l'11 d'abril de 2027,")]
    [InlineData(Language.Ca, 20, "era el 20 d'abril de 2027,")]
    [InlineData(Language.Es, 1, "era el 1 de abril de 2027 ")]
    public void OverdueReminder_DueDate_ElidesArticleInCatalan(Language language, int day, string expected)
    {
        var dueDate = new DueDate(new DateOnly(2027, 4, day), DueDateKind.Periodic);

        EmailContent email = EmailTemplates.OverdueReminder(SampleAgreement(language), dueDate, 1, 7, FormLink);

        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RegistryReminder_BlankSubmissionId_Throws(string submissionId)
    {
        Assert.Throws<ArgumentException>(() =>
            EmailTemplates.RegistryReminder(SampleAgreement(Language.Ca), PeriodicDue, submissionId, SubmittedAt, RegistryLink));
    }

    [Fact]
    public void RegistryReminder_InvalidArguments_Throw()
    {
        Agreement agreement = SampleAgreement(Language.Ca);

        Assert.Throws<ArgumentNullException>(() => EmailTemplates.RegistryReminder(null!, PeriodicDue, "S-1", SubmittedAt, RegistryLink));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.RegistryReminder(agreement, null!, "S-1", SubmittedAt, RegistryLink));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.RegistryReminder(agreement, PeriodicDue, null!, SubmittedAt, RegistryLink));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.RegistryReminder(agreement, PeriodicDue, "S-1", SubmittedAt, null!));
        Assert.Throws<ArgumentException>(() => EmailTemplates.RegistryReminder(agreement, PeriodicDue, "S-1", SubmittedAt, new Uri("/registre", UriKind.Relative)));
    }
}
