using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>The OTPC's actions and the registry entry through the LocalHost's HTTP API.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class OfficeActionsTests(LocalHostFixture fixture)
{
    private static readonly string[] InvalidOffsets = ["P30X"];
    private static readonly string[] ValidOffsets = ["P14D", "P2D"];

    [Fact]
    public async Task Extension_ValidDate_LoggedWithActorAndShown()
    {
        await fixture.WaitForSeedAsync();
        (string agreementId, string dueDate) = await this.FindOpenDueDateAsync("PC-2026-0061");
        string newDueDate = DateOnly.Parse(dueDate, System.Globalization.CultureInfo.InvariantCulture).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Post, $"api/otpc/agreements/{agreementId}/extensions", new { dueDate, newDueDate, reason = "Canvi de junta" });
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement extended = detail.GetProperty("dueDates").EnumerateArray().Single(due => due.GetProperty("date").GetString() == dueDate);
        Assert.Equal(newDueDate, extended.GetProperty("extendedTo").GetString());
        JsonElement action = detail.GetProperty("log").EnumerateArray().Single(entry => entry.GetProperty("step").GetString() == "due-date-extended");
        Assert.Equal("otpc", action.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Extension_EarlierDate_Returns422WithField()
    {
        await fixture.WaitForSeedAsync();
        (string agreementId, string dueDate) = await this.FindOpenDueDateAsync("PC-2021-0065");

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Post, $"api/otpc/agreements/{agreementId}/extensions", new { dueDate, newDueDate = "2001-01-01" });
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("newDueDate", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Renewal_NewEndDate_Stored()
    {
        await fixture.WaitForSeedAsync();
        JsonElement before = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2006-0034");
        DateOnly end = DateOnly.Parse(before.GetProperty("agreement").GetProperty("endDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        string newEndDate = end.AddYears(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Post, "api/otpc/agreements/PC-2006-0034/renewals", new { newEndDate, kind = "prorroga" });
        JsonElement after = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2006-0034");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(newEndDate, after.GetProperty("agreement").GetProperty("endDate").GetString());
    }

    [Fact]
    public async Task Contacts_InvalidEmail_Returns422AndChangesNothing()
    {
        await fixture.WaitForSeedAsync();
        JsonElement before = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2019-0001");

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Put, "api/otpc/agreements/PC-2019-0001/contacts?lang=es", new { contactEmail = "not an address" });
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement after = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2019-0001");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("La dirección de correo electrónico no es válida.", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(before.GetProperty("agreement").GetProperty("contactEmail").GetString(), after.GetProperty("agreement").GetProperty("contactEmail").GetString());
    }

    [Fact]
    public async Task ReminderPolicy_Invalid_Returns422ThenValidStored()
    {
        await fixture.WaitForSeedAsync();

        using HttpResponseMessage invalid = await this.OfficeSendAsync(HttpMethod.Put, "api/otpc/agreements/PC-2023-0012/reminder-policy", new { before = InvalidOffsets, localTime = "25:00" });
        using HttpResponseMessage valid = await this.OfficeSendAsync(HttpMethod.Put, "api/otpc/agreements/PC-2023-0012/reminder-policy", new { before = ValidOffsets, overdueRepeat = "R2/P7D", localTime = "10:00" });
        JsonElement detail = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2023-0012");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("P14D", detail.GetProperty("reminderPolicy").GetProperty("before")[0].GetString());
    }

    [Fact]
    public async Task Registry_ByEntity_DecidesOnTimeByRegistryDate()
    {
        await fixture.WaitForSeedAsync();
        JsonObject body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "balances", "valid-minimal-es.json")))!.AsObject();
        string agreementId = body["agreementId"]!.GetValue<string>();
        string token = await fixture.TokenAsync(agreementId);
        body["token"] = token;
        using HttpResponseMessage submitted = await fixture.Client.PostAsJsonAsync("api/balances", body);
        string submissionId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString()!;
        string today = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using HttpResponseMessage wrongToken = await fixture.Client.PostAsJsonAsync($"api/agreements/{agreementId}/submissions/{submissionId}/registry", new { token = await fixture.TokenAsync("PC-2019-0001"), number = "E/2026/123456", date = today });
        using HttpResponseMessage recorded = await fixture.Client.PostAsJsonAsync($"api/agreements/{agreementId}/submissions/{submissionId}/registry", new { token, number = "E/2026/123456", date = today });
        JsonElement result = await recorded.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.True(HttpStatusCode.OK == recorded.StatusCode, result.ToString());
        Assert.Equal("registry", result.GetProperty("timeliness").GetProperty("basis").GetString());
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
        JsonElement stored = detail.GetProperty("submissions").EnumerateArray().Single(submission => submission.GetProperty("submissionId").GetString() == submissionId);
        Assert.Equal("E/2026/123456", stored.GetProperty("registryNumber").GetString());
    }

    [Fact]
    public async Task Submit_SamePeriodAgain_Returns409()
    {
        await fixture.WaitForSeedAsync();
        JsonObject body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "balances", "valid-full.json")))!.AsObject();
        body["agreementId"] = "PC-2018-0044";
        body["token"] = await fixture.TokenAsync("PC-2018-0044");
        using HttpResponseMessage first = await fixture.Client.PostAsJsonAsync("api/balances", body);
        body["answers"]!["DG02"] = 87;

        using HttpResponseMessage correction = await fixture.Client.PostAsJsonAsync("api/balances", body);
        JsonElement problem = await correction.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(first.IsSuccessStatusCode, $"first submission: {first.StatusCode}");
        Assert.Equal(HttpStatusCode.Conflict, correction.StatusCode);
        Assert.Equal("period-already-filed", problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Renewal_FarFutureDate_Returns422AndListStillWorks()
    {
        await fixture.WaitForSeedAsync();

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Post, "api/otpc/agreements/PC-2022-0080/renewals", new { newEndDate = "9999-12-31", kind = "prorroga" });
        using HttpResponseMessage list = await fixture.OfficeGetAsync("api/otpc/agreements?pageSize=200");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Extension_PastNextDueDate_Returns422()
    {
        await fixture.WaitForSeedAsync();
        JsonElement detail = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2025-0049");
        JsonElement[] open = [.. detail.GetProperty("dueDates").EnumerateArray().Where(due => !due.GetProperty("covered").GetBoolean())];
        Assert.True(open.Length >= 2, "the test needs an agreement with two open due dates");

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Post, "api/otpc/agreements/PC-2025-0049/extensions", new { dueDate = open[0].GetProperty("date").GetString(), newDueDate = open[1].GetProperty("date").GetString() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task EarlyEnd_SoonDate_EndsWithoutOverdueNotices()
    {
        await fixture.WaitForSeedAsync();
        string endDate = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Post, "api/otpc/agreements/PC-2026-0005/early-end", new { endDate, reason = "L'entitat deixa l'espai" });
        await Task.Delay(TimeSpan.FromSeconds(4));
        JsonElement detail = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2026-0005");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finalitzat", detail.GetProperty("status").GetProperty("code").GetString());
        Assert.Empty(fixture.Smtp.Matching(message => message.MessageId?.StartsWith("PC-2026-0005.overdue", StringComparison.Ordinal) == true));
        Assert.Empty(fixture.Smtp.Matching(message => message.MessageId?.StartsWith("PC-2026-0005.escalation", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Renewal_EndedAgreement_RestartsItsLifecycle()
    {
        await fixture.WaitForSeedAsync();
        JsonElement before = await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2023-0116");
        DateOnly end = DateOnly.Parse(before.GetProperty("agreement").GetProperty("endDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        string newEndDate = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow).AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using HttpResponseMessage response = await this.OfficeSendAsync(HttpMethod.Post, "api/otpc/agreements/PC-2023-0116/renewals", new { newEndDate, kind = "renovacio" });
        string? runtime = null;
        for (int attempt = 0; attempt < 40 && runtime != "Running"; attempt++)
        {
            await Task.Delay(250);
            runtime = (await fixture.OfficeGetJsonAsync("api/otpc/agreements/PC-2023-0116")).GetProperty("orchestration").GetProperty("runtimeStatus").GetString();
        }

        Assert.True(end < BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow), "the test needs an agreement that has ended");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Running", runtime);
    }

    [Fact]
    public async Task UnknownRoute_ReturnsProblemJson()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("api/balances");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> OfficeSendAsync(HttpMethod method, string path, object body)
    {
        using HttpRequestMessage request = new(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);
        return await fixture.Client.SendAsync(request);
    }

    /// <summary>Returns an agreement's first open due date, for an agreement no other test changes.</summary>
    private async Task<(string AgreementId, string DueDate)> FindOpenDueDateAsync(string agreementId)
    {
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
        string dueDate = detail.GetProperty("dueDates").EnumerateArray().First(due => !due.GetProperty("covered").GetBoolean()).GetProperty("date").GetString()!;
        return (agreementId, dueDate);
    }
}
