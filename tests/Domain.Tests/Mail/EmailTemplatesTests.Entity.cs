using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Mail;

namespace BalancFunctions.Domain.Tests.Mail;

// Tests of the follow-up e-mails to the entity.
public sealed partial class EmailTemplatesTests
{
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
}
