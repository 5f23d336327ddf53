using System.Security.Cryptography;
using System.Text;
using BalancFunctions.Domain;
using BalancFunctions.Functions;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Configuration;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace BalancFunctions.LocalHost;

/// <summary>
/// Runs the Functions app's HTTP handlers and lifecycle orchestration without the Functions host:
/// ASP.NET Core on loopback, the Durable Task worker and client on the Azure Storage provider
/// (Azurite locally), and the static site.
/// </summary>
public sealed class LocalHostApp : IAsyncDisposable
{
    private const string OfficeKeyHeader = "x-functions-key";

    private readonly WebApplication app;
    private readonly DurableSidecar sidecar;
    private readonly GrpcChannel channel;
    private readonly ILoggerFactory sidecarLogging;

    private LocalHostApp(WebApplication app, DurableSidecar sidecar, GrpcChannel channel, ILoggerFactory sidecarLogging)
    {
        this.app = app;
        this.sidecar = sidecar;
        this.channel = channel;
        this.sidecarLogging = sidecarLogging;
    }

    public IServiceProvider Services => this.app.Services;

    /// <summary>The addresses the HTTP API listens on.</summary>
    public IReadOnlyList<Uri> Addresses => [.. this.app.Urls.Select(url => new Uri(url))];

    /// <summary>Builds and starts the LocalHost; the command-line arguments override configuration.</summary>
    public static async Task<LocalHostApp> StartAsync(string[] args, CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        LocalHostOptions options = builder.Configuration.GetSection(LocalHostOptions.Section).Get<LocalHostOptions>() ?? new LocalHostOptions();
        string repositoryRoot = RepositoryRoot.Find();
        EnsureSigningKey(builder.Configuration, Path.Combine(repositoryRoot, options.DataDirectory));

        string durableConnection = builder.Configuration["AzureWebJobsStorage"]
            ?? throw new InvalidOperationException("Set AzureWebJobsStorage to the connection string of the Durable Task storage (Azurite).");
        ILoggerFactory sidecarLogging = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole());
        DurableSidecar sidecar = await DurableSidecar.StartAsync(durableConnection, options, sidecarLogging, cancellationToken);
        GrpcChannel channel = GrpcChannel.ForAddress(sidecar.Address);

