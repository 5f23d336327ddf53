using System.Text.Json;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BalancFunctions.Functions.Tests.Api;

/// <summary>The OTPC's request to send a reminder again, against a real SMTP server that can refuse or reject.</summary>
[Collection(StorageTestGroup.Name)]
public sealed class ReminderResendHandlerTests(StorageFixture fixture)
{
    [Fact]
    public async Task Resend_SmtpRefusesOnce_ReleasesClaimForRetry()
    {
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, TimeProvider.System);
        Agreement agreement = await StoreAsync(services, monthsSinceStart: 6);
        ReminderResendHandler handler = services.GetRequiredService<ReminderResendHandler>();
        fixture.Smtp.RefuseNext(1);

        ApiResult refused = await handler.HandleAsync(ApiHarness.PostJson(new { requestId = "retry-0001" }), agreement.AgreementId, CancellationToken.None);
        LogEntity? afterRefusal = await GetLogAsync(services, agreement.AgreementId, "retry-0001");
        ApiResult retried = await handler.HandleAsync(ApiHarness.PostJson(new { requestId = "retry-0001" }), agreement.AgreementId, CancellationToken.None);

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("mail-unavailable", ApiHarness.Json(refused).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Null(afterRefusal);
        Assert.Equal(200, retried.StatusCode);
        Assert.Equal("sent", ApiHarness.Json(retried).GetProperty("outcome").GetString());
        Assert.Single(fixture.Smtp.Matching(Resent(agreement.AgreementId)));
    }

    [Fact]
    public async Task Resend_MailboxRejected_RecordsUndeliverableOnce()
    {
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, TimeProvider.System);
        Agreement agreement = await StoreAsync(services, monthsSinceStart: 6);
        ReminderResendHandler handler = services.GetRequiredService<ReminderResendHandler>();
        fixture.Smtp.RejectRecipient(agreement.ContactEmail);
        int refusalsBefore = fixture.Smtp.Refusals;

        ApiResult first = await handler.HandleAsync(ApiHarness.PostJson(new { requestId = "rejected-0001" }), agreement.AgreementId, CancellationToken.None);
        ApiResult repeat = await handler.HandleAsync(ApiHarness.PostJson(new { requestId = "rejected-0001" }), agreement.AgreementId, CancellationToken.None);
        LogEntity? entry = await GetLogAsync(services, agreement.AgreementId, "rejected-0001");

        Assert.Equal(502, first.StatusCode);
        Assert.Equal("mail-rejected", ApiHarness.Json(first).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(502, repeat.StatusCode);
        Assert.Equal(1, fixture.Smtp.Refusals - refusalsBefore);
        Assert.Equal("undeliverable", entry?.Outcome);
        Assert.Empty(fixture.Smtp.Matching(Resent(agreement.AgreementId)));
    }

    [Fact]
    public async Task Resend_OverdueDueDate_AlsoMailsRepresentative()
    {
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, TimeProvider.System);
        Agreement agreement = await StoreAsync(services, monthsSinceStart: 13);
        DateOnly dueDate = agreement.StartDate.AddMonths(12);

