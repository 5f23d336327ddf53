using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Tests.Support;
using Microsoft.DurableTask.Client;

namespace BalancFunctions.Load.Bench;

/// <summary>The figures of the import: the request, the import report, and the orchestrations it started.</summary>
internal sealed record ImportResult(
    int Agreements,
    double ImportRequestSeconds,
    int Created,
    int RejectedRows,
    int OrchestrationsStarted,
    double StartsPerSecondOfRequest,
    int InstancesFound,
    double FirstToLastCreatedSeconds,
    double StartsPerSecondOfInstances,
    double AllPlannedSeconds,
    bool AllPlanned,
    ResourceUse Resources);

/// <summary>
/// The figures of the reminders: how the policies were set, how many reminders arrived, and how
/// late, in seconds after the instant each was scheduled for.
/// </summary>
internal sealed record LifecycleResult(
    int Agreements,
    double WindowSeconds,
    double LeadSeconds,
    double PolicyRequestsSeconds,
    int PolicyRequestsFailed,
    int ReplannedBeforeFirstReminder,
    double ReplannedSeconds,
    int RemindersReceived,
    int DuplicateReminders,
    int OtherMessages,
    Summary LatenessSeconds,
    ResourceUse Resources);

/// <summary>
/// Imports a register through the import endpoint, then gives every agreement a reminder policy
/// whose one reminder falls due within the run, and measures when the SMTP server receives each.
/// </summary>
internal static class ImportLifecycleScenario
{
    private const string IdPrefix = "PC-L";

    /// <summary>Policy requests in flight at once.</summary>
    private const int PolicyClients = 16;

    /// <summary>Runs the import, and the reminders after it when <paramref name="remind"/> is set and every orchestration planned its cycle.</summary>
    public static async Task<(ImportResult Import, LifecycleResult? Lifecycle)> RunAsync(BenchOptions options, bool remind, RunLog log, CancellationToken cancellationToken)
    {
        await using BenchStack stack = await BenchStack.StartAsync(options, cancellationToken);

        // Due in 20 days: the type's reminders 30 days before have passed and those 7 and 1 days before
        // are days away, so until the policies change no e-mail falls due during the run.
        DateOnly dueDate = MadridTime.LocalDate(DateTimeOffset.UtcNow).AddDays(20);
        ImportResult import = await ImportAsync(stack, options, dueDate, log, cancellationToken);
        if (!remind)
        {
            return (import, null);
        }

        if (!import.AllPlanned)
        {
            log.Line("import: not every orchestration planned its cycle in time; the lifecycle scenario is skipped");
            return (import, null);
        }

        LifecycleResult lifecycle = await RemindAsync(stack, options, dueDate, import.AllPlannedSeconds, log, cancellationToken);
        return (import, lifecycle);
    }

