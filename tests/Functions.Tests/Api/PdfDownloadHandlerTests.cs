using System.Text;
using System.Text.Json;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Functions.Tests.Api;

/// <summary>The PDF download with the OTPC's signed link, on a clock the test moves.</summary>
[Collection(StorageTestGroup.Name)]
public sealed class PdfDownloadHandlerTests(StorageFixture fixture)
{
    private const string SubmissionId = "0123456789abcdef0123";

    [Fact]
    public async Task OfficeLink_BeforeExpiry_ReturnsPdf()
    {
        ManualClock clock = new(DateTimeOffset.UtcNow);
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, clock);
        string agreementId = await StoreSubmissionAsync(services);
        Uri link = services.GetRequiredService<Links>().OfficePdf(agreementId, SubmissionId, clock.Now);
        clock.Now += Links.OfficePdfLifetime - TimeSpan.FromSeconds(1);

        ApiResult result = await services.GetRequiredService<PdfDownloadHandler>().HandleAsync(ApiHarness.Get(link.Query), agreementId, SubmissionId, CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("application/pdf", result.ContentType);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(result.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficeLink_AtExpiry_Returns403Localized()
    {
        ManualClock clock = new(DateTimeOffset.UtcNow);
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, clock);
        string agreementId = await StoreSubmissionAsync(services);
        Uri link = services.GetRequiredService<Links>().OfficePdf(agreementId, SubmissionId, clock.Now);
        clock.Now += Links.OfficePdfLifetime;
        PdfDownloadHandler handler = services.GetRequiredService<PdfDownloadHandler>();

        ApiResult catalan = await handler.HandleAsync(ApiHarness.Get(link.Query), agreementId, SubmissionId, CancellationToken.None);
        ApiResult spanish = await handler.HandleAsync(ApiHarness.Get(link.Query, "es-ES,es;q=0.9"), agreementId, SubmissionId, CancellationToken.None);

        Assert.Equal(403, catalan.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", catalan.ContentType);
        JsonElement problem = ApiHarness.Json(catalan);
        Assert.Equal("urn:balancfunctions:problem:link-expired", problem.GetProperty("type").GetString());
        Assert.Equal("L'enllaç ha caducat", problem.GetProperty("title").GetString());
        Assert.Equal("expires", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(403, spanish.StatusCode);
        Assert.Equal("El enlace ha caducado", ApiHarness.Json(spanish).GetProperty("title").GetString());
    }

    [Fact]
    public async Task OfficeLink_WithWrongTokenBeside_Returns403()
    {
        ManualClock clock = new(DateTimeOffset.UtcNow);
        await using ServiceProvider services = await ApiHarness.StartAsync(fixture, clock);
        string agreementId = await StoreSubmissionAsync(services);
        Uri link = services.GetRequiredService<Links>().OfficePdf(agreementId, SubmissionId, clock.Now);

        ApiResult result = await services.GetRequiredService<PdfDownloadHandler>().HandleAsync(ApiHarness.Get(link.Query + "&token=wrong"), agreementId, SubmissionId, CancellationToken.None);

        Assert.Equal(403, result.StatusCode);
        Assert.Equal("token", ApiHarness.Json(result).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    /// <summary>Stores a submission row and its PDF blob, and returns the agreement's id.</summary>
    private static async Task<string> StoreSubmissionAsync(IServiceProvider services)
    {
        string agreementId = "PC-" + TestServices.UniqueSuffix().ToUpperInvariant();
        string blobName = PdfStore.BlobName(agreementId, SubmissionId);
        AgreementRepository repository = services.GetRequiredService<AgreementRepository>();
        await repository.Table.AddEntityAsync(new SubmissionEntity
        {
            PartitionKey = agreementId,
            RowKey = RowKeys.Submission(SubmissionId),
            SubmissionId = SubmissionId,
            PdfBlobName = blobName,
            SubmittedAtUtc = DateTimeOffset.UtcNow,
        });
        Assert.True(await services.GetRequiredService<PdfStore>().TryUploadAsync(blobName, Encoding.ASCII.GetBytes("%PDF-1.7 test"), CancellationToken.None));
        return agreementId;
    }
}
