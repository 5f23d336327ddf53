using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BalancFunctions.Tests.Support;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>
/// A LocalHost of its own for the attack tests: its own Azurite, SMTP server and register, so that
/// a test can compare the whole storage before and after an attack without other tests writing.
/// The register has an attacker's agreement and a victim's, each with a filed balance, and an open
/// agreement whose balance is still due.
/// </summary>
public sealed class AttackFixture : IAsyncLifetime
{
    public const string OfficeKey = "attack-otpc-key";
    public const string Attacker = "AT-2026-0001";
    public const string Victim = "AT-2026-0002";
    public const string Open = "AT-2026-0003";

    /// <summary>A valid id that no agreement has.</summary>
    public const string Missing = "AT-2026-0099";

    private readonly ExternalServices services = new();
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "balanc-attacks-" + Guid.NewGuid().ToString("N"));

    public AzuriteInstance Azurite => this.services.Azurite;

    public TestSmtpServer Smtp => this.services.Smtp;

    public LocalHostApp Host { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The only origin the LocalHost admits for cross-origin requests: the site's, which is its own address.</summary>
    public string SiteOrigin => this.BaseAddress.GetLeftPart(UriPartial.Authority);

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Tables and a container of its own, apart from other tests' even when they share storage (BALANC_TEST_STORAGE).</summary>
    public StorageNames Storage { get; } = StorageNames.WithSuffix("attack" + Guid.NewGuid().ToString("N")[..8]);

    public string AttackerToken { get; private set; } = string.Empty;

    public string AttackerSubmissionId { get; private set; } = string.Empty;

    public string VictimSubmissionId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await this.services.InitializeAsync();
        this.BaseAddress = new Uri($"http://127.0.0.1:{AzuriteInstance.FreePort()}/");
        this.Client = new HttpClient { BaseAddress = this.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        this.Host = await AttackHost.StartAsync(
            this.Azurite,
            this.Smtp,
            this.BaseAddress,
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            "Attack" + Guid.NewGuid().ToString("N")[..10],
            this.dataDirectory,
            this.Storage);

        await AttackRegister.ImportAsync(this.Client, OfficeKey, [Attacker, Victim, Open]);
        this.AttackerToken = await AttackRegister.TokenAsync(this.Client, OfficeKey, Attacker);
        string victimToken = await AttackRegister.TokenAsync(this.Client, OfficeKey, Victim);
        this.AttackerSubmissionId = await AttackRegister.SubmitAsync(this.Client, Attacker, this.AttackerToken);
        this.VictimSubmissionId = await AttackRegister.SubmitAsync(this.Client, Victim, victimToken);
        await AttackRegister.SaveDraftAsync(this.Client, Victim, victimToken);
    }

    public async Task DisposeAsync()
    {
        this.Client.Dispose();
        await this.Host.DisposeAsync();
        await this.services.DisposeAsync();
        if (Directory.Exists(this.dataDirectory))
        {
            Directory.Delete(this.dataDirectory, recursive: true);
        }
    }

    /// <summary>Waits until background work has stopped writing and returns the storage as it is then.</summary>
    public Task<StorageSnapshot> QuietSnapshotAsync() => StorageSnapshot.CaptureQuietAsync(this.Azurite.ConnectionString, this.Storage);
}

[CollectionDefinition(Name)]
public sealed class AttackTestGroup : ICollectionFixture<AttackFixture>
{
    public const string Name = "LocalHost attacks";
}

/// <summary>Starts an in-process LocalHost on a given Azurite, task hub and set of tables.</summary>
public static class AttackHost
{
    public static Task<LocalHostApp> StartAsync(
        AzuriteInstance azurite,
        TestSmtpServer smtp,
        Uri baseAddress,
        string signingKey,
        string taskHub,
        string dataDirectory,
        StorageNames storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        string[] args =
        [
            .. LocalHostArguments.For(baseAddress, azurite, smtp, signingKey, AttackFixture.OfficeKey, taskHub, dataDirectory, seedRegister: string.Empty),
            $"--BalancStorage:AgreementsTable={storage.AgreementsTable}",
            $"--BalancStorage:IndexTable={storage.IndexTable}",
            $"--BalancStorage:PdfContainer={storage.PdfContainer}",
        ];
        return LocalHostApp.StartAsync(args);
    }
}

