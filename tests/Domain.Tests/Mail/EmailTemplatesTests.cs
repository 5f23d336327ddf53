using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Mail;

namespace BalancFunctions.Domain.Tests.Mail;

public sealed partial class EmailTemplatesTests
{
    private static readonly Uri FormLink = new("https://balanc.example.org/formulari/PC-2024-0137?token=abc&lang=ca");
    private static readonly Uri AgreementLink = new("https://balanc.example.org/oficina/convenis/PC-2024-0137");
    private static readonly DueDate PeriodicDue = new(new DateOnly(2027, 3, 31), DueDateKind.Periodic);
    private static readonly DueDate RenewalDue = new(new DateOnly(2027, 4, 1), DueDateKind.Renewal);

    public static TheoryData<Language> Languages => new() { Language.Ca, Language.Es };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Reminder_ContainsEntityDateAndLink(Language language)
    {
        Agreement agreement = SampleAgreement(language);

        EmailContent email = EmailTemplates.Reminder(agreement, PeriodicDue, 7, FormLink);

        string date = LocalDates.Format(PeriodicDue.Date, language);
        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, agreement.ContactName);
        AssertInBothBodies(email, agreement.SpaceName);
        AssertInBothBodies(email, agreement.AgreementId);
        AssertInBothBodies(email, date);
        AssertInBothBodies(email, "OTPC");
        Assert.Contains(date, email.Subject, StringComparison.Ordinal);
        Assert.Contains(language == Language.Ca ? "Queden 7 dies." : "Quedan 7 días.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(language == Language.Ca ? "instància genèrica" : "instancia genérica", email.TextBody, StringComparison.Ordinal);
        AssertLink(email, FormLink);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Reminder_RenewalDue_SaysBeforeAgreementEnds(Language language)
    {
        Agreement agreement = SampleAgreement(language);

        EmailContent renewal = EmailTemplates.Reminder(agreement, RenewalDue, 30, FormLink);
        EmailContent periodic = EmailTemplates.Reminder(agreement, PeriodicDue, 30, FormLink);

        string expected = language == Language.Ca ? "abans de la finalització del conveni" : "antes de la finalización del convenio";
        Assert.Contains(expected, renewal.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(expected, periodic.TextBody, StringComparison.Ordinal);
        Assert.NotEqual(periodic.Subject, renewal.Subject);
    }

    [Theory]
    [InlineData(Language.Ca, 1, "Queda 1 dia.")]
    [InlineData(Language.Ca, 0, "El termini acaba avui.")]
    [InlineData(Language.Es, 1, "Queda 1 día.")]
    [InlineData(Language.Es, 0, "El plazo termina hoy.")]
    public void Reminder_DaysRemaining_UsesSingularAndToday(Language language, int daysBefore, string expected)
    {
        EmailContent email = EmailTemplates.Reminder(SampleAgreement(language), PeriodicDue, daysBefore, FormLink);

        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Reminder_NegativeDays_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmailTemplates.Reminder(SampleAgreement(Language.Ca), PeriodicDue, -1, FormLink));
    }

    [Fact]
    public void Reminder_RelativeLink_Throws()
    {
        var relative = new Uri("/formulari", UriKind.Relative);

        Assert.Throws<ArgumentException>(() => EmailTemplates.Reminder(SampleAgreement(Language.Ca), PeriodicDue, 7, relative));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void OverdueNotice_ContainsEntityDateAndLink(Language language)
    {
        Agreement agreement = SampleAgreement(language);

        EmailContent email = EmailTemplates.OverdueNotice(agreement, PeriodicDue, FormLink);

        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, LocalDates.Format(PeriodicDue.Date, language));
        AssertInBothBodies(email, language == Language.Ca ? "fora de termini" : "fuera de plazo");
        AssertInBothBodies(email, "OTPC");
        AssertLink(email, FormLink);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Escalation_ContainsAgreementDetailsAndLink(Language officeLanguage)
    {
        // The office reads the escalation in its own language, whatever the entity's language.
        Agreement agreement = SampleAgreement(Language.Ca);

        EmailContent email = EmailTemplates.Escalation(agreement, PeriodicDue, AgreementLink, officeLanguage);

        AssertInBothBodies(email, agreement.AgreementId);
        AssertInBothBodies(email, agreement.EntityName);
        AssertInBothBodies(email, agreement.EntityNif);
        AssertInBothBodies(email, agreement.SpaceName);
        AssertInBothBodies(email, agreement.District);
        AssertInBothBodies(email, LocalDates.Format(PeriodicDue.Date, officeLanguage));
        Assert.Contains(officeLanguage == Language.Ca ? "Derivació a l'OTPC" : "Derivación a la OTPC", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{officeLanguage.ToCode()}\">", email.HtmlBody, StringComparison.Ordinal);
        AssertLink(email, AgreementLink);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Subjects_DifferBetweenTemplates(Language language)
    {
        Agreement agreement = SampleAgreement(language);

        string[] subjects =
        [
            EmailTemplates.Reminder(agreement, PeriodicDue, 7, FormLink).Subject,
            EmailTemplates.OverdueNotice(agreement, PeriodicDue, FormLink).Subject,
            EmailTemplates.Escalation(agreement, PeriodicDue, AgreementLink, language).Subject,
            EmailTemplates.OverdueReminder(agreement, PeriodicDue, 1, 7, FormLink).Subject,
            EmailTemplates.EscalationLevel2(agreement, PeriodicDue, 31, AgreementLink, language).Subject,
            EmailTemplates.ExpiredWithoutBalance(agreement, RenewalDue, AgreementLink, language).Subject,
            EmailTemplates.RegistryReminder(agreement, PeriodicDue, "S-1", SubmittedAt, RegistryLink).Subject,
            EmailTemplates.UndeliverableContact(agreement, "contact", "contacte@example.org", "reminder", BounceReply, AgreementLink, language).Subject,
        ];

        for (int first = 0; first < subjects.Length; first++)
        {
            for (int second = first + 1; second < subjects.Length; second++)
            {
                Assert.NotEqual(subjects[first], subjects[second]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Subjects_AreSingleLine(Language language)
    {
        Agreement agreement = SampleAgreement(language) with
        {
            AgreementId = "PC-1\r\nBcc: x@example.org",
            EntityName = "Entitat\nBcc: y@example.org",
        };

        EmailContent[] emails = AllTemplates(agreement, language);

        foreach (EmailContent email in emails)
        {
            Assert.DoesNotContain('\r', email.Subject);
            Assert.DoesNotContain('\n', email.Subject);
        }
    }

    [Fact]
    public void HtmlBody_EncodesInterpolatedValues()
    {
        Agreement agreement = SampleAgreement(Language.Ca) with
        {
            EntityName = "Associació <b>\"Sol & Lluna\"</b> d'en 'Pep'",
            ContactName = "Anna <script>alert(1)</script>",
            SpaceName = "Espai \"A&B\"",
        };

        EmailContent[] emails = AllTemplates(agreement, Language.Ca);

        foreach (EmailContent email in emails)
        {
            Assert.DoesNotContain("<b>", email.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Sol", email.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("A&B", email.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;&quot;Sol &amp; Lluna&quot;&lt;/b&gt; d&#39;en &#39;Pep&#39;", email.HtmlBody, StringComparison.Ordinal);
            Assert.Contains(agreement.EntityName, email.TextBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void HtmlBody_IsAccessibleDocument(Language language)
    {
        EmailContent email = EmailTemplates.Reminder(SampleAgreement(language), PeriodicDue, 7, FormLink);

        Assert.StartsWith("<!DOCTYPE html>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language.ToCode()}\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<title>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<h1>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_ControlCharacters_BecomeSpaces()
    {
        Agreement agreement = SampleAgreement(Language.Ca) with { AgreementId = "PC-1\r\nBcc: x@example.org" };

        EmailContent email = EmailTemplates.OverdueNotice(agreement, PeriodicDue, FormLink);

        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
    }

    /// <summary>Writes every template for the agreement, the OTPC's ones in <paramref name="officeLanguage"/>.</summary>
    private static EmailContent[] AllTemplates(Agreement agreement, Language officeLanguage) =>
    [
        EmailTemplates.Reminder(agreement, PeriodicDue, 7, FormLink),
        EmailTemplates.OverdueNotice(agreement, PeriodicDue, FormLink),
        EmailTemplates.Escalation(agreement, PeriodicDue, AgreementLink, officeLanguage),
        EmailTemplates.OverdueReminder(agreement, PeriodicDue, 1, 7, FormLink),
        EmailTemplates.EscalationLevel2(agreement, PeriodicDue, 31, AgreementLink, officeLanguage),
        EmailTemplates.ExpiredWithoutBalance(agreement, RenewalDue, AgreementLink, officeLanguage),
        EmailTemplates.RegistryReminder(agreement, PeriodicDue, "S-1", SubmittedAt, RegistryLink),
        EmailTemplates.UndeliverableContact(agreement, "contact", "contacte@example.org", "reminder", BounceReply, AgreementLink, officeLanguage),
    ];

    private static void AssertInBothBodies(EmailContent email, string expected)
    {
        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(expected), email.HtmlBody, StringComparison.Ordinal);
    }

    /// <summary>Checks that the text body has the link on a line of its own and the HTML body links to it.</summary>
    private static void AssertLink(EmailContent email, Uri link)
    {
        string[] lines = email.TextBody.Split('\n');
        Assert.Contains(link.AbsoluteUri, lines);
        Assert.Contains($"href=\"{System.Net.WebUtility.HtmlEncode(link.AbsoluteUri)}\"", email.HtmlBody, StringComparison.Ordinal);
    }

    private static Agreement SampleAgreement(Language language) => new(
        AgreementId: "PC-2024-0137",
        Type: AgreementType.CessioUs,
        EntityName: language == Language.Ca ? "Associació Cultural l·lusòria d’Horta" : "Asociación Niñas del Señorío",
        EntityNif: "G12345678",
        SpaceName: "Local del carrer de la Força, 12",
        SpaceAddress: "Carrer de la Força, 12, baixos",
        District: "Horta-Guinardó",
        Neighbourhood: "el Carmel",
        StartDate: new DateOnly(2024, 4, 1),
        EndDate: new DateOnly(2028, 3, 31),
        BalancePeriodMonths: 12,
        RenewalLeadDays: 90,
        LastBalanceDate: null,
        ContactName: "Núria Puig",
        ContactEmail: "contacte@example.org",
        RepresentativeEmail: "representant@example.org",
        Language: language);
}
