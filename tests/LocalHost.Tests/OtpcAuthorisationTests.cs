using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>
/// Every OTPC route, found by reflection over the Functions app's HTTP triggers, rejects a request
/// without the office key: no key, a wrong one, or an entity's submission token wherever a key
/// could go. Each attempt carries a body that would change the agreement if it got through, and
/// the agreement's stored rows and e-mails are compared before and after.
/// </summary>
[Collection(LocalHostTestGroup.Name)]
public sealed partial class OtpcAuthorisationTests(LocalHostFixture fixture)
{
    /// <summary>
    /// An agreement whose next due date and end are years away, so that its own lifecycle writes
    /// nothing while the tests run. No other test changes it.
    /// </summary>
    private const string Target = "PC-2022-0006";

    private const string UnknownSubmissionId = "0123456789abcdef0123";

    private static readonly string[] ShortReminderPolicy = ["P3D"];

    public static TheoryData<string, string> OfficeRoutes()
    {
        TheoryData<string, string> routes = [];
        foreach (HttpTriggerRoute trigger in StoredState.HttpTriggers().Where(trigger => trigger.Level == AuthorizationLevel.Function))
        {
            routes.Add(trigger.Method, trigger.Route);
        }

        return routes;
    }

    [Fact]
    public void OfficeRoutes_FunctionLevelExactlyUnderOtpc()
    {
        IReadOnlyList<HttpTriggerRoute> triggers = StoredState.HttpTriggers();

        // The LocalHost checks the key on /api/otpc only, so an office route elsewhere would be open there.
        Assert.All(triggers.Where(trigger => trigger.Level == AuthorizationLevel.Function), trigger => Assert.StartsWith("otpc/", trigger.Route, StringComparison.Ordinal));
        Assert.All(triggers.Where(trigger => trigger.Route.StartsWith("otpc/", StringComparison.OrdinalIgnoreCase)), trigger => Assert.Equal(AuthorizationLevel.Function, trigger.Level));
        Assert.Contains(triggers, trigger => trigger.Route == "otpc/agreements/{agreementId}/reminders");
    }

    [Theory]
    [MemberData(nameof(OfficeRoutes))]
    public async Task OfficeRoute_WithoutOfficeKey_RejectedAndNothingChanged(string method, string route)
    {
        await fixture.WaitForSeedAsync();
        string entityToken = await fixture.TokenAsync(Target);
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{Target}");
        IReadOnlyDictionary<string, string> rowsBefore = await StoredState.ReadPartitionAsync(fixture, Target);
        int mailsBefore = StoredState.MailCount(fixture, Target);
        string path = "api/" + FillRoute(route);

        foreach ((string attempt, string requestPath, Action<HttpRequestMessage> addCredentials, bool mustBe401) in Attempts(path, entityToken))
        {
            using HttpRequestMessage request = new(new HttpMethod(method), requestPath) { Content = MutatingBody(method, route, detail) };
            addCredentials(request);

            using HttpResponseMessage response = await fixture.Client.SendAsync(request);

            string context = $"{method} {requestPath} with {attempt}: {(int)response.StatusCode}";
            Assert.True(mustBe401 ? response.StatusCode == HttpStatusCode.Unauthorized : response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, context);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", context + " is not problem+json");
        }

        Assert.Equal(rowsBefore, await StoredState.ReadPartitionAsync(fixture, Target));
        Assert.Equal(mailsBefore, StoredState.MailCount(fixture, Target));
    }

    [Theory]
    [MemberData(nameof(OfficeRoutes))]
    public async Task OfficeRoute_DisguisedPath_RejectedAndNothingChanged(string method, string route)
    {
        await fixture.WaitForSeedAsync();
        JsonElement detail = await fixture.OfficeGetJsonAsync($"api/otpc/agreements/{Target}");
        IReadOnlyDictionary<string, string> rowsBefore = await StoredState.ReadPartitionAsync(fixture, Target);
        int mailsBefore = StoredState.MailCount(fixture, Target);
        string rest = FillRoute(route)["otpc/".Length..];

        // The same route spelled so that a check on the literal path prefix might miss it.
        foreach (string requestPath in new[] { $"api/OTPC/{rest}", $"API/Otpc/{rest}", $"api/%6Ftpc/{rest}", $"api//otpc/{rest}", $"api/otpc/{rest}/" })
        {
            using HttpRequestMessage request = new(new HttpMethod(method), requestPath) { Content = MutatingBody(method, route, detail) };

            using HttpResponseMessage response = await fixture.Client.SendAsync(request);

            string context = $"{method} {requestPath} without a key: {(int)response.StatusCode}";
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, context);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", context + " is not problem+json");
        }

