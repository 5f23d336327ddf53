using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Tests.Support;
using Microsoft.Playwright;
using MimeKit;

namespace BalancFunctions.EndToEnd.Tests;

/// <summary>
/// The OTPC dashboard (web/otpc/) in chromium against the LocalHost: sign-in, tiles, the 90-day
/// chart, the overdue list with its actions, the list, the agreement page and both languages.
/// </summary>
/// <remarks>
/// The tests that change agreements use ones that no other site test changes. PC-2024-0108 and
/// PC-2025-0051 are escalated in the sample register, and BalanceFormTests files balances only
/// for PC-2019-0001, PC-2025-0017 and the first two fileable agreements, PC-2018-0044 and
/// PC-2019-0064, in order of id or of due date. PC-2021-0065 keeps its dates and status: it gets
/// only resent reminders and requests that fail validation.
/// </remarks>
[Collection(SiteTestGroup.Name)]
public sealed class DashboardTests(SiteFixture fixture)
{
    private const string ExtendedAgreement = "PC-2024-0108";
    private const string RegisteredAgreement = "PC-2025-0051";
    private const string ReadOnlyAgreement = "PC-2021-0065";
    private const int UpcomingWindowDays = 90;

    [Fact]
    public async Task SignIn_WrongKey_ShowsMessage()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(this.Url("otpc/"));
        await page.Locator("main[data-view='sign-in']").WaitForAsync();

        await page.Locator("#sign-in-button").ClickAsync();
        await Assertions.Expect(page.Locator("#otpc-key-error")).ToHaveTextAsync("Escriviu la clau de l'OTPC.");

        await page.Locator("#otpc-key").FillAsync("not-the-office-key");
        await page.Locator("#sign-in-button").ClickAsync();
        await Assertions.Expect(page.Locator("#otpc-key-error")).ToContainTextAsync("La clau de l'OTPC no és vàlida");

        Assert.True(await page.Locator("#sign-in-errors").EvaluateAsync<bool>("node => node === document.activeElement"), "The error summary does not have the focus.");
        Assert.Equal("true", await page.Locator("#otpc-key").GetAttributeAsync("aria-invalid"));
        Assert.Contains("otpc-key-error", await page.Locator("#otpc-key").GetAttributeAsync("aria-describedby") ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('otpc-key')"));
        await PageChecks.AssertAccessibleAsync(page, "OTPC sign-in with an error");
        await PageChecks.ScreenshotsAsync(page, "otpc-sign-in-error");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task SignIn_OfficeKey_TilesMatchCounts()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, "otpc/", "dashboard");
        JsonElement counts = await fixture.OfficeGetJsonAsync("api/otpc/counts");

