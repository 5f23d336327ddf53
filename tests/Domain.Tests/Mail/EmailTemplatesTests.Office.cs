using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Mail;

namespace BalancFunctions.Domain.Tests.Mail;

// Tests of the alerts to the OTPC after the first escalation.
public sealed partial class EmailTemplatesTests
{
    private const string BounceReply = "550 5.1.1 <contacte@example.org>: Recipient address rejected: User unknown";

    [Theory]
    [MemberData(nameof(Languages))]
    public void EscalationLevel2_ContainsDetailsAndDays(Language officeLanguage)
    {
        Agreement agreement = SampleAgreement(Language.Ca);

        EmailContent email = EmailTemplates.EscalationLevel2(agreement, PeriodicDue, 31, AgreementLink, officeLanguage);

        bool ca = officeLanguage == Language.Ca;
        AssertInBothBodies(email, agreement.AgreementId);
        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, agreement.EntityNif);
        AssertInBothBodies(email, agreement.SpaceName);
        AssertInBothBodies(email, agreement.District);
        AssertInBothBodies(email, LocalDates.Format(PeriodicDue.Date, officeLanguage));
        AssertInBothBodies(email, ca ? "Fa 31 dies que el balanç és fora de termini." : "El balance lleva 31 días fuera de plazo.");
        AssertInBothBodies(email, ca ? "segon nivell de derivació" : "segundo nivel de derivación");
        Assert.Contains(ca ? "Dies fora de termini: 31\n" : "Días fuera de plazo: 31\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(ca ? "Segon nivell de derivació a l'OTPC" : "Segundo nivel de derivación a la OTPC", email.Subject, StringComparison.Ordinal);
        Assert.Contains(ca ? "31 dies fora de termini" : "31 días fuera de plazo", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{officeLanguage.ToCode()}\">", email.HtmlBody, StringComparison.Ordinal);
        AssertLink(email, AgreementLink);
    }