/// <summary>
/// Builds and files what the attack tests need through the API itself: a register, balances and
/// drafts. Each agreement's next balance is due in 60 days, inside the 90-day filing window and
/// before any reminder is due, so that no orchestration writes while a test compares storage.
/// </summary>
public static class AttackRegister
{
    public const string RegisterHeader = "agreement_id,agreement_type,entity_name,entity_nif,space_name,space_address,district,neighbourhood,start_date,end_date,balance_period_months,renewal_lead_days,last_balance_date,contact_name,contact_email,representative_email,language";

    /// <summary>Imports one agreement per id, all due in 60 days, with "Casal Atac" in every entity's name.</summary>
    public static async Task ImportAsync(HttpClient client, string officeKey, IReadOnlyList<string> agreementIds)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(agreementIds);
        using HttpRequestMessage request = new(HttpMethod.Post, "api/otpc/agreements/import") { Content = new StringContent(Csv(agreementIds), System.Text.Encoding.UTF8, "text/csv") };
        request.Headers.Add("x-functions-key", officeKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        JsonElement report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(agreementIds.Count, report.GetProperty("created").GetInt32());
    }

    /// <summary>Returns the register as CSV, with the header that the import expects.</summary>
    public static string Csv(IReadOnlyList<string> agreementIds)
    {
        ArgumentNullException.ThrowIfNull(agreementIds);
        DateOnly due = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow).AddDays(60);
        string start = due.AddMonths(-12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string end = due.AddYears(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        IEnumerable<string> rows = agreementIds.Select((id, index) =>
            $"{id},cessio-us,Casal Atac {index + 1},G52690781,Local {index + 1},\"Carrer de la Prova, {index + 1}\",Sants-Montjuïc,Hostafrancs,{start},{end},12,90,,Laia Puig,contact.{id.ToLowerInvariant()}@example.org,rep.{id.ToLowerInvariant()}@example.net,ca");
        return string.Join('\n', [RegisterHeader, .. rows]) + "\n";
    }

    /// <summary>Returns an agreement's submission token, read from the OTPC's view of the agreement.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string officeKey, string agreementId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using HttpRequestMessage request = new(HttpMethod.Get, $"api/otpc/agreements/{agreementId}");
        request.Headers.Add("x-functions-key", officeKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        JsonElement agreement = await response.Content.ReadFromJsonAsync<JsonElement>();
        return agreement.GetProperty("submissionToken").GetString()!;
    }

    /// <summary>Returns the sample complete balance (data/balances/valid-full.json) for an agreement and token, as JSON text.</summary>
    public static string Balance(string agreementId, string token)
    {
        System.Text.Json.Nodes.JsonObject body = System.Text.Json.Nodes.JsonNode.Parse(
            File.ReadAllText(Path.Combine(AzuriteInstance.FindRepositoryRoot(), "data", "balances", "valid-full.json")))!.AsObject();
        body["agreementId"] = agreementId;
        body["token"] = token;
        return body.ToJsonString();
    }

    /// <summary>Files the sample balance for an agreement and returns its submission id.</summary>
    public static async Task<string> SubmitAsync(HttpClient client, string agreementId, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        using StringContent content = new(Balance(agreementId, token), System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("api/balances", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return receipt.GetProperty("submissionId").GetString()!;
    }

    /// <summary>Returns a draft body with a few answers.</summary>
    public static string Draft(string token, string note) =>
        JsonSerializer.Serialize(new { token, questionnaireVersion = "2026.1", answers = new { DG02 = 12, PD08 = note }, notAvailable = new { } });

    public static async Task SaveDraftAsync(HttpClient client, string agreementId, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        using StringContent content = new(Draft(token, "Esborrany de " + agreementId), System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PutAsync($"api/agreements/{agreementId}/draft", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Returns a registry entry body for today, with a token when the entity sends it.</summary>
    public static string RegistryEntry(string? token) =>
        JsonSerializer.Serialize(new
        {
            token,
            number = "RE-ATTACK-1",
            date = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
}

/// <summary>Asserts on the lists of failures that the attack tests collect, printing every one.</summary>
public static class AttackAssert
{
    /// <summary>Fails with every line of <paramref name="failures"/>, where Assert.Empty would show only the first few, cut short.</summary>
    public static void None(IReadOnlyCollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join('\n', failures)}");
    }
}
