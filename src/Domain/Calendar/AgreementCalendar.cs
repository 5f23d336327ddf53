using System.Globalization;
using System.Text;
using BalancFunctions.Domain.Agreements;

namespace BalancFunctions.Domain.Calendar;

/// <summary>
/// Writes an agreement's due dates as an iCalendar feed (RFC 5545): one all-day event per due date,
/// on its date in force, with an alarm for each reminder of the policy. Each event's UID derives from
/// the agreement and the original due date, so a calendar that subscribes to the feed moves the
/// event when the OTPC extends the date.
/// </summary>
public static class AgreementCalendar
{
    private const int MaxLineOctets = 75;

    public static string Write(Agreement agreement, IReadOnlyList<DueDate> dueDates, ReminderPolicy policy, Uri formLink, DateTimeOffset generatedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(dueDates);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(formLink);
        bool catalan = agreement.Language == Language.Ca;
        StringBuilder calendar = new();
        Line(calendar, "BEGIN:VCALENDAR");
        Line(calendar, "VERSION:2.0");
        Line(calendar, "PRODID:-//BalancFunctions//Balanç Comunitari//CA");
        Line(calendar, "CALSCALE:GREGORIAN");
        Line(calendar, "METHOD:PUBLISH");
        Line(calendar, "X-WR-CALNAME:" + Text(catalan ? $"Balanç Comunitari · {agreement.AgreementId}" : $"Balance Comunitario · {agreement.AgreementId}"));
        Line(calendar, "X-WR-TIMEZONE:Europe/Madrid");

        string stamp = generatedAtUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (DueDate due in dueDates)
        {
            bool renewal = due.Kind == DueDateKind.Renewal;
            string summary = (catalan, renewal) switch
            {
                (true, true) => $"Balanç Comunitari de renovació: data límit ({agreement.AgreementId})",
                (true, false) => $"Balanç Comunitari: data límit ({agreement.AgreementId})",
                (false, true) => $"Balance Comunitario de renovación: fecha límite ({agreement.AgreementId})",
                (false, false) => $"Balance Comunitario: fecha límite ({agreement.AgreementId})",
            };
            string description = catalan
                ? $"{agreement.EntityName}, espai {agreement.SpaceName}. Formulari del balanç: {formLink}"
                : $"{agreement.EntityName}, espacio {agreement.SpaceName}. Formulario del balance: {formLink}";

            Line(calendar, "BEGIN:VEVENT");
            Line(calendar, string.Create(CultureInfo.InvariantCulture, $"UID:{agreement.AgreementId}-{due.Date:yyyyMMdd}@balancfunctions"));
            Line(calendar, "DTSTAMP:" + stamp);
            Line(calendar, string.Create(CultureInfo.InvariantCulture, $"DTSTART;VALUE=DATE:{due.Effective:yyyyMMdd}"));
            Line(calendar, string.Create(CultureInfo.InvariantCulture, $"DTEND;VALUE=DATE:{due.Effective.AddDays(1):yyyyMMdd}"));
            Line(calendar, "SUMMARY:" + Text(summary));
            Line(calendar, "DESCRIPTION:" + Text(description));
            Line(calendar, "URL:" + formLink);
            Line(calendar, "TRANSP:TRANSPARENT");
            foreach (IsoDuration offset in policy.Before.Where(offset => !offset.HasTimePart && offset.Months == 0))
            {
                // The reminder fires at the policy's local time on the day the offset names, counted from the event's start at 00:00.
                TimeSpan before = TimeSpan.FromDays(offset.Days) - policy.LocalTime.ToTimeSpan();
                if (before <= TimeSpan.Zero)
                {
                    continue;
                }

                Line(calendar, "BEGIN:VALARM");
                Line(calendar, "ACTION:DISPLAY");
                Line(calendar, "DESCRIPTION:" + Text(summary));
                Line(calendar, string.Create(CultureInfo.InvariantCulture, $"TRIGGER:-PT{(int)before.TotalHours}H{before.Minutes}M"));
                Line(calendar, "END:VALARM");
            }

            Line(calendar, "END:VEVENT");
        }

        Line(calendar, "END:VCALENDAR");
        return calendar.ToString();
    }

    /// <summary>Escapes a TEXT value: backslash, semicolon, comma and line breaks.</summary>
    private static string Text(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Appends a content line, folded at 75 octets of UTF-8 without splitting a character, ended by CRLF.</summary>
    private static void Line(StringBuilder calendar, string line)
    {
        int octets = 0;
        foreach (Rune rune in line.EnumerateRunes())
        {
            int size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                calendar.Append("\r\n ");
                octets = 1;
            }

            calendar.Append(rune.ToString());
            octets += size;
        }

        calendar.Append("\r\n");
    }
}
