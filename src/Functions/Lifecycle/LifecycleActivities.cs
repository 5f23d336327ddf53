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
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions.Lifecycle;

/// <summary>
/// The work of the lifecycle orchestration's activities. Every e-mail has its own row in the
/// agreement's log, checked before sending and written after, so a retried activity sends only
/// what is missing. A step for a due date that a stored balance already covers does nothing, so
/// a balance that races a timer never gets a reminder or an escalation after it.
/// </summary>
public sealed partial class LifecycleActivities(
    AgreementRepository repository,
    AgreementStates states,
    AgreementIndex index,
    IMailSender mail,
    LifecycleMail lifecycleMail,
    Links links,
    TimeProvider clock,
    IOptions<OtpcOptions> otpcOptions,
    ILogger<LifecycleActivities> logger)
{
    /// <summary>Plans the agreement's current balance cycle from its stored record.</summary>
    public async Task<CyclePlan> PlanCycle(string agreementId, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = clock.GetUtcNow();
        LoadedAgreement? loaded = await states.LoadAsync(agreementId, cancellationToken);
        if (loaded is null)
        {
            this.LogAgreementMissing(agreementId);
            return new CyclePlan(agreementId, null, null, [], now, Finished: true);
        }

        return CyclePlanner.Plan(loaded.State, now);
    }

    /// <summary>Carries out one planned step of the lifecycle.</summary>
    public async Task RunStep(StepRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LoadedAgreement? loaded = await states.LoadAsync(request.AgreementId, cancellationToken);
        if (loaded is null)
        {
            this.LogAgreementMissing(request.AgreementId);
            return;
        }

        Agreement agreement = loaded.State.Agreement;

        DueDate found = FindDueDate(loaded.State, request.DueDate);
        DueDate dueDate = LifecycleMail.InForce(found);
        bool covered = loaded.State.CoveredThrough is DateOnly coveredThrough && request.DueDate <= coveredThrough;
        if (covered && request.Kind is not (LifecycleStepKind.RegistryReminder or LifecycleStepKind.Expiry))
        {
            this.LogStepSkipped(request.AgreementId, request.Code, request.DueDate);
            return;
        }

        // After an extension the steps of the new date are new steps: their log rows carry the date in force.
        StepRequest keyed = found.ExtendedTo is DateOnly extendedTo
            ? request with { Code = string.Create(CultureInfo.InvariantCulture, $"{request.Code}@{extendedTo:yyyyMMdd}") }
            : request;
        Message message = new(keyed, agreement, dueDate);
        switch (request.Kind)
        {
            case LifecycleStepKind.Reminder:
                await this.SendToEntityOnceAsync(message, "reminder", lifecycleMail.Reminder(agreement, dueDate, MadridTime.LocalDate(request.ScheduledAtUtc)), includeRepresentative: false, cancellationToken);
                break;

            case LifecycleStepKind.Overdue:
                await this.SetEscalationAsync(request.AgreementId, request.DueDate, level: 1, cancellationToken);
                await this.SendToEntityOnceAsync(message, "overdue-notice", lifecycleMail.OverdueNotice(agreement, dueDate), includeRepresentative: true, cancellationToken);
                await this.SendToOfficeOnceAsync(message, "escalation", language => EmailTemplates.Escalation(agreement, dueDate, links.OfficeAgreement(agreement.AgreementId), language), cancellationToken);
                this.LogEscalated(request.AgreementId, request.DueDate, 1);
                break;

            case LifecycleStepKind.OverdueReminder:
                int number = int.Parse(request.Code.AsSpan(request.Code.LastIndexOf(':') + 1), CultureInfo.InvariantCulture);
                await this.SendToEntityOnceAsync(message, "overdue-reminder", EmailTemplates.OverdueReminder(agreement, dueDate, number, this.DaysOverdue(dueDate), links.Form(agreement.AgreementId)), includeRepresentative: true, cancellationToken);
                break;

            case LifecycleStepKind.EscalationLevel2:
                await this.SetEscalationAsync(request.AgreementId, request.DueDate, level: 2, cancellationToken);
                await this.SendToOfficeOnceAsync(message, "escalation-2", language => EmailTemplates.EscalationLevel2(agreement, dueDate, this.DaysOverdue(dueDate), links.OfficeAgreement(agreement.AgreementId), language), cancellationToken);
                this.LogEscalated(request.AgreementId, request.DueDate, 2);
                break;

            case LifecycleStepKind.RegistryReminder:
                SubmissionEntity? submission = loaded.Submissions.FirstOrDefault(candidate => candidate.CoveredDueDate == AgreementEntity.FormatDate(request.DueDate));
                if (submission is null || !string.IsNullOrEmpty(submission.RegistryNumber))
                {
                    this.LogStepSkipped(request.AgreementId, request.Code, request.DueDate);
                    return;
                }

                DateTimeOffset submittedAtLocal = TimeZoneInfo.ConvertTime(submission.SubmittedAtUtc, MadridTime.Zone);
                await this.SendToEntityOnceAsync(message, "registry-reminder", EmailTemplates.RegistryReminder(agreement, dueDate, submission.SubmissionId, submittedAtLocal, links.Registry(agreement.AgreementId, submission.SubmissionId)), includeRepresentative: false, cancellationToken);
                break;

            case LifecycleStepKind.Expiry:
                if (!CyclePlanner.RenewalCovered(loaded.State))
                {
                    // The expiry step names the renewal due date; an agreement with none still ends without its balance.
                    DueDate renewal = dueDate with { Kind = DueDateKind.Renewal };
                    await this.SendToOfficeOnceAsync(message, "expired-without-balance", language => EmailTemplates.ExpiredWithoutBalance(agreement, renewal, links.OfficeAgreement(agreement.AgreementId), language), cancellationToken);
                    this.LogExpiredWithoutBalance(request.AgreementId);
                }

                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown lifecycle step kind.");
        }
    }

    private int DaysOverdue(DueDate dueDate) =>
        Math.Max(MadridTime.LocalDate(clock.GetUtcNow()).DayNumber - dueDate.Effective.DayNumber, 0);

    private static DueDate FindDueDate(LifecycleState state, DateOnly date) =>
        DueDates.Compute(state.Agreement, state.Extensions).FirstOrDefault(due => due.Date == date) ?? new DueDate(date, DueDateKind.Periodic);

    /// <summary>
    /// Sends an e-mail to the entity once per agreement, due date and step. A permanent rejection
    /// is recorded as undeliverable, not retried, and reported to the OTPC once.
    /// </summary>
    private async Task SendToEntityOnceAsync(Message message, string kind, EmailContent content, bool includeRepresentative, CancellationToken cancellationToken)
    {
        StepRequest request = message.Request;
        string logKey = RowKeys.Log(kind, request.DueDate, request.Code);
        if (await repository.LogExistsAsync(request.AgreementId, logKey, cancellationToken))
        {
            this.LogAlreadyDone(kind, request.AgreementId, request.DueDate, request.Code);
            return;
        }

        Agreement agreement = message.Agreement;
        string roles = LifecycleMail.EntityRoles(includeRepresentative);
        try
        {
            await lifecycleMail.SendToEntityAsync(agreement, content, LifecycleMail.MessageId(request.AgreementId, kind, request.DueDate, request.Code), includeRepresentative, cancellationToken);
        }
        catch (PermanentMailFailureException exception)
        {
            this.LogUndeliverable(exception, request.AgreementId, kind, exception.ReplyCode);
            await this.RecordAsync(request, logKey, kind, roles, "undeliverable", cancellationToken);
            string role = string.Equals(exception.RejectedAddress, agreement.RepresentativeEmail, StringComparison.OrdinalIgnoreCase) ? "representative" : "contact";
            string address = role == "representative" ? agreement.RepresentativeEmail : agreement.ContactEmail;
            await this.SendToOfficeOnceAsync(
                message,
                "undeliverable-" + kind,
                language => EmailTemplates.UndeliverableContact(agreement, role, address, kind, exception.Message, links.OfficeAgreement(agreement.AgreementId), language),
                cancellationToken);
            return;
        }

        await this.RecordAsync(request, logKey, kind, roles, "sent", cancellationToken);
        TimeSpan lateness = clock.GetUtcNow() - request.ScheduledAtUtc;
        this.LogSent(request.AgreementId, kind, request.Code, request.DueDate, lateness);
    }

    /// <summary>Sends an e-mail to the OTPC once per agreement, due date and step, in the office's language.</summary>
    private async Task SendToOfficeOnceAsync(Message message, string kind, Func<Language, EmailContent> compose, CancellationToken cancellationToken)
    {
        StepRequest request = message.Request;
        string logKey = RowKeys.Log(kind, request.DueDate, request.Code);
        if (await repository.LogExistsAsync(request.AgreementId, logKey, cancellationToken))
        {
            this.LogAlreadyDone(kind, request.AgreementId, request.DueDate, request.Code);
            return;
        }

        Language officeLanguage = LanguageCodes.ParseOrDefault(otpcOptions.Value.Language);
        OutgoingEmail email = LifecycleMail.Compose(officeLanguage, compose(officeLanguage), LifecycleMail.MessageId(request.AgreementId, kind, request.DueDate, request.Code), [new MailRecipient(otpcOptions.Value.EscalationEmail, "OTPC")]);
        try
        {
            await mail.SendAsync(email, cancellationToken);
        }
        catch (PermanentMailFailureException exception)
        {
            // No other recipient can be notified, so the log row records it for the agreement's detail and the send is not retried.
            this.LogOfficeUndeliverable(exception, request.AgreementId, kind);
            await this.RecordAsync(request, logKey, kind, "otpc", "undeliverable", cancellationToken);
            return;
        }

        await this.RecordAsync(request, logKey, kind, "otpc", "sent", cancellationToken);
    }

    private async Task SetEscalationAsync(string agreementId, DateOnly dueDate, int level, CancellationToken cancellationToken)
    {
        TableEntity change = new(agreementId, RowKeys.Agreement)
        {
            [nameof(AgreementEntity.EscalatedDueDate)] = AgreementEntity.FormatDate(dueDate),
            [nameof(AgreementEntity.EscalationLevel)] = level,
        };
        await repository.Table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
        await index.RefreshAsync(agreementId, cancellationToken);
    }

    private async Task RecordAsync(StepRequest request, string rowKey, string kind, string recipients, string outcome, CancellationToken cancellationToken)
    {
        LogEntity entry = new()
        {
            PartitionKey = request.AgreementId,
            RowKey = rowKey,
            Kind = kind,
            DueDate = AgreementEntity.FormatDate(request.DueDate)!,
            Step = request.Code,
            Recipients = recipients,
            Outcome = outcome,
            DoneAtUtc = clock.GetUtcNow(),
        };
        await repository.TryAddLogAsync(entry, cancellationToken);
    }

    private sealed record Message(StepRequest Request, Agreement Agreement, DueDate DueDate);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Agreement {AgreementId} is not in the agreements table; its lifecycle ends")]
    private partial void LogAgreementMissing(string agreementId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Agreement {AgreementId}: {Kind} for {DueDate:yyyy-MM-dd} step {Step} is already in the log; not sent again")]
    private partial void LogAlreadyDone(string kind, string agreementId, DateOnly dueDate, string step);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Agreement {AgreementId}: {Kind} {Step} for {DueDate:yyyy-MM-dd} sent, {Lateness} after its scheduled time")]
    private partial void LogSent(string agreementId, string kind, string step, DateOnly dueDate, TimeSpan lateness);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: overdue balance for {DueDate:yyyy-MM-dd} escalated to the OTPC, level {Level}")]
    private partial void LogEscalated(string agreementId, DateOnly dueDate, int level);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Agreement {AgreementId}: step {Step} for {DueDate:yyyy-MM-dd} skipped, the balance is covered or registered")]
    private partial void LogStepSkipped(string agreementId, string step, DateOnly dueDate);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Agreement {AgreementId}: {Kind} rejected permanently by the SMTP server ({ReplyCode}); reporting the contact to the OTPC")]
    private partial void LogUndeliverable(Exception exception, string agreementId, string kind, int replyCode);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Agreement {AgreementId}: {Kind} to the OTPC rejected permanently by the SMTP server; check Otpc:EscalationEmail")]
    private partial void LogOfficeUndeliverable(Exception exception, string agreementId, string kind);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Agreement {AgreementId} ended without its renewal balance; the OTPC was told")]
    private partial void LogExpiredWithoutBalance(string agreementId);
}