    [Fact]
    public void EscalationLevel2_InvalidArguments_Throw()
    {
        Agreement agreement = SampleAgreement(Language.Ca);

        Assert.Throws<ArgumentOutOfRangeException>(() => EmailTemplates.EscalationLevel2(agreement, PeriodicDue, -1, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.EscalationLevel2(null!, PeriodicDue, 31, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.EscalationLevel2(agreement, null!, 31, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.EscalationLevel2(agreement, PeriodicDue, 31, null!, Language.Ca));
        Assert.Throws<ArgumentException>(() => EmailTemplates.EscalationLevel2(agreement, PeriodicDue, 31, new Uri("file:///tmp/conveni"), Language.Ca));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void ExpiredWithoutBalance_ContainsEndDateAndLink(Language officeLanguage)
    {
        Agreement agreement = SampleAgreement(Language.Es);

        EmailContent email = EmailTemplates.ExpiredWithoutBalance(agreement, RenewalDue, AgreementLink, officeLanguage);

        bool ca = officeLanguage == Language.Ca;
        AssertInBothBodies(email, agreement.AgreementId);
        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, agreement.EntityNif);
        AssertInBothBodies(email, ca ? "data de finalització, el 31 de març de 2028," : "fecha de finalización, el 31 de marzo de 2028,");
        AssertInBothBodies(email, ca ? "El termini per presentar-lo era l'1 d'abril de 2027." : "El plazo para presentarlo era el 1 de abril de 2027.");
        AssertInBothBodies(email, ca ? "Cal que l'OTPC hi actuï" : "La OTPC debe actuar");
        Assert.Contains(ca ? "Data de finalització del conveni: 31 de març de 2028\n" : "Fecha de finalización del convenio: 31 de marzo de 2028\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(agreement.AgreementId, email.Subject, StringComparison.Ordinal);
        Assert.Contains(ca ? "sense balanç de renovació" : "sin balance de renovación", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{officeLanguage.ToCode()}\">", email.HtmlBody, StringComparison.Ordinal);
        AssertLink(email, AgreementLink);
    }

    [Fact]
    public void ExpiredWithoutBalance_InvalidArguments_Throw()
    {
        Agreement agreement = SampleAgreement(Language.Ca);

        Assert.Throws<ArgumentException>(() => EmailTemplates.ExpiredWithoutBalance(agreement, PeriodicDue, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.ExpiredWithoutBalance(null!, RenewalDue, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.ExpiredWithoutBalance(agreement, null!, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.ExpiredWithoutBalance(agreement, RenewalDue, null!, Language.Ca));
        Assert.Throws<ArgumentException>(() => EmailTemplates.ExpiredWithoutBalance(agreement, RenewalDue, new Uri("/otpc", UriKind.Relative), Language.Ca));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void UndeliverableContact_ContainsRoleAddressAndReply(Language officeLanguage)
    {
        Agreement agreement = SampleAgreement(Language.Ca);

        EmailContent email = EmailTemplates.UndeliverableContact(
            agreement, "representative", "representant@example.org", "overdue-notice", BounceReply, AgreementLink, officeLanguage);

        bool ca = officeLanguage == Language.Ca;
        AssertInBothBodies(email, agreement.AgreementId);
        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, "representant@example.org");
        AssertInBothBodies(email, BounceReply);
        AssertInBothBodies(email, ca ? "Representant legal" : "Representante legal");
        AssertInBothBodies(email, ca ? "Avís de balanç fora de termini" : "Aviso de balance fuera de plazo");
        Assert.Contains(ca ? "Destinatari: Representant legal\n" : "Destinatario: Representante legal\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(ca ? "Missatge: Avís de balanç fora de termini\n" : "Mensaje: Aviso de balance fuera de plazo\n", email.TextBody, StringComparison.Ordinal);
        AssertInBothBodies(email, ca ? "registre de convenis" : "registro de convenios");
        Assert.Contains(agreement.AgreementId, email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{officeLanguage.ToCode()}\">", email.HtmlBody, StringComparison.Ordinal);
        AssertLink(email, AgreementLink);
    }

    [Theory]
    [InlineData(Language.Ca, "contact", "Persona de contacte")]
    [InlineData(Language.Es, "contact", "Persona de contacto")]
    [InlineData(Language.Ca, "representative", "Representant legal")]
    [InlineData(Language.Es, "representative", "Representante legal")]
    public void UndeliverableContact_Role_IsNamed(Language officeLanguage, string role, string expected)
    {
        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), role, "contacte@example.org", "reminder", BounceReply, AgreementLink, officeLanguage);

        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Ca, "reminder", "Recordatori del Balanç Comunitari")]
    [InlineData(Language.Ca, "overdue-notice", "Avís de balanç fora de termini")]
    [InlineData(Language.Ca, "overdue-reminder", "Recordatori setmanal de balanç fora de termini")]
    [InlineData(Language.Ca, "registry-reminder", "Recordatori de registre del balanç")]
    [InlineData(Language.Es, "reminder", "Recordatorio del Balance Comunitario")]
    [InlineData(Language.Es, "overdue-notice", "Aviso de balance fuera de plazo")]
    [InlineData(Language.Es, "overdue-reminder", "Recordatorio semanal de balance fuera de plazo")]
    [InlineData(Language.Es, "registry-reminder", "Recordatorio de registro del balance")]
    [InlineData(Language.Ca, "renewal-confirmation", "renewal-confirmation")]
    [InlineData(Language.Es, "Reminder", "Reminder")]
    public void UndeliverableContact_MessageKind_IsNamed(Language officeLanguage, string messageKind, string expected)
    {
        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), "contact", "contacte@example.org", messageKind, BounceReply, AgreementLink, officeLanguage);

        string label = officeLanguage == Language.Ca ? "Missatge" : "Mensaje";
        Assert.Contains($"{label}: {expected}\n", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeliverableContact_MultiLineReply_BecomesOneLine()
    {
        string reply = "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1   Please try\tagain.\0";

        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), "contact", "contacte@example.org", "reminder", reply, AgreementLink, Language.Ca);

        string expected = "Resposta del servidor: 550-5.1.1 The email account that you tried to reach does not exist. 550 5.1.1 Please try again.\n";
        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeliverableContact_LongReply_IsTruncated()
    {
        string reply = "550 " + new string('x', 400);

        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), "contact", "contacte@example.org", "reminder", reply, AgreementLink, Language.Ca);

        string line = Assert.Single(email.TextBody.Split('\n'), text => text.StartsWith("Resposta del servidor: ", StringComparison.Ordinal));
        string quoted = line["Resposta del servidor: ".Length..];
        Assert.Equal(300, quoted.Length);
        Assert.StartsWith("550 xxx", quoted, StringComparison.Ordinal);
        Assert.EndsWith("x…", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 400), email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeliverableContact_ReplyOfMaxLength_IsKept()
    {
        string reply = new('y', 300);

        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), "contact", "contacte@example.org", "reminder", reply, AgreementLink, Language.Ca);

        Assert.Contains($"Resposta del servidor: {reply}\n", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("…", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeliverableContact_Truncation_KeepsSurrogatePairs()
    {
        // 298 letters put the emoji's high surrogate at index 298, where a plain cut would split it.
        string reply = new string('a', 298) + "😀 tail";

        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), "contact", "contacte@example.org", "reminder", reply, AgreementLink, Language.Ca);

        Assert.Contains($"Resposta del servidor: {new string('a', 298)}…\n", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Ca, "Resposta del servidor: (buida)\n")]
    [InlineData(Language.Es, "Respuesta del servidor: (vacía)\n")]
    public void UndeliverableContact_EmptyReply_SaysEmpty(Language officeLanguage, string expected)
    {
        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), "contact", "contacte@example.org", "reminder", " \r\n ", AgreementLink, officeLanguage);

        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeliverableContact_HostileReply_IsEncoded()
    {
        string reply = "550 <script>alert(\"x\")</script> R&D's 'box'";

        EmailContent email = EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), "contact", "contacte@example.org", "<b>kind</b>", reply, AgreementLink, Language.Ca);

        Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("R&D", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("550 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; R&amp;D&#39;s &#39;box&#39;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;kind&lt;/b&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(reply, email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Contact")]
    [InlineData("legal-representative")]
    [InlineData("")]
    public void UndeliverableContact_UnknownRole_Throws(string role)
    {
        Assert.Throws<ArgumentException>(() => EmailTemplates.UndeliverableContact(
            SampleAgreement(Language.Ca), role, "contacte@example.org", "reminder", BounceReply, AgreementLink, Language.Ca));
    }

