using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Pdf;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Domain.Submissions;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Storage;
using Xunit.Abstractions;

namespace BalancFunctions.LocalHost.Tests.Faults;

/// <summary>
/// A balance whose request died right after its table transaction, as when the process is killed
/// there: the PDF, the submission row and the agreement's coverage are stored, and neither the
/// event nor the read model's refresh is done. The LocalHost kill test reaches this state only
/// when the kill falls in that window; these tests build it directly.
/// </summary>
public sealed class InterruptedSubmissionTests(ITestOutputHelper output)
{
    /// <summary>The entity's repeated request gets 200, and the OTPC's list and counts show the balance at once.</summary>
    [Fact]
    public async Task Repeat_RefreshesReadModelAtOnce()
    {
        await using FaultHarness harness = await FaultHarness.StartAsync(output);
        (FaultRegister register, BalanceRequest request, SubmissionEntity stored) = await InterruptAsync(harness);
        FaultAgreement agreement = register.Agreements[0];
        FaultAudit audit = new(harness, register);
        byte[] pdfBefore = (await harness.PdfContainer.GetBlobClient(stored.PdfBlobName).DownloadContentAsync()).Value.Content.ToArray();

        using HttpClient client = SubmissionBurst.NewClient(harness.BaseAddress);
        SubmissionAttempt repeat = await SubmissionBurst.SendAsync(client, request);
        JsonElement list = await harness.Office.GetFromJsonAsync<JsonElement>("api/otpc/agreements?status=presentat");
        JsonElement counts = await harness.Office.GetFromJsonAsync<JsonElement>("api/otpc/counts");
        byte[] pdfAfter = (await harness.PdfContainer.GetBlobClient(stored.PdfBlobName).DownloadContentAsync()).Value.Content.ToArray();

        Assert.Equal((int)HttpStatusCode.OK, repeat.Status);
        Assert.Equal(stored.SubmissionId, repeat.Receipt!.SubmissionId);
        Assert.Equal(stored.SubmittedAtUtc, repeat.Receipt.SubmittedAtUtc);
        Assert.Equal(pdfBefore, pdfAfter);
        Assert.Equal(agreement.AgreementId, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("agreementId").GetString());
        Assert.Equal(1, counts.GetProperty("byStatus").GetProperty("presentat").GetInt32());
        Assert.Equal(1, counts.GetProperty("awaitingRegistration").GetInt32());
        Assert.Single(await audit.ListSubmissionRowsAsync());
        Assert.Empty(await audit.WaitUntilMovedPastAsync(new Dictionary<string, DateOnly> { [agreement.AgreementId] = agreement.DueDate }, TimeSpan.FromSeconds(60)));
    }

    /// <summary>Without a repeat, the reconciliation raises the event again and repairs the read model.</summary>
    [Fact]
    public async Task NoRepeat_ReconcileRaisesEvent()
    {
        await using FaultHarness harness = await FaultHarness.StartAsync(output);
        (FaultRegister register, _, _) = await InterruptAsync(harness);
        FaultAgreement agreement = register.Agreements[0];
        FaultAudit audit = new(harness, register);
        Dictionary<string, DateOnly> covered = new() { [agreement.AgreementId] = agreement.DueDate };
        List<string> waitingBefore = await audit.WaitUntilMovedPastAsync(covered, TimeSpan.FromSeconds(5));

        JsonElement report = await harness.ReconcileAsync();
        List<string> waitingAfter = await audit.WaitUntilMovedPastAsync(covered, TimeSpan.FromSeconds(60));

        Assert.Equal([agreement.AgreementId], waitingBefore);
        Assert.Equal(agreement.AgreementId, Assert.Single(report.GetProperty("eventsRaised").EnumerateArray()).GetString());
        Assert.Empty(waitingAfter);
        Assert.Empty(await audit.ListReadModelDifferencesAsync());
    }

    /// <summary>
    /// Imports one agreement due in 10 days and writes what <see cref="SubmissionHandler"/> writes
    /// for its balance up to the end of the table transaction: the PDF, then the submission row and
    /// the agreement's coverage in one transaction.
    /// </summary>
    private static async Task<(FaultRegister Register, BalanceRequest Request, SubmissionEntity Stored)> InterruptAsync(FaultHarness harness)
    {
        FaultRegister register = FaultRegister.Create("CUT", onTime: 1, late: 0, reminded: 0, DateTimeOffset.UtcNow);
        await harness.ImportAsync(register);
        BalanceRequest request = (await SubmissionBurst.PrepareAsync(harness, register.Agreements))[0];
        FaultAgreement agreement = register.Agreements[0];

        // An orchestration that planned its cycle after the transaction would start past the due date without any event.
        await WaitUntilWaitingOnAsync(harness, agreement);

        DateTimeOffset now = DateTimeOffset.UtcNow;
        QuestionnaireCatalog catalog = QuestionnaireCatalog.LoadEmbedded();
        using JsonDocument body = JsonDocument.Parse(request.Json);
        SubmissionValidationResult validation = BalanceSubmissionValidator.Validate(body.RootElement, catalog, MadridTime.LocalDate(now));
        ValidatedSubmission submission = validation.Submission ?? throw new InvalidOperationException("The sample balance did not pass validation.");
        Assert.True(catalog.TryGet(submission.QuestionnaireVersion, out QuestionnaireDefinition? definition));
        string submissionId = SubmissionHandler.SubmissionIdFor(submission.Sha256);
        TableClient table = harness.AgreementsTable;
        AgreementEntity entity = (await table.GetEntityAsync<AgreementEntity>(agreement.AgreementId, RowKeys.Agreement)).Value;

        BalanceDocumentHeader header = new(
            agreement.AgreementId,
            entity.EntityName,
            entity.EntityNif,
            entity.SpaceName,
            entity.SpaceAddress,
            submissionId,
            TimeZoneInfo.ConvertTime(now, MadridTime.Zone));
        byte[] pdf = BalancePdfRenderer.Render(BalanceDocumentBuilder.Build(definition, submission, validation.Warnings, header));
        string blobName = PdfStore.BlobName(agreement.AgreementId, submissionId);
        await harness.PdfContainer.CreateIfNotExistsAsync();
        await harness.PdfContainer.UploadBlobAsync(blobName, new BinaryData(pdf));

        SubmissionEntity stored = new()
        {
            PartitionKey = agreement.AgreementId,
            RowKey = RowKeys.Submission(submissionId),
            SubmissionId = submissionId,
            Sha256 = submission.Sha256,
            QuestionnaireVersion = submission.QuestionnaireVersion,
            Language = "ca",
            SubmittedAtUtc = now,
            CoveredDueDate = agreement.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CoveredDueKind = "periodic",
            Late = false,
            CanonicalJson = submission.CanonicalJson,
            WarningsJson = "[]",
            PdfBlobName = blobName,
        };
        entity.CoveredThrough = stored.CoveredDueDate;
        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, stored),
        ]);
        return (register, request, stored);
    }

    private static async Task WaitUntilWaitingOnAsync(FaultHarness harness, FaultAgreement agreement)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            JsonElement orchestration = (await harness.GetAgreementAsync(agreement.AgreementId)).GetProperty("orchestration");
            if (orchestration.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress
                && progress.GetProperty("dueDate").GetString() == agreement.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The orchestration of {agreement.AgreementId} did not plan its cycle for {agreement.DueDate} within 60 s");
            await Task.Delay(250);
        }
    }
}
