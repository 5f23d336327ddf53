using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Exports;
using BalancFunctions.Domain.Ports;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Mail;
using BalancFunctions.Functions.Security;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Functions.Storage.ReadModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BalancFunctions.Functions;

/// <summary>
/// Registers everything the HTTP handlers and the lifecycle activities need. Both the Functions
/// app and the LocalHost call it, so they run the same code on the same configuration keys.
/// </summary>
public static class BalancServices
{
    public static IServiceCollection AddBalancServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<OtpcOptions>().Bind(configuration.GetSection(OtpcOptions.Section));
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section));
        services.AddOptions<TokenOptions>().Bind(configuration.GetSection(TokenOptions.Section));

        // A reminder policy file that does not load fails the start-up, not the first reminder.
        ReminderPolicies.EnsureLoaded();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => QuestionnaireCatalog.LoadEmbedded());
        services.AddSingleton(provider => CreateTableServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(provider => CreateBlobServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(provider => new AgreementRepository(
            provider.GetRequiredService<TableServiceClient>().GetTableClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.AgreementsTable)));
        services.AddSingleton(provider => new AgreementIndex(
            provider.GetRequiredService<TableServiceClient>().GetTableClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.IndexTable),
            provider.GetRequiredService<AgreementRepository>(),
            provider.GetRequiredService<TimeProvider>(),
            NumbersReader(provider.GetRequiredService<QuestionnaireCatalog>(), provider.GetRequiredService<ILogger<AgreementIndex>>()),
            provider.GetRequiredService<ILogger<AgreementIndex>>()));
        services.AddSingleton(provider => new PdfStore(
            provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.PdfContainer)));
        services.AddHostedService<StorageInitializer>();

        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<SubmissionTokens>();
        services.AddSingleton<Links>();
        services.AddSingleton<LifecycleMail>();
        services.AddSingleton<AgreementImporter>();
        services.AddSingleton<AgreementStates>();
        services.AddSingleton<Reconciliation>();
        services.AddSingleton<OfficeActionsHandler>();
        services.AddSingleton<RegistryEntryHandler>();
        services.AddSingleton<SiteDataHandler>();
        services.AddSingleton<EntityHandler>();
        services.AddSingleton<LifecycleActivities>();
        services.AddSingleton<ImportHandler>();
        services.AddSingleton<SubmissionHandler>();
        services.AddSingleton<AgreementQueryHandler>();
        services.AddSingleton<AgreementListHandler>();
        services.AddSingleton<PdfDownloadHandler>();
        services.AddSingleton<ReminderResendHandler>();
        return services;
    }

    /// <summary>
    /// Returns a reader of the numeric answers of a stored submission, by the questions of its
    /// questionnaire version. A submission it cannot read counts as one without numbers, so that it
    /// leaves the indicators out and never blocks the agreement's projection.
    /// </summary>
    private static Func<SubmissionEntity, IReadOnlyDictionary<string, decimal>> NumbersReader(QuestionnaireCatalog catalog, ILogger logger) =>
        submission =>
        {
            if (!catalog.TryGet(submission.QuestionnaireVersion, out QuestionnaireDefinition? definition))
            {
                return new Dictionary<string, decimal>();
            }

            try
            {
                return IndicatorCalculator.NumbersOf(submission.CanonicalJson, IndicatorCalculator.NumericQuestionIds(definition));
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException)
            {
                logger.LogWarning(exception, "Submission {SubmissionId} of agreement {AgreementId}: its answers could not be read for the indicators", submission.SubmissionId, submission.PartitionKey);
                return new Dictionary<string, decimal>();
            }
        };

    private static TableServiceClient CreateTableServiceClient(StorageOptions options)
    {
        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            return new TableServiceClient(options.ConnectionString);
        }

        Uri uri = options.TableServiceUri
            ?? throw new InvalidOperationException($"Set {StorageOptions.Section}:ConnectionString, or {StorageOptions.Section}:TableServiceUri for identity-based access.");
        return new TableServiceClient(uri, Credential(options));
    }

    private static BlobServiceClient CreateBlobServiceClient(StorageOptions options)
    {
        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString);
        }

        Uri uri = options.BlobServiceUri
            ?? throw new InvalidOperationException($"Set {StorageOptions.Section}:ConnectionString, or {StorageOptions.Section}:BlobServiceUri for identity-based access.");
        return new BlobServiceClient(uri, Credential(options));
    }

    private static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrEmpty(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}

/// <summary>Creates the agreements and index tables and the PDF container when the host starts, if they are missing.</summary>
public sealed class StorageInitializer(AgreementRepository repository, AgreementIndex index, BlobServiceClient blobs, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await repository.Table.CreateIfNotExistsAsync(cancellationToken);
        await index.Table.CreateIfNotExistsAsync(cancellationToken);
        await blobs.GetBlobContainerClient(options.Value.PdfContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
