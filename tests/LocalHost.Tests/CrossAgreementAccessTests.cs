using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BalancFunctions.Functions.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>
/// An entity's token opens its own agreement only, and a signed PDF link opens its own submission
/// only. Every entity route that names an agreement, found by reflection, is tried with another
/// agreement's token, and the attacked agreement's stored rows are compared before and after.
/// </summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class CrossAgreementAccessTests(LocalHostFixture fixture)
{
    /// <summary>The agreement whose token the attacker holds.</summary>
    private const string Attacker = "PC-2018-0014";

    /// <summary>The attacked agreement: its next due date and end are years away, so its lifecycle writes nothing meanwhile. No other test changes it.</summary>
    private const string Target = "PC-2022-0006";

    /// <summary>Two agreements with an overdue due date, so that a balance filed today covers it. The tests file one balance in each.</summary>
    private const string FirstFiler = "PC-2024-0108";
    private const string SecondFiler = "PC-2019-0064";

    private const string UnknownSubmissionId = "0123456789abcdef0123";

    public static TheoryData<string, string> EntityRoutes()
    {
        TheoryData<string, string> routes = [];
        foreach (HttpTriggerRoute trigger in StoredState.HttpTriggers().Where(trigger => trigger.Level == AuthorizationLevel.Anonymous && NamesAnAgreement(trigger.Route)))
        {
            routes.Add(trigger.Method, trigger.Route);
        }

        return routes;
    }

    [Fact]
    public void EntityRoutes_IncludeEveryKnownRoute()
    {
        string[] routes = [.. EntityRoutes().Select(row => $"{row[0]} {row[1]}")];
        string[] known =
            [
                "GET agreements/{agreementId}",
                "GET agreements/{agreementId}/calendar.ics",
                "GET agreements/{agreementId}/draft",
                "GET agreements/{agreementId}/previous",
                "GET agreements/{agreementId}/submissions/{submissionId}/pdf",
                "POST agreements/{agreementId}/submissions/{submissionId}/registry",
                "POST balances",
                "PUT agreements/{agreementId}/draft",
            ];

        // A route added later joins the attacked ones by itself; none of these may drop out.
        Assert.All(known, route => Assert.Contains(route, routes));
    }

    [Theory]
    [MemberData(nameof(EntityRoutes))]
    public async Task EntityRoute_OtherAgreementsToken_RejectedAndNothingChanged(string method, string route)
    {
        await fixture.WaitForSeedAsync();
        string attackerToken = await fixture.TokenAsync(Attacker);
        IReadOnlyDictionary<string, string> rowsBefore = await StoredState.ReadPartitionAsync(fixture, Target);
        int mailsBefore = StoredState.MailCount(fixture, Target);

        // The attacked id as stored and in lower case, which the handlers accept for the same agreement.
        foreach (string targetId in new[] { Target, Target.ToLowerInvariant() })
        {
            using HttpRequestMessage request = await EntityRequestAsync(method, route, targetId, attackerToken);

            using HttpResponseMessage response = await fixture.Client.SendAsync(request);

            string context = $"{method} {request.RequestUri} with {Attacker}'s token: {(int)response.StatusCode}";
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, context);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", context + " is not problem+json");
        }

        Assert.Equal(rowsBefore, await StoredState.ReadPartitionAsync(fixture, Target));
        Assert.Equal(mailsBefore, StoredState.MailCount(fixture, Target));
    }

    [Fact]
    public async Task PdfLink_OwnSubmission_OpensPdf()
    {
        await fixture.WaitForSeedAsync();
        (_, Uri link) = await this.FileAndGetOfficePdfLinkAsync(FirstFiler);

        using HttpResponseMessage response = await fixture.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("token=", link.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PdfLink_OtherSubmissionOrAgreement_Returns403()
    {
        await fixture.WaitForSeedAsync();
        (string firstSubmission, Uri firstLink) = await this.FileAndGetOfficePdfLinkAsync(FirstFiler);
        (string secondSubmission, _) = await this.FileAndGetOfficePdfLinkAsync(SecondFiler);
        string signed = firstLink.Query;

        foreach (string path in new[]
        {
            $"api/agreements/{SecondFiler}/submissions/{secondSubmission}/pdf{signed}",
            $"api/agreements/{FirstFiler}/submissions/{secondSubmission}/pdf{signed}",
            $"api/agreements/{SecondFiler}/submissions/{firstSubmission}/pdf{signed}",
            $"api/agreements/{Target}/submissions/{firstSubmission}/pdf{signed}",
        })
        {
            using HttpResponseMessage response = await fixture.Client.GetAsync(path);
            JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("invalid-link", problem.GetProperty("errors")[0].GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task PdfLink_Altered_Returns403()
    {
        await fixture.WaitForSeedAsync();
        (string submissionId, Uri link) = await this.FileAndGetOfficePdfLinkAsync(FirstFiler);
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query = QueryHelpers.ParseQuery(link.Query);
        long expires = long.Parse(query["expires"].ToString(), CultureInfo.InvariantCulture);
        string signature = query["sig"].ToString();
        string otherSignature = (signature[0] == 'A' ? "B" : "A") + signature[1..];
        string path = $"api/agreements/{FirstFiler}/submissions/{submissionId}/pdf";

        foreach (string altered in new[]
        {
            $"{path}?expires={expires + 3600}&sig={signature}",
            $"{path}?expires={expires}&sig={otherSignature}",
            $"{path}?expires={expires}",
            $"{path}?sig={signature}",
            $"{path}?token={signature}",
        })
        {
            using HttpResponseMessage response = await fixture.Client.GetAsync(altered);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{altered}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task PdfLink_Expired_Returns403InRequestLanguage()
    {
        await fixture.WaitForSeedAsync();
        (string submissionId, _) = await this.FileAndGetOfficePdfLinkAsync(FirstFiler);
        long expired = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        string signature = fixture.Host.Services.GetRequiredService<SubmissionTokens>().CreatePdfLinkSignature(FirstFiler, submissionId, expired);
        string path = $"api/agreements/{FirstFiler}/submissions/{submissionId}/pdf?expires={expired}&sig={signature}";

        using HttpResponseMessage catalan = await fixture.Client.GetAsync(path);
        using HttpRequestMessage spanishRequest = new(HttpMethod.Get, path);
        spanishRequest.Headers.AcceptLanguage.ParseAdd("es");
        using HttpResponseMessage spanish = await fixture.Client.SendAsync(spanishRequest);
        JsonElement catalanProblem = await catalan.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement spanishProblem = await spanish.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, catalan.StatusCode);
        Assert.Equal("application/problem+json", catalan.Content.Headers.ContentType?.MediaType);
        Assert.Equal("link-expired", catalanProblem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("L'enllaç ha caducat", catalanProblem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, spanish.StatusCode);
        Assert.Equal("El enlace ha caducado", spanishProblem.GetProperty("title").GetString());
    }

    private static bool NamesAnAgreement(string route) =>
        route == "balances" || route.Contains("{agreementId}", StringComparison.Ordinal);

    /// <summary>
    /// Builds a request to an entity route on <paramref name="agreementId"/> with another agreement's
    /// token where the route takes it: in the query for GET, in the JSON body otherwise, beside
    /// the fields that would change the agreement if the request got through.
    /// </summary>
    private static async Task<HttpRequestMessage> EntityRequestAsync(string method, string route, string agreementId, string token)
    {
        string path = "api/" + route.Replace("{agreementId}", agreementId, StringComparison.Ordinal).Replace("{submissionId}", UnknownSubmissionId, StringComparison.Ordinal);
        if (method == "GET")
        {
            return new HttpRequestMessage(HttpMethod.Get, $"{path}?token={Uri.EscapeDataString(token)}");
        }

        JsonObject body;
        if (route == "balances")
        {
            body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "balances", "valid-full.json")))!.AsObject();
            body["agreementId"] = agreementId;
        }
        else
        {
            body = new JsonObject
            {
                ["questionnaireVersion"] = "2026.1",
                ["answers"] = new JsonObject { ["DG02"] = 12 },
                ["number"] = "E/2026/000002",
                ["date"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }

        body["token"] = token;
        return new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) };
    }

    /// <summary>
    /// Files the sample balance for an agreement (a repeat within the hour returns the same
    /// receipt), and returns the submission's id with the PDF link of the OTPC's detail.
    /// </summary>
    private async Task<(string SubmissionId, Uri Link)> FileAndGetOfficePdfLinkAsync(string agreementId)
    {
        JsonObject body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "balances", "valid-full.json")))!.AsObject();
        body["agreementId"] = agreementId;
        body["token"] = await fixture.TokenAsync(agreementId);
        using HttpResponseMessage filed = await fixture.Client.PostAsJsonAsync("api/balances", body);
        Assert.True(filed.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"filing for {agreementId}: {(int)filed.StatusCode} {await filed.Content.ReadAsStringAsync()}");
        string submissionId = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString()!;

        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{agreementId}");
        JsonElement submission = detail.GetProperty("submissions").EnumerateArray().Single(candidate => candidate.GetProperty("submissionId").GetString() == submissionId);
        return (submissionId, new Uri(submission.GetProperty("pdfUrl").GetString()!));
    }
}
