using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BalancFunctions.Domain.Calendar;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace BalancFunctions.EndToEnd.Tests;

/// <summary>The entities' site in chromium against the LocalHost: the form, the receipt, the registry page and the invalid-link page.</summary>
[Collection(SiteTestGroup.Name)]
public sealed partial class BalanceFormTests(SiteFixture fixture)
{
    private static readonly string[] InvalidSampleIds =
        ["DG01", "DG02", "DG04", "DG05", "PD02", "PD03", "PD05", "PD06a", "PD07", "PD08", "AT03", "IR06a", "IR07", "IR07a", "CP01", "CP03", "ZZ99"];

    [Fact]
    public async Task FullBalance_Catalan_FromReminderToPdf()
    {
        SampleBalance sample = await SampleBalance.LoadAsync("valid-full.json");
        string link = await PageChecks.ReminderLinkAsync(fixture, "PC-2019-0001");

        await this.FileBalanceAsync(sample, link, "ca", "Esborrany desat", "ca");
    }

    [Fact]
    public async Task MinimalBalance_Spanish_FromReminderToPdf()
    {
        SampleBalance sample = await SampleBalance.LoadAsync("valid-minimal-es.json");
        string link = await PageChecks.ReminderLinkAsync(fixture, "PC-2025-0017");

        await this.FileBalanceAsync(sample, link, "es", "Borrador guardado", "es");
    }