        builder.Services.AddBalancServices(builder.Configuration);
        builder.Services.Configure<LocalHostOptions>(builder.Configuration.GetSection(LocalHostOptions.Section));
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(registry => registry.AddLifecycleTasks());
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        builder.Services.AddSingleton<RegisterSeeder>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RegisterSeeder>());
        builder.Services.AddHostedService<ReconciliationTimer>();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            string origin = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>()?.SiteBaseUrl.GetLeftPart(UriPartial.Authority) ?? "http://127.0.0.1:7071";
            policy.WithOrigins(origin).WithMethods("GET", "POST", "PUT").WithHeaders("Content-Type", OfficeKeyHeader, "Accept-Language");
        }));

        WebApplication app = builder.Build();

        // Requests that no route serves (404, 405) get the same problem+json as every other error.
        app.UseStatusCodePages(async context =>
        {
            if (context.HttpContext.Response.ContentLength is null or 0 && !context.HttpContext.Response.HasStarted)
            {
                Language language = RequestBodies.Language(context.HttpContext.Request);
                await Problems.ForStatus(context.HttpContext.Response.StatusCode, language).ExecuteAsync(context.HttpContext);
            }
        });
        app.UseCors();
        app.Use(RequireOfficeKey);
        string webRoot = Path.Combine(repositoryRoot, options.WebRoot);
        if (Directory.Exists(webRoot))
        {
            PhysicalFileProvider files = new(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        MapEndpoints(app);
        await app.StartAsync(cancellationToken);
        return new LocalHostApp(app, sidecar, channel, sidecarLogging);
    }

    public Task WaitForShutdownAsync() => this.app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();

        // NOTE: the worker does not wait for running activities, so one can fail to report here. It runs again later.
        this.channel.Dispose();
        await this.sidecar.DisposeAsync();
        this.sidecarLogging.Dispose();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapPost("/api/otpc/agreements/import", (HttpRequest request, ImportHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, client, cancellationToken));
        app.MapGet("/api/otpc/agreements", (HttpRequest request, AgreementListHandler handler, CancellationToken cancellationToken) =>
            handler.ListAsync(request, cancellationToken));
        app.MapGet("/api/otpc/counts", (HttpRequest request, AgreementListHandler handler, CancellationToken cancellationToken) =>
            handler.CountsAsync(request, cancellationToken));
        app.MapGet("/api/otpc/exports/agreements.csv", (HttpRequest request, AgreementListHandler handler, CancellationToken cancellationToken) =>
            handler.ExportAsync(request, cancellationToken));
        app.MapGet("/api/otpc/exports/indicators.csv", (HttpRequest request, AgreementListHandler handler, CancellationToken cancellationToken) =>
            handler.IndicatorsCsvAsync(request, cancellationToken));
        app.MapGet("/api/otpc/indicators", (HttpRequest request, AgreementListHandler handler, CancellationToken cancellationToken) =>
            handler.IndicatorsAsync(request, cancellationToken));
        app.MapGet("/api/otpc/agreements/{agreementId}", (HttpRequest request, string agreementId, AgreementQueryHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.GetAsync(request, agreementId, client, cancellationToken));
        app.MapPost("/api/balances", (HttpRequest request, SubmissionHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, client, cancellationToken));
        app.MapGet("/api/agreements/{agreementId}/submissions/{submissionId}/pdf", (HttpRequest request, string agreementId, string submissionId, PdfDownloadHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, agreementId, submissionId, cancellationToken));
        app.MapPost("/api/otpc/agreements/{agreementId}/extensions", (HttpRequest request, string agreementId, OfficeActionsHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.ExtendDueDateAsync(request, agreementId, client, cancellationToken));
        app.MapPost("/api/otpc/agreements/{agreementId}/renewals", (HttpRequest request, string agreementId, OfficeActionsHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.RenewAsync(request, agreementId, client, cancellationToken));
        app.MapPost("/api/otpc/agreements/{agreementId}/early-end", (HttpRequest request, string agreementId, OfficeActionsHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.EndEarlyAsync(request, agreementId, client, cancellationToken));
        app.MapPut("/api/otpc/agreements/{agreementId}/contacts", (HttpRequest request, string agreementId, OfficeActionsHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.ChangeContactsAsync(request, agreementId, client, cancellationToken));
        app.MapPut("/api/otpc/agreements/{agreementId}/reminder-policy", (HttpRequest request, string agreementId, OfficeActionsHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.SetReminderPolicyAsync(request, agreementId, client, cancellationToken));
        app.MapPost("/api/otpc/agreements/{agreementId}/submissions/{submissionId}/registry", (HttpRequest request, string agreementId, string submissionId, RegistryEntryHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.RecordByOfficeAsync(request, agreementId, submissionId, client, cancellationToken));
        app.MapPost("/api/otpc/agreements/{agreementId}/reminders", (HttpRequest request, string agreementId, ReminderResendHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, agreementId, cancellationToken));
        app.MapPost("/api/agreements/{agreementId}/submissions/{submissionId}/registry", (HttpRequest request, string agreementId, string submissionId, RegistryEntryHandler handler, DurableTaskClient client, CancellationToken cancellationToken) =>
            handler.RecordByEntityAsync(request, agreementId, submissionId, client, cancellationToken));
        app.MapGet("/api/agreements/{agreementId}", (HttpRequest request, string agreementId, EntityHandler handler, CancellationToken cancellationToken) =>
            handler.GetAgreementAsync(request, agreementId, cancellationToken));
        app.MapGet("/api/agreements/{agreementId}/draft", (HttpRequest request, string agreementId, EntityHandler handler, CancellationToken cancellationToken) =>
            handler.GetDraftAsync(request, agreementId, cancellationToken));
        app.MapPut("/api/agreements/{agreementId}/draft", (HttpRequest request, string agreementId, EntityHandler handler, CancellationToken cancellationToken) =>
            handler.SaveDraftAsync(request, agreementId, cancellationToken));
        app.MapGet("/api/agreements/{agreementId}/previous", (HttpRequest request, string agreementId, EntityHandler handler, CancellationToken cancellationToken) =>
            handler.GetPreviousAsync(request, agreementId, cancellationToken));
        app.MapGet("/api/questionnaires/{version}", (HttpRequest request, string version, SiteDataHandler handler) =>
            handler.GetQuestionnaire(request, version));
        app.MapGet("/api/agreements/{agreementId}/calendar.ics", (HttpRequest request, string agreementId, SiteDataHandler handler, CancellationToken cancellationToken) =>
            handler.GetCalendarAsync(request, agreementId, cancellationToken));
        app.MapPost("/api/otpc/reconcile", async (HttpRequest request, Reconciliation reconciliation, DurableTaskClient client, CancellationToken cancellationToken) =>
            ApiResult.Json(StatusCodes.Status200OK, await reconciliation.RunAsync(client, Reconciliation.RebuildIndexRequested(request), cancellationToken)));
        app.MapGet("/api/health", CheckHealthAsync);
    }

    /// <summary>Returns 200 once storage and the Durable Task sidecar respond, and 503 before.</summary>
    private static async Task<IResult> CheckHealthAsync(AgreementRepository repository, DurableTaskClient client, RegisterSeeder seeder, CancellationToken cancellationToken)
    {
        try
        {
            // Point reads of ids that never exist are cheap, and they fail until storage and the sidecar respond.
            await repository.GetAgreementAsync("health-probe", cancellationToken);
            await client.GetInstanceAsync("health-probe", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Results.Json(new { status = "starting", reason = exception.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Json(new { status = "ok", seed = seeder.Status, seedReport = seeder.Report });
    }

    private static async Task RequireOfficeKey(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/api/otpc", StringComparison.OrdinalIgnoreCase))
        {
            LocalHostOptions options = context.RequestServices.GetRequiredService<IOptions<LocalHostOptions>>().Value;
            string? presented = context.Request.Headers[OfficeKeyHeader].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
            if (!KeysMatch(options.OtpcKey, presented))
            {
                Language language = RequestBodies.Language(context.Request);
                await Problems.MissingOfficeKey(language).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    private static bool KeysMatch(string expected, string? presented)
    {
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
    }

    /// <summary>
    /// Gives the LocalHost a token signing key when configuration has none: a random key kept in
    /// the data directory, so that tokens in e-mails stay valid across restarts.
    /// </summary>
    private static void EnsureSigningKey(ConfigurationManager configuration, string dataDirectory)
    {
        string keyName = $"{TokenOptions.Section}:{nameof(TokenOptions.SigningKey)}";
        if (!string.IsNullOrEmpty(configuration[keyName]))
        {
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        string keyFile = Path.Combine(dataDirectory, "token-signing-key");
        if (!File.Exists(keyFile))
        {
            File.WriteAllText(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        configuration[keyName] = File.ReadAllText(keyFile).Trim();
    }
}