        ApiResult result = await services.GetRequiredService<ReminderResendHandler>().HandleAsync(ApiHarness.PostJson(new { requestId = "overdue-0001" }), agreement.AgreementId, CancellationToken.None);
        JsonElement entry = ApiHarness.Json(result);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(dueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.GetProperty("dueDate").GetString());
        Assert.Equal("overdue-notice", entry.GetProperty("detail").GetProperty("email").GetString());
        Assert.Equal("contact,representative", entry.GetProperty("recipients").GetString());
        MimeMessage message = Assert.Single(fixture.Smtp.Matching(Resent(agreement.AgreementId)));
        Assert.Contains("fora de termini", message.Subject, StringComparison.Ordinal);
        Assert.Equal([agreement.ContactEmail, agreement.RepresentativeEmail], message.To.Mailboxes.Select(mailbox => mailbox.Address));
    }

    [Fact]
    public async Task Resend_RequestStillPending_Returns202AndSendsNothing()
    {
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, TimeProvider.System);
        Agreement agreement = await StoreAsync(services, monthsSinceStart: 6);
        AgreementRepository repository = services.GetRequiredService<AgreementRepository>();
        await repository.Table.AddEntityAsync(new LogEntity
        {
            PartitionKey = agreement.AgreementId,
            RowKey = RowKeys.OfficeRequest(ReminderResendHandler.Action, "pending-0001"),
            Kind = "action",
            Step = ReminderResendHandler.Action,
            Outcome = "pending",
            Detail = "{}",
            DoneAtUtc = DateTimeOffset.UtcNow,
        });

        ApiResult result = await services.GetRequiredService<ReminderResendHandler>().HandleAsync(ApiHarness.PostJson(new { requestId = "pending-0001" }), agreement.AgreementId, CancellationToken.None);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal("pending", ApiHarness.Json(result).GetProperty("outcome").GetString());
        Assert.Empty(fixture.Smtp.Matching(Resent(agreement.AgreementId)));
    }

    [Fact]
    public async Task Resend_EndedEarly_Returns409InSpanish()
    {
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, TimeProvider.System);
        Agreement agreement = await StoreAsync(services, monthsSinceStart: 6);
        AgreementRepository repository = services.GetRequiredService<AgreementRepository>();
        AgreementEntity entity = (await repository.GetAgreementAsync(agreement.AgreementId, CancellationToken.None))!;
        entity.EndedEarlyOn = AgreementEntity.FormatDate(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10));
        entity.EndDate = entity.EndedEarlyOn!;
        await repository.Table.UpdateEntityAsync(entity, entity.ETag);

        ApiResult result = await services.GetRequiredService<ReminderResendHandler>().HandleAsync(ApiHarness.PostJson(new { requestId = "ended-0001" }, "es"), agreement.AgreementId, CancellationToken.None);
        JsonElement problem = ApiHarness.Json(result);

        Assert.Equal(409, result.StatusCode);
        Assert.Equal("agreement-finished", problem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.StartsWith("El convenio está finalizado", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await GetLogAsync(services, agreement.AgreementId, "ended-0001"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("with space 0001")]
    [InlineData("acció-00000001")]
    [InlineData("log|request|x-0001")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Resend_InvalidRequestId_Returns422AndSendsNothing(string? requestId)
    {
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, TimeProvider.System);
        Agreement agreement = await StoreAsync(services, monthsSinceStart: 6);

        ApiResult result = await services.GetRequiredService<ReminderResendHandler>().HandleAsync(ApiHarness.PostJson(new { requestId }), agreement.AgreementId, CancellationToken.None);

        Assert.Equal(422, result.StatusCode);
        Assert.Equal("requestId", ApiHarness.Json(result).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Empty(fixture.Smtp.Matching(Resent(agreement.AgreementId)));
    }

    /// <summary>Stores an agreement that started the given number of months ago, with a yearly balance and no balance filed yet.</summary>
    private static async Task<Agreement> StoreAsync(IServiceProvider services, int monthsSinceStart)
    {
        AgreementRepository repository = services.GetRequiredService<AgreementRepository>();
        string agreementId = "PC-" + TestServices.UniqueSuffix().ToUpperInvariant();
        DateOnly today = MadridTime.LocalDate(DateTimeOffset.UtcNow);
        Agreement agreement = TestServices.Agreement(agreementId, today.AddMonths(-monthsSinceStart), today.AddYears(3));
        await TestServices.StoreAsync(repository, agreement);
        return agreement;
    }

    private static Task<LogEntity?> GetLogAsync(IServiceProvider services, string agreementId, string requestId) =>
        services.GetRequiredService<AgreementRepository>().GetLogAsync(agreementId, RowKeys.OfficeRequest(ReminderResendHandler.Action, requestId), CancellationToken.None);

    private static Func<MimeMessage, bool> Resent(string agreementId) =>
        message => TestSmtpServer.IdStartsWith(message, $"{agreementId}.{ReminderResendHandler.Action}.");
}