        foreach (string status in new[] { "fora-de-termini", "derivat-otpc", "termini-proper", "finalitzat-sense-balanc" })
        {
            int expected = counts.GetProperty("byStatus").TryGetProperty(status, out JsonElement count) ? count.GetInt32() : 0;
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await page.Locator($"a[data-tile='{status}'] .tile-count").InnerTextAsync());
        }

        Assert.Equal(
            counts.GetProperty("awaitingRegistration").GetInt32().ToString(CultureInfo.InvariantCulture),
            await page.Locator("a[data-tile='awaiting'] .tile-count").InnerTextAsync());
        Assert.Equal("string", await page.EvaluateAsync<string>("typeof sessionStorage.getItem('otpc-key')"));

        await page.Locator("a[data-tile='derivat-otpc']").ClickAsync();
        await page.Locator("main[data-view='list']").WaitForAsync();
        Assert.Equal("derivat-otpc", await page.Locator("#filter-status").InputValueAsync());
        List<string> escalated = await this.ListIdsAsync("status=derivat-otpc&sort=due");
        Assert.Equal(escalated, await RowIdsAsync(page, "#agreements-table"));
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task UpcomingChart_ShowsNextNinetyDays()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, "otpc/", "dashboard");
        string asOf = (await fixture.OfficeGetJsonAsync("api/otpc/counts")).GetProperty("asOf").GetString()!;
        string dueTo = DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(UpcomingWindowDays - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        List<string> upcoming = await this.ListIdsAsync($"dueFrom={asOf}&dueTo={dueTo}&sort=due");

        ILocator chart = page.Locator("#upcoming-chart");
        Assert.Equal(13, await chart.Locator("svg rect.bar").CountAsync());
        Assert.Equal("img", await chart.Locator("svg").GetAttributeAsync("role"));
        Assert.Contains($"{upcoming.Count} convenis", await chart.Locator("svg").GetAttributeAsync("aria-label") ?? string.Empty, StringComparison.Ordinal);
        IReadOnlyList<string> weekCounts = await chart.Locator("table tbody td.number").AllTextContentsAsync();
        Assert.Equal(13, weekCounts.Count);
        Assert.Equal(upcoming.Count, weekCounts.Sum(text => int.Parse(text, CultureInfo.InvariantCulture)));
        Assert.Equal(upcoming, await RowIdsAsync(page, "#upcoming-table"));

        await chart.Locator("summary").ClickAsync();
        await Assertions.Expect(chart.Locator("table")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page, "OTPC dashboard with the chart data open");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task OverdueList_MergesOverdueAndEscalated()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, "otpc/", "dashboard");
        List<JsonElement> items = [.. await this.ListAllAsync("status=fora-de-termini"), .. await this.ListAllAsync("status=derivat-otpc")];
        List<string> expected = [.. items
            .OrderBy(item => item.GetProperty("nextDueDate").GetString() ?? "9999-12-31", StringComparer.Ordinal)
            .ThenBy(item => item.GetProperty("agreementId").GetString(), StringComparer.Ordinal)
            .Select(item => item.GetProperty("agreementId").GetString()!)
            .Distinct()];

        List<string> cardIds = [.. await page.Locator("#overdue-list > li").EvaluateAllAsync<string[]>("nodes => nodes.map(node => node.dataset.agreement)")];

        Assert.NotEmpty(expected);
        Assert.Equal(expected, cardIds);
        ILocator card = page.Locator($"#overdue-list > li[data-agreement='{ReadOnlyAgreement}']");
        await card.Locator("button[aria-controls]").ClickAsync();
        Assert.Equal("true", await card.Locator("button[aria-controls]").GetAttributeAsync("aria-expanded"));
        await card.Locator("form[id$='-extend']").WaitForAsync();
        Assert.Equal(1, await card.Locator("form[id$='-registry'], p:has-text('no té cap balanç presentat')").CountAsync());
        Assert.Equal(1, await card.Locator("form[id$='-reminder']").CountAsync());
        await PageChecks.AssertAccessibleAsync(page, "OTPC dashboard with a card's actions open");
        await PageChecks.ScreenshotsAsync(page, "otpc-overdue-actions");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task Extension_FromOverdueList_MovesNextDueDate()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, "otpc/", "dashboard");
        JsonElement before = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{ExtendedAgreement}");
        Assert.Equal("derivat-otpc", before.GetProperty("status").GetProperty("code").GetString());
        string newDueDate = Today().AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        ILocator card = page.Locator($"#overdue-list > li[data-agreement='{ExtendedAgreement}']");
        await card.Locator("button[aria-controls]").ClickAsync();
        ILocator form = card.Locator("form[id$='-extend']");
        await form.WaitForAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        ILocator dateError = form.Locator("[id$='-extend-new-date-error']");
        await Assertions.Expect(dateError).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await dateError.InnerTextAsync()));
        Assert.True(await form.Locator(".error-summary").EvaluateAsync<bool>("node => node === document.activeElement"), "The action's error summary does not have the focus.");
        Assert.Contains(await dateError.InnerTextAsync(), await form.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);

        await form.Locator("input[type=date]").FillAsync(newDueDate);
        await form.Locator("input[id$='-extend-reason']").FillAsync("Canvi de junta directiva");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#page-notice")).ToContainTextAsync($"El termini del conveni {ExtendedAgreement} s'ha prorrogat");

        JsonElement after = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{ExtendedAgreement}");
        Assert.Equal(newDueDate, after.GetProperty("nextDueDate").GetString());
        Assert.NotEqual("derivat-otpc", after.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(0, await page.Locator($"#overdue-list > li[data-agreement='{ExtendedAgreement}']").CountAsync());
        Assert.True(await page.Locator("#page-notice").EvaluateAsync<bool>("node => node === document.activeElement"), "The notice does not have the focus.");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task AgreementPage_ShowsHistoryAndPdf()
    {
        await this.EnsureSubmissionAsync(RegisteredAgreement);
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        await context.Clock.InstallAsync();
        IPage page = await this.SignInAsync(context, $"otpc/?agreement={RegisteredAgreement}", "agreement");
        int detailRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains($"/api/otpc/agreements/{RegisteredAgreement}?", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref detailRequests);
            }
        };

        Assert.Contains(RegisteredAgreement, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#history li[data-kind='escalation']").CountAsync() > 0, "The history shows no escalation.");
        Assert.True(await page.Locator("#history li[data-kind='submission']").CountAsync() > 0, "The history shows no submission.");
        Assert.True(await page.Locator("#due-dates tbody tr").CountAsync() > 0, "The page lists no due dates.");
        Assert.DoesNotContain("undefined", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#submissions .pdf-link").First.ClickAsync());
        string pdfPath = Path.Combine(SiteFixture.ScreenshotFolder, "otpc-agreement-balance.pdf");
        await download.SaveAsAsync(pdfPath);
        byte[] pdf = await File.ReadAllBytesAsync(pdfPath);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Equal(0, detailRequests);

        // Links older than ten minutes may have expired, so the page fetches fresh ones before the download.
        await page.Clock.FastForwardAsync("11:00");
        IDownload later = await page.RunAndWaitForDownloadAsync(() => page.Locator("#submissions .pdf-link").First.ClickAsync());
        byte[] laterPdf = await File.ReadAllBytesAsync(await later.PathAsync());
        Assert.Equal("%PDF", Encoding.ASCII.GetString(laterPdf, 0, 4));
        Assert.Equal(1, detailRequests);
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task RegistryEntry_FromAgreementPage_Recorded()
    {
        string submissionId = await this.EnsureSubmissionAsync(RegisteredAgreement);
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, $"otpc/?agreement={RegisteredAgreement}", "agreement");
        string today = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.Locator("#agreement-registry-submission").SelectOptionAsync(submissionId);
        await page.Locator("#agreement-registry-number").FillAsync("E2026/765432");
        await page.Locator("#agreement-registry-date").FillAsync(today);
        await page.Locator("#agreement-registry button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#page-notice")).ToContainTextAsync("S'ha anotat l'assentament E2026/765432");

        JsonElement agreement = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{RegisteredAgreement}");
        JsonElement submission = agreement.GetProperty("submissions").EnumerateArray().Single(item => item.GetProperty("submissionId").GetString() == submissionId);
        Assert.Equal("E2026/765432", submission.GetProperty("registryNumber").GetString());
        Assert.Equal(today, submission.GetProperty("registryDate").GetString());
        Assert.Equal("otpc", submission.GetProperty("registeredBy").GetString());
        await Assertions.Expect(page.Locator($"#submissions article[data-submission='{submissionId}'] .registry-recorded")).ToContainTextAsync("E2026/765432");
        Assert.True(await page.Locator("#history li[data-kind='registry-entry-recorded']").CountAsync() > 0, "The history does not show the registry entry.");
        await PageChecks.AssertAccessibleAsync(page, "OTPC agreement page after a registry entry");
        await PageChecks.ScreenshotsAsync(page, "otpc-agreement-registered");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task Reminder_ResentFromAgreementPage()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, $"otpc/?agreement={ReadOnlyAgreement}", "agreement");
        int resentBefore = await page.Locator("#history li[data-kind='reminder-resent']").CountAsync();

        await page.Locator("#agreement-reminder button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#page-notice")).ToContainTextAsync($"S'ha reenviat el recordatori del conveni {ReadOnlyAgreement}");
        Assert.True(await page.Locator("#page-notice").EvaluateAsync<bool>("node => node === document.activeElement"), "The notice does not have the focus.");
        Assert.Equal(resentBefore + 1, await page.Locator("#history li[data-kind='reminder-resent']").CountAsync());
        IReadOnlyList<MimeMessage> mails = await fixture.Smtp.WaitForAsync(
            message => TestSmtpServer.IdStartsWith(message, $"{ReadOnlyAgreement}.reminder-resent"), resentBefore + 1, TimeSpan.FromSeconds(30));
        Assert.Equal(resentBefore + 1, mails.Count);
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task List_FiltersPagesAndDownloads()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, "otpc/?view=list", "list");
        int total = (await fixture.OfficeGetJsonAsync("api/otpc/counts")).GetProperty("total").GetInt32();

        Assert.Equal(Math.Min(50, total), await page.Locator("#agreements-table tbody tr").CountAsync());
        // Pages of 50: the button shows until the last page, so a few more clicks than pages is the limit.
        for (int clicks = 0; clicks <= (total / 50) + 1 && await page.Locator("#load-more").IsVisibleAsync(); clicks++)
        {
            int rowCount = await page.Locator("#agreements-table tbody tr").CountAsync();
            await page.Locator("#load-more").ClickAsync();
            await Assertions.Expect(page.Locator("#agreements-table tbody tr")).Not.ToHaveCountAsync(rowCount);
        }

        Assert.False(await page.Locator("#load-more").IsVisibleAsync(), "The load-more button still shows after the last page.");
        Assert.Equal("list-count", await ActiveIdAsync(page));
        Assert.Equal(total, await page.Locator("#agreements-table tbody tr").CountAsync());
        Assert.Equal(total, (await RowIdsAsync(page, "#agreements-table")).Distinct().Count());

        await page.Locator("#filter-district").SelectOptionAsync("Gràcia");
        await page.Locator("#filter-sort").SelectOptionAsync("name");
        await page.Locator("#filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("district=Gr", StringComparison.Ordinal));
        await page.Locator("main[data-view='list']").WaitForAsync();
        List<string> expected = await this.ListIdsAsync("district=Gr%C3%A0cia&sort=name");
        Assert.Equal(expected, await RowIdsAsync(page, "#agreements-table"));

        IDownload csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-csv").ClickAsync());
        byte[] csvBytes = await File.ReadAllBytesAsync(await csv.PathAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        string[] lines = Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(';', lines[0]);
        Assert.Equal(expected.Count + 1, lines.Length);
        await Assertions.Expect(page.Locator("#download-status")).ToContainTextAsync(csv.SuggestedFilename);

        IDownload indicators = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-indicators").ClickAsync());
        Assert.True(new FileInfo(await indicators.PathAsync()).Length > 0, "The indicators export is empty.");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task List_InvalidFilter_ProblemBesideField()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, "otpc/?view=list&dueFrom=2027-01-10&dueTo=2027-01-01", "list");

        ILocator error = page.Locator("#filter-due-to-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        Assert.Contains("posterior a la inicial", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#filter-due-to").GetAttributeAsync("aria-invalid"));
        Assert.Contains(await error.InnerTextAsync(), await page.Locator("#filter-errors").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#agreements-table").CountAsync());
        await PageChecks.AssertAccessibleAsync(page, "OTPC list with an invalid filter");
        await PageChecks.ScreenshotsAsync(page, "otpc-list-invalid-filter");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task Spanish_SwitchTranslatesEveryView()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync("es-ES");
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, "otpc/", "dashboard");

        await page.Locator("#language-switch").ClickAsync();

        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Panel de la OTPC", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Fuera de plazo", await page.Locator("a[data-tile='fora-de-termini'] .tile-label").InnerTextAsync());
        Assert.Equal("Ir al contenido", await page.Locator("#skip-link").InnerTextAsync());
        Assert.True(await page.Locator("#language-switch").EvaluateAsync<bool>("node => node === document.activeElement"), "The language switch lost the focus.");
        Assert.StartsWith("Panel de la OTPC", await page.TitleAsync(), StringComparison.Ordinal);

        await page.Locator(".site-nav a[href='?view=list']").ClickAsync();
        await page.Locator("main[data-view='list']").WaitForAsync();
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Convenios", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Aplicar los filtros", await page.Locator("#filters button[type=submit]").InnerTextAsync());
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task KeyboardOnly_MainActions()
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(this.Url("otpc/"));
        await page.Locator("main[data-view='sign-in']").WaitForAsync();

        await FormDriver.TabToAsync(page, "#otpc-key");
        await page.Keyboard.TypeAsync(SiteFixture.OfficeKey);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("main[data-view='dashboard']").WaitForAsync();
        Assert.Equal("page-title", await ActiveIdAsync(page));

        await FormDriver.TabToAsync(page, "a[data-tile='termini-proper']");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("main[data-view='list']").WaitForAsync();
        Assert.Equal("termini-proper", await page.Locator("#filter-status").InputValueAsync());

        await FormDriver.TabToAsync(page, ".site-nav a[href='?view=list']");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("main[data-view='list'] #agreements-table").WaitForAsync();
        await FormDriver.TabToAsync(page, "#load-more");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#agreements-table tbody tr")).ToHaveCountAsync(100);

        await FormDriver.TabToAsync(page, ".site-nav a[href='./']");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("main[data-view='dashboard']").WaitForAsync();
        ILocator card = page.Locator($"#overdue-list > li[data-agreement='{ReadOnlyAgreement}']");
        await FormDriver.TabToAsync(page, $"#overdue-list > li[data-agreement='{ReadOnlyAgreement}'] button[aria-controls]");
        await page.Keyboard.PressAsync("Enter");
        await card.Locator("form[id$='-extend']").WaitForAsync();
        await FormDriver.TabToAsync(page, $"#overdue-list > li[data-agreement='{ReadOnlyAgreement}'] form[id$='-extend'] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card.Locator("[id$='-extend-new-date-error']")).ToBeVisibleAsync();
        Assert.EndsWith("-extend-errors", await ActiveIdAsync(page), StringComparison.Ordinal);

        await FormDriver.TabToAsync(page, "#language-switch");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("language-switch", await ActiveIdAsync(page));

        await page.GotoAsync(this.Url($"otpc/?agreement={ReadOnlyAgreement}"));
        await page.Locator("main[data-view='agreement']").WaitForAsync();
        await FormDriver.TabToAsync(page, "#agreement-extend button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#agreement-extend-new-date-error")).ToBeVisibleAsync();
        Assert.Equal("agreement-extend-errors", await ActiveIdAsync(page));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("agreement-extend-new-date", await ActiveIdAsync(page));
        Assert.Empty(foreign);
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("es")]
    public async Task EveryView_NoWcagViolations(string language)
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync(language == "es" ? "es-ES" : "ca-ES");
        await using IBrowserContext owned = context;
        IPage page = await this.SignInAsync(context, $"otpc/?lang={language}", "dashboard");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        await PageChecks.AssertAccessibleAsync(page, $"OTPC dashboard ({language})");
        await PageChecks.ScreenshotsAsync(page, $"otpc-dashboard-{language}");

        await page.GotoAsync(this.Url("otpc/?view=list&status=al-dia"));
        await page.Locator("main[data-view='list']").WaitForAsync();
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        await PageChecks.AssertAccessibleAsync(page, $"OTPC list ({language})");
        await PageChecks.ScreenshotsAsync(page, $"otpc-list-{language}");

        await page.GotoAsync(this.Url($"otpc/?agreement={ReadOnlyAgreement}"));
        await page.Locator("main[data-view='agreement']").WaitForAsync();
        await PageChecks.AssertAccessibleAsync(page, $"OTPC agreement page ({language})");
        await PageChecks.ScreenshotsAsync(page, $"otpc-agreement-{language}");
        Assert.Empty(foreign);
    }

    private static DateOnly Today() => MadridTime.LocalDate(DateTimeOffset.UtcNow);

    private static async Task<string> ActiveIdAsync(IPage page) => await page.EvaluateAsync<string>("document.activeElement?.id || ''");

    private static async Task<List<string>> RowIdsAsync(IPage page, string tableSelector) =>
        [.. await page.Locator($"{tableSelector} tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.agreement)")];

    private string Url(string path) => new Uri(fixture.BaseAddress, path).ToString();

    /// <summary>Opens a page, signs in with the office key and waits until the view has loaded.</summary>
    private async Task<IPage> SignInAsync(IBrowserContext context, string path, string view)
    {
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(this.Url(path));
        await page.Locator("#otpc-key").FillAsync(SiteFixture.OfficeKey);
        await page.Locator("#sign-in-button").ClickAsync();
        await page.Locator($"main[data-view='{view}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }

    /// <summary>Follows the continuation tokens of an agreement list query and returns every item.</summary>
    private async Task<List<JsonElement>> ListAllAsync(string query)
    {
        List<JsonElement> items = [];
        string? continuation = null;
        do
        {
            string path = $"api/otpc/agreements?{query}&pageSize=200" + (continuation is null ? string.Empty : $"&continuation={Uri.EscapeDataString(continuation)}");
            JsonElement page = await fixture.OfficeGetJsonAsync(path);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.Clone()));
            continuation = page.TryGetProperty("continuation", out JsonElement next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        return items;
    }

    private async Task<List<string>> ListIdsAsync(string query) =>
        [.. (await this.ListAllAsync(query)).Select(item => item.GetProperty("agreementId").GetString()!)];

    /// <summary>Files the full sample balance for an agreement unless it has a submission already, and returns the first submission's id.</summary>
    private async Task<string> EnsureSubmissionAsync(string agreementId)
    {
        JsonElement agreement = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
        JsonElement submissions = agreement.GetProperty("submissions");
        if (submissions.GetArrayLength() > 0)
        {
            return submissions[0].GetProperty("submissionId").GetString()!;
        }

        JsonObject body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SiteFixture.RepositoryRoot, "data", "balances", "valid-full.json")))!.AsObject();
        body["agreementId"] = agreementId;
        body["token"] = agreement.GetProperty("submissionToken").GetString();
        using HttpResponseMessage response = await fixture.Client.PostAsJsonAsync("api/balances", body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"Filing a balance for {agreementId} returned {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text).GetProperty("submissionId").GetString()!;
    }
}