        Assert.Equal(rowsBefore, await StoredState.ReadPartitionAsync(fixture, Target));
        Assert.Equal(mailsBefore, StoredState.MailCount(fixture, Target));
    }

    /// <summary>Returns the ways a request without the office key may try to pass, and whether each must get exactly 401.</summary>
    private static IEnumerable<(string Attempt, string Path, Action<HttpRequestMessage> AddCredentials, bool MustBe401)> Attempts(string path, string entityToken)
    {
        yield return ("no key", path, _ => { }, true);
        yield return ("a wrong key in x-functions-key", path, request => request.Headers.Add("x-functions-key", "wrong-key"), false);
        yield return ("a wrong key in ?code=", $"{path}?code=wrong-key", _ => { }, false);
        yield return ("an empty x-functions-key", path, request => request.Headers.TryAddWithoutValidation("x-functions-key", string.Empty), false);
        yield return ("the office key in another case", path, request => request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey.ToUpperInvariant()), false);
        yield return ("the entity's token as ?token=", $"{path}?token={Uri.EscapeDataString(entityToken)}", _ => { }, false);
        yield return ("the entity's token in x-functions-key", path, request => request.Headers.Add("x-functions-key", entityToken), false);
        yield return ("the entity's token as ?code=", $"{path}?code={Uri.EscapeDataString(entityToken)}", _ => { }, false);
        yield return ("the entity's token as a bearer token", path, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", entityToken), false);
    }

    /// <summary>Returns a route with its parameters filled in: the target agreement, and an unknown submission.</summary>
    private static string FillRoute(string route) =>
        RouteParameter().Replace(route, match => match.Groups["name"].Value switch
        {
            "agreementId" => Target,
            "submissionId" => UnknownSubmissionId,
            _ => "test-value",
        });

    /// <summary>
    /// Returns a body that would change the target agreement if the route accepted it. The import
    /// gets the agreement's register row with another language, and the reminder policy a policy.
    /// Any other POST or PUT gets one object with the fields of every office action.
    /// </summary>
    private static HttpContent? MutatingBody(string method, string route, JsonElement detail)
    {
        if (method is not ("POST" or "PUT"))
        {
            return null;
        }

        if (route.EndsWith("/import", StringComparison.Ordinal))
        {
            string[] lines = File.ReadAllLines(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "agreements-sample.csv"));
            string row = lines.Single(line => line.StartsWith(Target + ",", StringComparison.Ordinal));
            return new StringContent($"{lines[0]}\n{row[..row.LastIndexOf(',')]},es\n", Encoding.UTF8, "text/csv");
        }

        if (route.EndsWith("/reminder-policy", StringComparison.Ordinal))
        {
            return JsonContent.Create(new { before = ShortReminderPolicy, localTime = "10:00" });
        }

        DateOnly dueDate = DateOnly.Parse(detail.GetProperty("dueDates").EnumerateArray().First(due => !due.GetProperty("covered").GetBoolean()).GetProperty("date").GetString()!, CultureInfo.InvariantCulture);
        DateOnly endDate = DateOnly.Parse(detail.GetProperty("agreement").GetProperty("endDate").GetString()!, CultureInfo.InvariantCulture);
        return JsonContent.Create(new
        {
            dueDate,
            newDueDate = dueDate.AddDays(7),
            reason = "access test",
            newEndDate = endDate.AddYears(1),
            kind = "prorroga",
            endDate = endDate.AddYears(-1),
            contactName = "Intrusa",
            contactEmail = "intrusa@example.org",
            language = "es",
            number = "E/2026/000001",
            date = DateOnly.FromDateTime(DateTime.UtcNow),
            requestId = "access-test-" + Guid.NewGuid().ToString("N"),
        });
    }

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z0-9_]+)[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteParameter();
}
