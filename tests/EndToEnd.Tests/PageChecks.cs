using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Tests.Support;
using Microsoft.Playwright;
using MimeKit;

namespace BalancFunctions.EndToEnd.Tests;

/// <summary>Accessibility checks, screenshots and the reminder link shared by the site's tests.</summary>
public static partial class PageChecks
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Runs axe-core from node_modules in the page and fails on any WCAG 2.1 A or AA violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string pageName)
    {
        string axe = Path.Combine(SiteFixture.RepositoryRoot, "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"axe-core is missing at {axe}: run 'npm ci' in {SiteFixture.RepositoryRoot}.");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
        JsonElement violations = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """,
            WcagTags);
        List<string> found = [.. violations.EnumerateArray().Select(item => item.GetString()!)];
        Assert.True(found.Count == 0, $"{pageName}: WCAG 2.1 A/AA violations:\n{string.Join('\n', found)}");
    }

    /// <summary>Saves full-page screenshots at a phone width (390×844) and a desktop width (1280×900).</summary>
    public static async Task ScreenshotsAsync(IPage page, string pageName)
    {
        PageViewportSizeResult original = page.ViewportSize!;
        foreach ((int width, int height) in new[] { (390, 844), (1280, 900) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(SiteFixture.ScreenshotFolder, $"{pageName}-{width}x{height}.png"),
                FullPage = true,
            });
        }

        await page.SetViewportSizeAsync(original.Width, original.Height);
    }

    /// <summary>
    /// Makes the agreement's reminder for its next due date fire within seconds, through the OTPC's
    /// reminder-policy endpoint, and returns the form link that the e-mail carries.
    /// </summary>
    public static async Task<string> ReminderLinkAsync(SiteFixture fixture, string agreementId)
    {
        string token = await fixture.TokenAsync(agreementId);
        JsonElement view = await fixture.Client.GetFromJsonAsync<JsonElement>($"api/agreements/{agreementId}?token={Uri.EscapeDataString(token)}");
        DateOnly due = DateOnly.ParseExact(view.GetProperty("nextDueDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        int secondsBeforeEnd = (int)(MadridTime.EndOfDay(due) - DateTimeOffset.UtcNow).TotalSeconds - 3;
        using HttpResponseMessage policy = await fixture.Client.PutAsJsonAsync(
            $"api/otpc/agreements/{agreementId}/reminder-policy",
            new { before = new[] { $"PT{secondsBeforeEnd}S" }, overdueRepeat = (string?)null, localTime = "09:00" });
        Assert.True(policy.IsSuccessStatusCode, $"Setting the reminder policy of {agreementId} failed: {policy.StatusCode} {await policy.Content.ReadAsStringAsync()}");

        bool IsReminder(MimeMessage message) => TestSmtpServer.IdStartsWith(message, $"{agreementId}.reminder");
        IReadOnlyList<MimeMessage> reminders = await fixture.Smtp.WaitForAsync(IsReminder, 1, TimeSpan.FromSeconds(60));
        Assert.True(reminders.Count > 0, $"No reminder e-mail for {agreementId} arrived within 60 s.");
        string body = reminders[0].TextBody ?? WebUtility.HtmlDecode(reminders[0].HtmlBody) ?? string.Empty;
        Match link = FormLink().Match(body);
        Assert.True(link.Success, $"The reminder for {agreementId} has no form link:\n{body}");
        return link.Value;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/balanc/\?agreement=[^\s""<>]+")]
    private static partial Regex FormLink();
}