    [Fact]
    public void UndeliverableContact_InvalidArguments_Throw()
    {
        Agreement agreement = SampleAgreement(Language.Ca);

        Assert.Throws<ArgumentNullException>(() => EmailTemplates.UndeliverableContact(null!, "contact", "a@example.org", "reminder", BounceReply, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.UndeliverableContact(agreement, null!, "a@example.org", "reminder", BounceReply, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.UndeliverableContact(agreement, "contact", null!, "reminder", BounceReply, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentException>(() => EmailTemplates.UndeliverableContact(agreement, "contact", " ", "reminder", BounceReply, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.UndeliverableContact(agreement, "contact", "a@example.org", null!, BounceReply, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentException>(() => EmailTemplates.UndeliverableContact(agreement, "contact", "a@example.org", "", BounceReply, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.UndeliverableContact(agreement, "contact", "a@example.org", "reminder", null!, AgreementLink, Language.Ca));
        Assert.Throws<ArgumentNullException>(() => EmailTemplates.UndeliverableContact(agreement, "contact", "a@example.org", "reminder", BounceReply, null!, Language.Ca));
        Assert.Throws<ArgumentException>(() => EmailTemplates.UndeliverableContact(agreement, "contact", "a@example.org", "reminder", BounceReply, new Uri("ftp://example.org/x"), Language.Ca));
    }
}
