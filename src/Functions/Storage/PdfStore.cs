using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BalancFunctions.Functions.Storage;

/// <summary>
/// The balance PDFs in Blob storage, named from ids only (<c>{agreementId}/{submissionId}.pdf</c>)
/// and never overwritten.
/// </summary>
public sealed class PdfStore(BlobContainerClient container)
{
    public static string BlobName(string agreementId, string submissionId) => $"{agreementId}/{submissionId}.pdf";

    /// <summary>Uploads a PDF unless a blob of that name exists; returns false when it existed.</summary>
    public async Task<bool> TryUploadAsync(string blobName, byte[] pdf, CancellationToken cancellationToken)
    {
        BlobClient blob = container.GetBlobClient(blobName);
        BlobUploadOptions options = new()
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };

        try
        {
            await blob.UploadAsync(new BinaryData(pdf), options, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken) =>
        await container.GetBlobClient(blobName).ExistsAsync(cancellationToken);

    /// <summary>Returns the PDF's bytes, or null when the blob does not exist.</summary>
    public async Task<byte[]?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult result = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return result.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }
}
