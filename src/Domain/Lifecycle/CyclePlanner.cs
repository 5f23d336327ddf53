using System.Globalization;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;

namespace BalancFunctions.Domain.Lifecycle;

/// <summary>Plans a balance cycle of an agreement as a pure function of its state and the current instant.</summary>
public static class CyclePlanner
{
    /// <summary>Days after the effective due date at which the second escalation level is raised, at the policy's local time.</summary>
    public const int EscalationLevel2AfterDays = 30;

    /// <summary>Days after a submission's local date at which the entity is reminded to record its registry entry.</summary>
    public const int RegistryReminderAfterDays = 7;

    /// <summary>
    /// Plans the cycle at instant <paramref name="now"/>. The agreement is in force through its whole end
    /// date, so <see cref="CyclePlan.EndsAtUtc"/> is the end of that local day, and the plan is finished,
    /// with no steps, from that instant on. Otherwise, for the first open due date D with effective date E:
    /// <list type="bullet">
    /// <item>a Reminder per policy offset before E, only those still ahead of <paramref name="now"/>,
    /// because a reminder whose time has passed is not worth sending late;</item>
    /// <item>Overdue at the end of E's local day, even when past, so that the orchestration runs it at once;</item>
    /// <item>OverdueReminder k (k = 1..n of the policy's repeat) at the local time on E + k periods,
    /// or k periods after the end of E's day for a period with a time part, only those ahead of
    /// <paramref name="now"/> and never before the Overdue step;</item>
    /// <item>EscalationLevel2 at the local time on E + <see cref="EscalationLevel2AfterDays"/> days, even when past.</item>
    /// </list>
    /// Each pending registration adds a RegistryReminder at the local time on its submission's local
    /// date + <see cref="RegistryReminderAfterDays"/> days, when still ahead. Every step is before the
    /// end, and later ones are dropped. A final Expiry step at the end always closes the plan. Its due
    /// date is the renewal due date, or else the last due date, or else the end date. Steps carry the
    /// original date D, because coverage, escalations and logs identify a due date by it.
    /// </summary>
    /// <exception cref="ArgumentNullException">The state or one of its members is null.</exception>
    /// <exception cref="ArgumentException">The policy is invalid, or an extension moves a due date earlier.</exception>
    public static CyclePlan Plan(LifecycleState state, DateTimeOffset now)
    {
        LifecycleState.Check(state);
        Agreement agreement = state.Agreement;
        DateTimeOffset endsAtUtc = MadridTime.EndOfDay(agreement.EndDate);
        if (now >= endsAtUtc)
        {
            return new CyclePlan(agreement.AgreementId, null, null, [], endsAtUtc, Finished: true);
        }

        IReadOnlyList<DueDate> dueDates = DueDates.Compute(agreement, state.Extensions);
        DueDate? open = DueDates.FirstOpen(dueDates, state.CoveredThrough);

        var steps = new List<LifecycleStep>();
        if (open is not null)
        {
            steps.AddRange(DueDateSteps(open, state.Policy, now));
        }

        steps.AddRange(RegistryReminders(state, now));
        steps.RemoveAll(step => step.AtUtc >= endsAtUtc);

        DateOnly expiryDueDate = dueDates.Count > 0 ? dueDates[^1].Date : agreement.EndDate;
        steps.Add(new LifecycleStep(LifecycleStepKind.Expiry, LifecycleStepCodes.Expiry, expiryDueDate, endsAtUtc));

        List<LifecycleStep> sorted = [.. steps.OrderBy(step => step.AtUtc).ThenBy(step => step.Kind)];
        return new CyclePlan(agreement.AgreementId, open?.Date, open?.Kind, sorted, endsAtUtc, Finished: false)
        {
            EffectiveDueDate = open?.Effective,
        };
    }

    /// <summary>
    /// Returns whether the renewal due date is covered by a balance. An agreement without a renewal
    /// due date (its lead is as long as its term, so it has no due date at all) counts as covered.
    /// </summary>
    /// <exception cref="ArgumentNullException">The state or one of its members is null.</exception>
    /// <exception cref="ArgumentException">The policy is invalid, or an extension moves a due date earlier.</exception>
    public static bool RenewalCovered(LifecycleState state)
    {
        LifecycleState.Check(state);
        DueDate? renewal = DueDates.Renewal(DueDates.Compute(state.Agreement, state.Extensions));
        return renewal is null || (state.CoveredThrough is DateOnly covered && covered >= renewal.Date);
    }

    private static IEnumerable<LifecycleStep> DueDateSteps(DueDate open, ReminderPolicy policy, DateTimeOffset now)
    {
        DateOnly effective = open.Effective;

        foreach (ReminderInstant reminder in ReminderSchedule.Compute(effective, policy))
        {
            if (reminder.FireAtUtc > now)
            {
                yield return new LifecycleStep(LifecycleStepKind.Reminder, reminder.Step, open.Date, reminder.FireAtUtc);
            }
        }

        DateTimeOffset overdueAt = MadridTime.EndOfDay(effective);
        yield return new LifecycleStep(LifecycleStepKind.Overdue, LifecycleStepCodes.Overdue, open.Date, overdueAt);

        if (policy.OverdueRepeat is IsoRepeat repeat)
        {
            for (int k = 1; k <= repeat.Count; k++)
            {
                // Each repeat is counted from E, never chained, so monthly repeats keep a month end.
                IsoDuration delay = repeat.Period.Multiply(k);
                DateTimeOffset at = delay.HasTimePart
                    ? delay.AddToEndOfDay(effective)
                    : MadridTime.ToUtc(delay.AddTo(effective), policy.LocalTime);
                if (at > now && at >= overdueAt)
                {
                    string code = LifecycleStepCodes.OverdueReminderPrefix + k.ToString(CultureInfo.InvariantCulture);
                    yield return new LifecycleStep(LifecycleStepKind.OverdueReminder, code, open.Date, at);
                }
            }
        }

        DateTimeOffset escalationAt = MadridTime.ToUtc(effective.AddDays(EscalationLevel2AfterDays), policy.LocalTime);
        yield return new LifecycleStep(LifecycleStepKind.EscalationLevel2, LifecycleStepCodes.EscalationLevel2, open.Date, escalationAt);
    }

    private static IEnumerable<LifecycleStep> RegistryReminders(LifecycleState state, DateTimeOffset now)
    {
        foreach (PendingRegistration pending in state.PendingRegistrations)
        {
            DateOnly reminderDate = MadridTime.LocalDate(pending.SubmittedAtUtc).AddDays(RegistryReminderAfterDays);
            DateTimeOffset at = MadridTime.ToUtc(reminderDate, state.Policy.LocalTime);
            if (at > now)
            {
                yield return new LifecycleStep(LifecycleStepKind.RegistryReminder, LifecycleStepCodes.RegistryReminder, pending.DueDate, at);
            }
        }
    }
}
