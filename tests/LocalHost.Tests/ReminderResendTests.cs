using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BalancFunctions.Tests.Support;
using MimeKit;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>The OTPC's request to e-mail an entity its reminder again, through the LocalHost, with the in-process SMTP server.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class ReminderResendTests(LocalHostFixture fixture)
{
    /// <summary>An agreement whose first open due date is months away, which no other test changes.</summary>
    private const string OpenAgreement = "PC-2026-0007";

    [Fact]
    public async Task Resend_SameRequestIdTwice_SendsOneEmail()
    {
        await fixture.WaitForSeedAsync();
        string requestId = NewRequestId();
        string dueDate = await FirstOpenDueDateAsync(OpenAgreement);

        using HttpResponseMessage first = await this.PostAsync(OpenAgreement, requestId);
        using HttpResponseMessage repeat = await this.PostAsync(OpenAgreement, requestId);
        JsonElement firstEntry = await first.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement repeatEntry = await repeat.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{OpenAgreement}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("sent", firstEntry.GetProperty("outcome").GetString());
        Assert.Equal(firstEntry.GetProperty("doneAtUtc").GetString(), repeatEntry.GetProperty("doneAtUtc").GetString());
        MimeMessage message = Assert.Single(fixture.Smtp.Matching(Resent(OpenAgreement, requestId)));
        Assert.StartsWith("Recordatori: Balanç Comunitari", message.Subject, StringComparison.Ordinal);
        JsonElement logged = Assert.Single(detail.GetProperty("log").EnumerateArray(), entry => entry.GetProperty("detail").GetString()?.Contains(requestId, StringComparison.Ordinal) == true);
        Assert.Equal("reminder-resent", logged.GetProperty("step").GetString());
        Assert.Equal("otpc", logged.GetProperty("actor").GetString());
        Assert.Equal(dueDate, logged.GetProperty("dueDate").GetString());
        Assert.Equal("sent", logged.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Resend_DifferentRequestIds_SendsTwoEmails()
    {
        await fixture.WaitForSeedAsync();
        string firstId = NewRequestId();
        string secondId = NewRequestId();

        using HttpResponseMessage first = await this.PostAsync(OpenAgreement, firstId);
        using HttpResponseMessage second = await this.PostAsync(OpenAgreement, secondId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(fixture.Smtp.Matching(Resent(OpenAgreement, firstId)));
        Assert.Single(fixture.Smtp.Matching(Resent(OpenAgreement, secondId)));
    }

    [Theory]
    [InlineData("PC-2023-0050", "agreement-finished")]
    [InlineData("PC-2024-0003", "no-open-due-date")]
    public async Task Resend_NoOpenDueDate_Returns409AndSendsNothing(string agreementId, string code)
    {
        await fixture.WaitForSeedAsync();
        string requestId = NewRequestId();
        int logRowsBefore = (await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}")).GetProperty("log").GetArrayLength();

        using HttpResponseMessage catalan = await this.PostAsync(agreementId, requestId);
        using HttpResponseMessage spanish = await this.PostAsync(agreementId, requestId, "es");
        JsonElement catalanProblem = await catalan.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement spanishProblem = await spanish.Content.ReadFromJsonAsync<JsonElement>();
        int logRowsAfter = (await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}")).GetProperty("log").GetArrayLength();

        Assert.Equal(HttpStatusCode.Conflict, catalan.StatusCode);
        Assert.Equal("application/problem+json", catalan.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, catalanProblem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("No hi ha cap termini obert", catalanProblem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, spanish.StatusCode);
        Assert.Equal("No hay ningún plazo abierto", spanishProblem.GetProperty("title").GetString());
        Assert.Equal(logRowsBefore, logRowsAfter);
        Assert.Empty(fixture.Smtp.Matching(Resent(agreementId, requestId)));
    }

    [Fact]
    public async Task Resend_UnknownAgreement_Returns404()
    {
        await fixture.WaitForSeedAsync();

        using HttpResponseMessage response = await this.PostAsync("PC-9999-0000", NewRequestId());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Returns a request id as a dashboard would generate it: a fresh one per click.</summary>
    private static string NewRequestId() => "test-" + Guid.NewGuid().ToString("N");

    private static Func<MimeMessage, bool> Resent(string agreementId, string requestId) =>
        message => TestSmtpServer.IdStartsWith(message, $"{agreementId}.reminder-resent.") && message.MessageId?.EndsWith($".{requestId}@balancfunctions", StringComparison.Ordinal) == true;

    private async Task<string> FirstOpenDueDateAsync(string agreementId)
    {
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
        return detail.GetProperty("dueDates").EnumerateArray().First(due => !due.GetProperty("covered").GetBoolean()).GetProperty("date").GetString()!;
    }

    private async Task<HttpResponseMessage> PostAsync(string agreementId, string requestId, string? language = null)
    {
        using HttpRequestMessage request = new(HttpMethod.Post, $"api/otpc/agreements/{agreementId}/reminders") { Content = JsonContent.Create(new { requestId }) };
        request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await fixture.Client.SendAsync(request);
    }
}