    private static async Task<ImportResult> ImportAsync(BenchStack stack, BenchOptions options, DateOnly dueDate, RunLog log, CancellationToken cancellationToken)
    {
        string register = RegisterWriter.FromSample(options.RepositoryRoot).Write(IdPrefix, options.Agreements, dueDate);
        log.Line($"import: posting a register of {options.Agreements} agreements ({register.Length / 1024} KiB)");
        DateTimeOffset requestStart = DateTimeOffset.UtcNow;
        ResourceMeter meter = ResourceMeter.Start(stack.Azurite);
        string reportText = await stack.ImportAsync(register, cancellationToken);
        double requestSeconds = meter.ElapsedSeconds;
        using JsonDocument report = JsonDocument.Parse(reportText);
        int started = report.RootElement.GetProperty("orchestrationsStarted").GetInt32();
        log.Line($"import: request done in {requestSeconds:0.0} s, {started} orchestrations started; waiting for each to plan its cycle");

        (List<OrchestrationMetadata> instances, bool planned) = await stack.WaitForInstancesAsync(
            instance => instance.SerializedCustomStatus is not null,
            options.Agreements,
            TimeSpan.FromSeconds(options.Quick ? 1 : 5),
            DateTimeOffset.UtcNow + options.SettleTimeout,
            cancellationToken);
        ResourceUse resources = meter.Stop();
        DateTimeOffset firstCreated = instances.Count > 0 ? instances.Min(instance => instance.CreatedAt) : requestStart;
        DateTimeOffset lastCreated = instances.Count > 0 ? instances.Max(instance => instance.CreatedAt) : requestStart;
        double createdSpan = (lastCreated - firstCreated).TotalSeconds;
        log.Line($"import: {instances.Count(instance => instance.SerializedCustomStatus is not null)} of {options.Agreements} orchestrations planned after {resources.WallSeconds:0.0} s");
        ImportResult result = new(
            options.Agreements,
            requestSeconds,
            report.RootElement.GetProperty("created").GetInt32(),
            report.RootElement.GetProperty("rejectedRows").GetInt32(),
            started,
            started / requestSeconds,
            instances.Count,
            createdSpan,
            createdSpan > 0 ? instances.Count / createdSpan : 0,
            resources.WallSeconds,
            planned,
            resources);

        // A run of 10,000 agreements can last hours on Azurite, so the import's figures are logged
        // now, in case the lifecycle scenario after it does not finish.
        log.Line($"import: figures {JsonSerializer.Serialize(result)}");
        return result;
    }

