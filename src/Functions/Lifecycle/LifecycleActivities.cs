using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using BalancFunctions.Domain.Mail;
using BalancFunctions.Domain.Ports;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>
/// The work of the lifecycle orchestration's activities. Each one is idempotent: it checks the
/// agreement's log before a side effect and records the side effect after it, so a retried
/// activity does not send the same e-mail twice once its log row exists.
/// </summary>
public sealed partial class LifecycleActivities(
    AgreementRepository repository,
    IMailSender mail,
    Links links,
    TimeProvider clock,
    IOptions<OtpcOptions> otpcOptions,
    ILogger<LifecycleActivities> logger)
{
    /// <summary>Plans the agreement's next balance cycle from its stored record.</summary>
    public async Task<CyclePlan> PlanCycle(string agreementId, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = clock.GetUtcNow();
        AgreementEntity? entity = await repository.GetAgreementAsync(agreementId, cancellationToken);
        if (entity is null)
        {
            this.LogAgreementMissing(agreementId);
            return new CyclePlan(agreementId, null, null, [], now, Finished: true);
        }

        return CyclePlanner.Plan(LifecycleState.Create(entity.ToAgreement(), entity.CoveredThroughDate), now);
    }

    /// <summary>Sends one reminder to the entity's contact, once per agreement, due date and step.</summary>
    public async Task SendReminder(ReminderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string logKey = RowKeys.Log("reminder", request.DueDate, request.Step);
        if (await repository.LogExistsAsync(request.AgreementId, logKey, cancellationToken))
        {
            this.LogAlreadyDone("reminder", request.AgreementId, request.DueDate, request.Step);
            return;
        }

        AgreementEntity? entity = await repository.GetAgreementAsync(request.AgreementId, cancellationToken);
        if (entity is null)
        {
            this.LogAgreementMissing(request.AgreementId);
            return;
        }

        Agreement agreement = entity.ToAgreement();
        DueDate dueDate = FindDueDate(agreement, request.DueDate);
        int daysBefore = Math.Max(0, request.DueDate.DayNumber - MadridTime.LocalDate(request.ScheduledAtUtc).DayNumber);
        EmailContent content = EmailTemplates.Reminder(agreement, dueDate, daysBefore, links.Form(agreement.AgreementId));
        await mail.SendAsync(
            Compose(agreement.Language, content, MessageId(request.AgreementId, "reminder", request.DueDate, request.Step), new MailRecipient(agreement.ContactEmail, agreement.ContactName)),
            cancellationToken);

        await this.RecordAsync(request.AgreementId, logKey, "reminder", request.DueDate, request.Step, "contact", cancellationToken);
        TimeSpan lateness = clock.GetUtcNow() - request.ScheduledAtUtc;
        this.LogReminderSent(request.AgreementId, request.DueDate, request.Step, lateness);
    }

    /// <summary>
    /// Marks the balance overdue, notifies the entity's contact and legal representative, and escalates
    /// to the OTPC (level 1). Each of the two e-mails has its own log row, so a retry sends only what is missing.
    /// </summary>
    public async Task EscalateOverdue(EscalationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AgreementEntity? entity = await repository.GetAgreementAsync(request.AgreementId, cancellationToken);
        if (entity is null)
        {
            this.LogAgreementMissing(request.AgreementId);
            return;
        }

        Agreement agreement = entity.ToAgreement();
        DueDate dueDate = FindDueDate(agreement, request.DueDate);
        await this.MarkEscalatedAsync(request.AgreementId, request.DueDate, cancellationToken);

        string noticeKey = RowKeys.Log("overdue-notice", request.DueDate, "entity");
        if (!await repository.LogExistsAsync(request.AgreementId, noticeKey, cancellationToken))
        {
            EmailContent notice = EmailTemplates.OverdueNotice(agreement, dueDate, links.Form(agreement.AgreementId));
            await mail.SendAsync(
                Compose(
                    agreement.Language,
                    notice,
                    MessageId(request.AgreementId, "overdue", request.DueDate, "entity"),
                    new MailRecipient(agreement.ContactEmail, agreement.ContactName),
                    new MailRecipient(agreement.RepresentativeEmail)),
                cancellationToken);
            await this.RecordAsync(request.AgreementId, noticeKey, "overdue-notice", request.DueDate, "entity", "contact,representative", cancellationToken);
        }

        string escalationKey = RowKeys.Log("escalation", request.DueDate, "level-1");
        if (!await repository.LogExistsAsync(request.AgreementId, escalationKey, cancellationToken))
        {
            Language officeLanguage = LanguageCodes.ParseOrDefault(otpcOptions.Value.Language);
            EmailContent escalation = EmailTemplates.Escalation(agreement, dueDate, links.OfficeAgreement(agreement.AgreementId), officeLanguage);
            await mail.SendAsync(
                Compose(officeLanguage, escalation, MessageId(request.AgreementId, "escalation", request.DueDate, "level-1"), new MailRecipient(otpcOptions.Value.EscalationEmail, "OTPC")),
                cancellationToken);
            await this.RecordAsync(request.AgreementId, escalationKey, "escalation", request.DueDate, "level-1", "otpc", cancellationToken);
            this.LogEscalated(request.AgreementId, request.DueDate);
        }
    }

    private static DueDate FindDueDate(Agreement agreement, DateOnly date) =>
        DueDates.Compute(agreement).FirstOrDefault(due => due.Date == date) ?? new DueDate(date, DueDateKind.Periodic);

    private static OutgoingEmail Compose(Language language, EmailContent content, string messageId, params MailRecipient[] to) =>
        new(to, content.Subject, content.TextBody, content.HtmlBody, language.ToCode(), messageId);

    /// <summary>Returns a Message-ID derived from what the message is about, the same on every retry.</summary>
    private static string MessageId(string agreementId, string kind, DateOnly dueDate, string step) =>
        string.Create(CultureInfo.InvariantCulture, $"{agreementId}.{kind}.{dueDate:yyyyMMdd}.{step}@balancfunctions");

    private async Task MarkEscalatedAsync(string agreementId, DateOnly dueDate, CancellationToken cancellationToken)
    {
        TableEntity change = new(agreementId, RowKeys.Agreement)
        {
            [nameof(AgreementEntity.EscalatedDueDate)] = AgreementEntity.FormatDate(dueDate),
        };
        await repository.Table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private async Task RecordAsync(string agreementId, string rowKey, string kind, DateOnly dueDate, string step, string recipients, CancellationToken cancellationToken)
    {
        LogEntity entry = new()
        {
            PartitionKey = agreementId,
            RowKey = rowKey,
            Kind = kind,
            DueDate = AgreementEntity.FormatDate(dueDate)!,
            Step = step,
            Recipients = recipients,
            DoneAtUtc = clock.GetUtcNow(),
        };
        await repository.TryAddLogAsync(entry, cancellationToken);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Agreement {AgreementId} is not in the agreements table; its lifecycle ends")]
    private partial void LogAgreementMissing(string agreementId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Agreement {AgreementId}: {Kind} for {DueDate} step {Step} is already in the log; not sent again")]
    private partial void LogAlreadyDone(string kind, string agreementId, DateOnly dueDate, string step);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Agreement {AgreementId}: reminder {Step} for {DueDate} sent, {Lateness} after its scheduled time")]
    private partial void LogReminderSent(string agreementId, DateOnly dueDate, string step, TimeSpan lateness);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: overdue balance for {DueDate} escalated to the OTPC")]
    private partial void LogEscalated(string agreementId, DateOnly dueDate);
}