    [Fact]
    public async Task InvalidBalance_EachProblemBesideItsField()
    {
        SampleBalance sample = await SampleBalance.LoadAsync("invalid.json");
        string agreementId = await this.FileableAgreementAsync(skip: 0);
        string token = await fixture.TokenAsync(agreementId);
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"balanc/?agreement={agreementId}&token={Uri.EscapeDataString(token)}&lang=ca").ToString());
        await page.Locator("#balance-form").WaitForAsync();

        // The form cannot produce every mistake of invalid.json (a wrong type, an unknown id or
        // option), so the request carries the file's answers as they are.
        await FormDriver.FillWithMouseAsync(page, sample);
        await page.RouteAsync("**/api/balances*", async route =>
        {
            JsonObject body = JsonNode.Parse(route.Request.PostData!)!.AsObject();
            body["answers"] = JsonNode.Parse(sample.Answers.GetRawText());
            body["notAvailable"] = JsonNode.Parse(sample.NotAvailable.GetRawText());
            await route.ContinueAsync(new RouteContinueOptions { PostData = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()) });
        });
        await page.Locator("#submit-button").ClickAsync();
        ILocator summary = page.Locator("#error-summary");
        await summary.WaitForAsync();

        Assert.True(await summary.EvaluateAsync<bool>("node => node === document.activeElement"), "The error summary does not have the focus.");
        foreach (string id in InvalidSampleIds)
        {
            ILocator field = page.Locator($"#field-{id}");
            if (await field.CountAsync() == 1 && await field.IsVisibleAsync())
            {
                string message = await page.Locator($"#err-{id}").InnerTextAsync();
                Assert.False(string.IsNullOrWhiteSpace(message), $"{id}: no problem shown beside the field");
                Assert.Contains($"err-{id}", await DescribedByAsync(page, id), StringComparison.Ordinal);
                Assert.True(await summary.Locator($"a[data-target='{id}']").CountAsync() > 0, $"{id}: the summary has no link to the field");
            }
            else
            {
                Assert.Contains(id, await summary.InnerTextAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal("true", await page.Locator("#q-DG02").GetAttributeAsync("aria-invalid"));
        await page.Locator("#error-summary a[data-target='DG05']").ClickAsync();
        Assert.True(await page.Locator("#q-DG05").EvaluateAsync<bool>("node => node === document.activeElement"), "The summary link does not focus its field.");
        await PageChecks.AssertAccessibleAsync(page, "form with errors");
        await PageChecks.ScreenshotsAsync(page, "form-errors");
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task KeyboardOnly_CompletesBalance()
    {
        SampleBalance sample = await SampleBalance.LoadAsync("valid-full.json");
        string agreementId = await this.FileableAgreementAsync(skip: 1);
        string token = await fixture.TokenAsync(agreementId);
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"balanc/?agreement={agreementId}&token={Uri.EscapeDataString(token)}").ToString());
        await page.Locator("#balance-form").WaitForAsync();

        await FormDriver.FillWithKeyboardAsync(page, sample);
        await page.Locator("#receipt-title, #error-summary:not([hidden])").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.False(await page.Locator("#error-summary").IsVisibleAsync(), await page.Locator("#error-summary").InnerTextAsync());

        string receipt = await page.Locator("#receipt").InnerTextAsync();
        Assert.Matches(HashPattern(), receipt);
        Assert.True(await page.Locator("#receipt-title").EvaluateAsync<bool>("node => node === document.activeElement"), "The receipt heading does not have the focus.");
        Assert.Empty(foreign);
    }

    [Theory]
    [InlineData("balanc/?agreement=PC-2019-0001&token=not-a-token", "wrong-token")]
    [InlineData("balanc/?agreement=PC-2019-0001", "missing-token")]
    [InlineData("balanc/registre/?agreement=PC-2019-0001&submission=x&token=not-a-token", "registry-wrong-token")]
    public async Task InvalidLink_ErrorInBothLanguages(string path, string name)
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync();
        await using IBrowserContext owned = context;
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());
        await page.Locator("#link-error").WaitForAsync();

        string text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("L'enllaç no és vàlid", text, StringComparison.Ordinal);
        Assert.Contains("El enlace no es válido", text, StringComparison.Ordinal);
        Assert.Contains("Oficina Tècnica de Patrimoni Ciutadà (OTPC)", text, StringComparison.Ordinal);
        Assert.Contains("Oficina Técnica de Patrimonio Ciudadano (OTPC)", text, StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page, $"invalid link ({name})");
        await PageChecks.ScreenshotsAsync(page, $"error-{name}");
        Assert.Empty(foreign);
    }

    /// <summary>
    /// Opens the form from a link, fills it, leaves and comes back to the restored draft, submits,
    /// checks every answer in the downloaded PDF, and records the registry entry.
    /// </summary>
    private async Task FileBalanceAsync(SampleBalance sample, string link, string expectedLanguage, string draftSavedText, string prefix)
    {
        (IBrowserContext context, List<string> foreign) = await fixture.NewContextAsync(expectedLanguage == "es" ? "es-ES" : "ca-ES");
        await using IBrowserContext owned = context;
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.Locator("#balance-form").WaitForAsync();
        Assert.Equal(expectedLanguage, await page.Locator("html").GetAttributeAsync("lang"));
        await PageChecks.AssertAccessibleAsync(page, $"empty form ({prefix})");
        await PageChecks.ScreenshotsAsync(page, $"form-empty-{prefix}");

        await FormDriver.FillWithMouseAsync(page, sample);
        await page.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync(draftSavedText);
        await PageChecks.AssertAccessibleAsync(page, $"filled form ({prefix})");
        await PageChecks.ScreenshotsAsync(page, $"form-filled-{prefix}");

        await page.GotoAsync("about:blank");
        await page.GotoAsync(link);
        await page.Locator("#balance-form").WaitForAsync();
        await FormDriver.AssertShowsAsync(page, sample);

        await page.Locator("#submit-button").ClickAsync();
        await page.Locator("#receipt-title").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.DoesNotContain("null", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page, $"receipt ({prefix})");
        await PageChecks.ScreenshotsAsync(page, $"receipt-{prefix}");

        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#pdf-link").ClickAsync());
        string pdfPath = Path.Combine(SiteFixture.ScreenshotFolder, $"balance-{prefix}.pdf");
        await download.SaveAsAsync(pdfPath);
        string pdfText = PdfText(pdfPath);
        foreach ((string id, string text) in sample.PrintedAnswers())
        {
            Assert.True(pdfText.Contains(Collapse(text), StringComparison.Ordinal), $"{id}: '{text}' is not in the PDF");
        }

        string registryLink = await this.RecordRegistryAsync(page, expectedLanguage);
        await page.GotoAsync(registryLink);
        await page.Locator("#registry-form").WaitForAsync();
        Assert.Equal(RegistryDate(), await page.Locator("#registry-date").InputValueAsync());
        await PageChecks.AssertAccessibleAsync(page, $"registry page ({prefix})");
        await PageChecks.ScreenshotsAsync(page, $"registry-{prefix}");
        Assert.Empty(foreign);
    }

    /// <summary>Records a registry entry from the receipt and returns the registry page's link.</summary>
    private async Task<string> RecordRegistryAsync(IPage page, string language)
    {
        await page.Locator("#registry-number").FillAsync("E2026/123456");
        await page.Locator("#registry-date").FillAsync(RegistryDate());
        await page.Locator("#registry-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#registry-status")).ToContainTextAsync(language == "es" ? "Datos del registro guardados" : "Dades del registre desades");

        Uri current = new(page.Url);
        System.Collections.Specialized.NameValueCollection query = System.Web.HttpUtility.ParseQueryString(current.Query);
        string submissionId = await page.Locator("#receipt code").First.InnerTextAsync();
        return new Uri(fixture.BaseAddress, $"balanc/registre/?agreement={query["agreement"]}&submission={submissionId}&token={Uri.EscapeDataString(query["token"]!)}").ToString();
    }

    /// <summary>
    /// Returns a sample agreement, other than the two of the sample balances, that can file a balance
    /// now; <paramref name="skip"/> gives each test its own, so that no test meets another's draft.
    /// </summary>
    private async Task<string> FileableAgreementAsync(int skip)
    {
        JsonElement list = await fixture.Client.GetFromJsonAsync<JsonElement>("api/otpc/agreements?pageSize=200");
        foreach (JsonElement item in list.GetProperty("items").EnumerateArray())
        {
            string id = item.GetProperty("agreementId").GetString()!;
            if (id is "PC-2019-0001" or "PC-2025-0017")
            {
                continue;
            }

            string token = await fixture.TokenAsync(id);
            JsonElement view = await fixture.Client.GetFromJsonAsync<JsonElement>($"api/agreements/{id}?token={Uri.EscapeDataString(token)}");
            if (view.GetProperty("canFile").GetBoolean() && view.GetProperty("submissions").GetArrayLength() == 0 && skip-- == 0)
            {
                return id;
            }
        }

        throw new InvalidOperationException("No sample agreement can file a balance today.");
    }

    /// <summary>Today in Barcelona: the registry date must fall between the submission and today.</summary>
    private static string RegistryDate() =>
        MadridTime.LocalDate(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> DescribedByAsync(IPage page, string id) =>
        await page.EvaluateAsync<string>(
            "id => { const field = document.getElementById('field-' + id); const node = field.tagName === 'FIELDSET' ? field : document.getElementById('q-' + id); return node.getAttribute('aria-describedby') || ''; }",
            id);

    private static string PdfText(string path)
    {
        using PdfDocument document = PdfDocument.Open(path);
        return Collapse(string.Join(' ', document.GetPages().SelectMany(page => page.GetWords()).Select(word => word.Text)));
    }

    /// <summary>Collapses runs of white space (including no-break spaces) to one space.</summary>
    private static string Collapse(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex HashPattern();
}