    private static async Task<LifecycleResult> RemindAsync(BenchStack stack, BenchOptions options, DateOnly dueDate, double importSettleSeconds, RunLog log, CancellationToken cancellationToken)
    {
        // Setting the policies and planning again costs about what the import and its planning cost.
        // Each policy request also raises an event, so the first reminder falls due a quarter later
        // than that. Later agreements get later reminders, in the order their policies are sent.
        TimeSpan lead = options.ReminderLead ?? TimeSpan.FromSeconds(importSettleSeconds * 1.25) + options.ReminderMargin;
        DateTimeOffset firstReminder = DateTimeOffset.UtcNow + lead;
        DateTimeOffset endOfDueDay = MadridTime.EndOfDay(dueDate);
        Reminder[] reminders = [.. Enumerable.Range(0, options.Agreements).Select(position =>
        {
            DateTimeOffset target = firstReminder + (options.ReminderWindow * position / options.Agreements);
            long secondsBeforeEndOfDay = (long)Math.Floor((endOfDueDay - target).TotalSeconds);
            IsoDuration offset = IsoDuration.Parse(string.Create(CultureInfo.InvariantCulture, $"PT{secondsBeforeEndOfDay}S"));
            return new Reminder(RegisterWriter.AgreementId(IdPrefix, position), offset, ReminderSchedule.FireAt(dueDate, offset, TimeOnly.MinValue));
        })];
        DateTimeOffset lastReminder = reminders[^1].ScheduledAtUtc;
        log.Line($"lifecycle: setting {reminders.Length} reminder policies; reminders fall due from {firstReminder:HH:mm:ss} to {lastReminder:HH:mm:ss} UTC");

        ResourceMeter meter = ResourceMeter.Start(stack.Azurite);
        int failed = await SetPoliciesAsync(stack, reminders, cancellationToken);
        double policySeconds = meter.ElapsedSeconds;
        log.Line($"lifecycle: policies set in {policySeconds:0.0} s ({failed} failed); waiting for the orchestrations to plan again");

        // Polling 10,000 instances loads Azurite, so it stops when the first reminder falls due.
        Dictionary<string, string> expectedSteps = reminders.ToDictionary(reminder => LifecycleNames.InstanceId(reminder.AgreementId), reminder => ReminderSchedule.StepCode(reminder.Offset));
        (List<OrchestrationMetadata> instances, bool replanned) = await stack.WaitForInstancesAsync(
            instance => expectedSteps.TryGetValue(instance.InstanceId, out string? step) && instance.SerializedCustomStatus?.Contains(step, StringComparison.Ordinal) == true,
            reminders.Length,
            TimeSpan.FromSeconds(options.Quick ? 1 : 5),
            firstReminder,
            cancellationToken);
        int replannedCount = instances.Count(instance => expectedSteps.TryGetValue(instance.InstanceId, out string? step) && instance.SerializedCustomStatus?.Contains(step, StringComparison.Ordinal) == true);
        double replannedSeconds = meter.ElapsedSeconds;
        log.Line($"lifecycle: {replannedCount} of {reminders.Length} orchestrations planned the new reminder {(replanned ? "after" : "by the time the first fell due,")} {replannedSeconds:0.0} s");

        DateTimeOffset deadline = lastReminder + options.ReminderGrace;
        while (CountReminders(stack.Smtp.Received) < reminders.Length && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        ResourceUse resources = meter.Stop();
        IReadOnlyList<ReceivedMessage> messages = stack.Smtp.Received;
        Dictionary<string, DateTimeOffset> scheduled = reminders.ToDictionary(reminder => reminder.AgreementId, reminder => reminder.ScheduledAtUtc);
        List<(string AgreementId, DateTimeOffset ReceivedAtUtc)> received = [.. messages
            .Select(message => (AgreementId: ReminderAgreement(message), ReceivedAtUtc: message.AcceptedAtUtc))
            .Where(message => message.AgreementId is not null && scheduled.ContainsKey(message.AgreementId))
            .Select(message => (message.AgreementId!, message.ReceivedAtUtc))];
        List<(string AgreementId, DateTimeOffset ReceivedAtUtc)> firstEach = [.. received
            .GroupBy(message => message.AgreementId)
            .Select(group => group.MinBy(message => message.ReceivedAtUtc))];
        log.Line($"lifecycle: {firstEach.Count} of {reminders.Length} reminders received");
        return new LifecycleResult(
            reminders.Length,
            options.ReminderWindow.TotalSeconds,
            lead.TotalSeconds,
            policySeconds,
            failed,
            replannedCount,
            replannedSeconds,
            firstEach.Count,
            received.Count - firstEach.Count,
            messages.Count - received.Count,
            Summary.Of(firstEach.Select(message => (message.ReceivedAtUtc - scheduled[message.AgreementId]).TotalSeconds)),
            resources);
    }

    /// <summary>Sends each agreement's policy in the order of its reminder. Returns the number of requests that failed.</summary>
    private static async Task<int> SetPoliciesAsync(BenchStack stack, Reminder[] reminders, CancellationToken cancellationToken)
    {
        int next = -1;
        ConcurrentBag<string> failures = [];

        async Task ClientLoopAsync()
        {
            for (int position = Interlocked.Increment(ref next); position < reminders.Length; position = Interlocked.Increment(ref next))
            {
                Reminder reminder = reminders[position];
                var policy = new { before = new[] { reminder.Offset.ToString() }, overdueRepeat = "R4/P7D", localTime = "09:00" };
                using HttpRequestMessage request = BenchStack.OfficeRequest(HttpMethod.Put, $"api/otpc/agreements/{reminder.AgreementId}/reminder-policy", JsonContent.Create(policy));
                using HttpResponseMessage response = await stack.Client.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{reminder.AgreementId}: {(int)response.StatusCode}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, PolicyClients).Select(_ => Task.Run(ClientLoopAsync, cancellationToken)));
        return failures.Count;
    }

    private static int CountReminders(IReadOnlyList<ReceivedMessage> messages) =>
        messages.Select(ReminderAgreement).OfType<string>().Distinct().Count();

    /// <summary>Returns the agreement of a reminder from its Message-ID, <c>{agreementId}.reminder.{dueDate}.{step}@…</c>, or null for other messages.</summary>
    private static string? ReminderAgreement(ReceivedMessage message)
    {
        string messageId = message.Message.MessageId ?? string.Empty;
        int marker = messageId.IndexOf(".reminder.", StringComparison.Ordinal);
        return marker > 0 ? messageId[..marker] : null;
    }

    private sealed record Reminder(string AgreementId, IsoDuration Offset, DateTimeOffset ScheduledAtUtc);
}
