using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>
/// Rotating the token signing key revokes every token. After a restart with a new key on the same
/// storage and task hub, an old token opens no entity route and changes nothing. The token that
/// the new key gives works on every one of them.
/// </summary>
[Collection(AttackTestGroup.Name)]
public sealed class KeyRotationTests(AttackFixture fixture)
{
    private const string Filed = "RT-2026-0001";
    private const string Unfiled = "RT-2026-0002";

    [Fact]
    public async Task RotatedKey_OldTokens_RejectedEverywhere()
    {
        string suffix = Guid.NewGuid().ToString("N")[..8];
        StorageNames storage = StorageNames.WithSuffix("rot" + suffix);
        string taskHub = "Rotation" + suffix;
        string dataDirectory = Path.Combine(Path.GetTempPath(), "balanc-rotation-" + suffix);
        Uri baseAddress = new($"http://127.0.0.1:{BalancFunctions.Tests.Support.AzuriteInstance.FreePort()}/");
        using HttpClient client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };

        // Key A: the register, a filed balance with its PDF, and a draft for each agreement.
        string filedOldToken;
        string unfiledOldToken;
        string submissionId;
        await using (LocalHostApp first = await StartAsync(baseAddress, storage, taskHub, dataDirectory))
        {
            await AttackRegister.ImportAsync(client, AttackFixture.OfficeKey, [Filed, Unfiled]);
            filedOldToken = await AttackRegister.TokenAsync(client, AttackFixture.OfficeKey, Filed);
            unfiledOldToken = await AttackRegister.TokenAsync(client, AttackFixture.OfficeKey, Unfiled);
            submissionId = await AttackRegister.SubmitAsync(client, Filed, filedOldToken);
            await AttackRegister.SaveDraftAsync(client, Filed, filedOldToken);
            await AttackRegister.SaveDraftAsync(client, Unfiled, unfiledOldToken);
        }

        // Key B, on the same storage and task hub.
        await using LocalHostApp second = await StartAsync(baseAddress, storage, taskHub, dataDirectory);
        StorageSnapshot before = await StorageSnapshot.CaptureQuietAsync(fixture.Azurite.ConnectionString, storage);
        List<string> oldTokenFailures = [];
        foreach ((string agreementId, string token) in new[] { (Filed, filedOldToken), (Unfiled, unfiledOldToken) })
        {
            foreach (HttpRequestMessage request in EntityRequests(agreementId, token, submissionId, withBalance: true))
            {
                using (request)
                {
                    using HttpResponseMessage response = await client.SendAsync(request);
                    if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                        || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        oldTokenFailures.Add($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
                    }
                }
            }
        }

        StorageSnapshot after = await StorageSnapshot.CaptureQuietAsync(fixture.Azurite.ConnectionString, storage);
        string filedNewToken = await AttackRegister.TokenAsync(client, AttackFixture.OfficeKey, Filed);
        string unfiledNewToken = await AttackRegister.TokenAsync(client, AttackFixture.OfficeKey, Unfiled);
        List<string> newTokenFailures = [];
        foreach (HttpRequestMessage request in EntityRequests(Filed, filedNewToken, submissionId, withBalance: false))
        {
            using (request)
            {
                using HttpResponseMessage response = await client.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    newTokenFailures.Add($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        using StringContent balance = new(AttackRegister.Balance(Unfiled, unfiledNewToken), Encoding.UTF8, "application/json");
        using HttpResponseMessage filedWithNewToken = await client.PostAsync("api/balances", balance);

        Assert.NotEqual(filedOldToken, filedNewToken);
        Assert.NotEqual(unfiledOldToken, unfiledNewToken);
        AttackAssert.None(oldTokenFailures);
        AttackAssert.None(after.Changes(before));
        AttackAssert.None(newTokenFailures);
        Assert.Equal(HttpStatusCode.Created, filedWithNewToken.StatusCode);
        using HttpResponseMessage view = await client.GetAsync($"api/agreements/{Filed}?token={filedNewToken}");
        JsonElement agreement = await view.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RE-ATTACK-1", agreement.GetProperty("submissions")[0].GetProperty("registryNumber").GetString());
    }

    /// <summary>Returns one request per entity route, each of them one that would read or change the agreement with a valid token.</summary>
    /// <param name="withBalance">True to end with a balance for the agreement on <c>POST /api/balances</c>.</param>
    private static IEnumerable<HttpRequestMessage> EntityRequests(string agreementId, string token, string submissionId, bool withBalance)
    {
        string query = "?token=" + Uri.EscapeDataString(token);
        yield return new HttpRequestMessage(HttpMethod.Get, $"api/agreements/{agreementId}{query}");
        yield return new HttpRequestMessage(HttpMethod.Get, $"api/agreements/{agreementId}/draft{query}");
        yield return new HttpRequestMessage(HttpMethod.Put, $"api/agreements/{agreementId}/draft")
        {
            Content = new StringContent(AttackRegister.Draft(token, "Desat amb la clau nova"), Encoding.UTF8, "application/json"),
        };
        yield return new HttpRequestMessage(HttpMethod.Get, $"api/agreements/{agreementId}/calendar.ics{query}");
        if (agreementId == Filed)
        {
            yield return new HttpRequestMessage(HttpMethod.Get, $"api/agreements/{agreementId}/previous{query}");
            yield return new HttpRequestMessage(HttpMethod.Get, $"api/agreements/{agreementId}/submissions/{submissionId}/pdf{query}");
            yield return new HttpRequestMessage(HttpMethod.Post, $"api/agreements/{agreementId}/submissions/{submissionId}/registry")
            {
                Content = new StringContent(AttackRegister.RegistryEntry(token), Encoding.UTF8, "application/json"),
            };
        }

        if (withBalance)
        {
            yield return new HttpRequestMessage(HttpMethod.Post, "api/balances")
            {
                Content = new StringContent(AttackRegister.Balance(agreementId, token), Encoding.UTF8, "application/json"),
            };
        }
    }

    private Task<LocalHostApp> StartAsync(Uri baseAddress, StorageNames storage, string taskHub, string dataDirectory) =>
        AttackHost.StartAsync(
            fixture.Azurite,
            fixture.Smtp,
            baseAddress,
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            taskHub,
            dataDirectory,
            storage);
}
