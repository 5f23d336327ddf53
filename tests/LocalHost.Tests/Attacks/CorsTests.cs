using System.Text;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>
/// Cross-origin requests: the LocalHost admits only the site's origin (Site:SiteBaseUrl), so a
/// page on any other origin gets no Access-Control-Allow-* header, neither on a preflight nor on
/// the request itself, on every route family. The hostile origins are only header values: nothing
/// contacts them.
/// </summary>
[Collection(AttackTestGroup.Name)]
public sealed class CorsTests(AttackFixture fixture)
{
    private sealed record Route(string Method, string Path, string? Body, bool Office);

    [Fact]
    public async Task Preflight_OtherOrigins_NoAllowHeaders()
    {
        IReadOnlyList<string> failures = await this.FindAllowHeadersAsync("OPTIONS", this.PreflightAsync);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task Requests_OtherOrigins_NoAllowHeaders()
    {
        IReadOnlyList<string> failures = await this.FindAllowHeadersAsync("request", this.SendAsync);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task SiteOrigin_PreflightAndRequest_Allowed()
    {
        List<string> failures = [];
        foreach (Route route in this.Routes())
        {
            using HttpResponseMessage preflight = await this.PreflightAsync(route, fixture.SiteOrigin);
            using HttpResponseMessage response = await this.SendAsync(route, fixture.SiteOrigin);
            string? preflightOrigin = preflight.Headers.TryGetValues("Access-Control-Allow-Origin", out IEnumerable<string>? values) ? string.Join(",", values) : null;
            string? preflightMethods = preflight.Headers.TryGetValues("Access-Control-Allow-Methods", out IEnumerable<string>? methods) ? string.Join(",", methods) : null;
            string? responseOrigin = response.Headers.TryGetValues("Access-Control-Allow-Origin", out IEnumerable<string>? responseValues) ? string.Join(",", responseValues) : null;
            if (preflightOrigin != fixture.SiteOrigin)
            {
                failures.Add($"OPTIONS {route.Path}: Access-Control-Allow-Origin is {preflightOrigin ?? "missing"}");
            }

            if (preflightMethods?.Contains(route.Method, StringComparison.Ordinal) != true)
            {
                failures.Add($"OPTIONS {route.Path}: Access-Control-Allow-Methods is {preflightMethods ?? "missing"}");
            }

            if (responseOrigin != fixture.SiteOrigin)
            {
                failures.Add($"{route.Method} {route.Path}: Access-Control-Allow-Origin is {responseOrigin ?? "missing"}");
            }
        }

        AttackAssert.None(failures);
    }

    /// <summary>Sends every route from every hostile origin and returns each Access-Control-Allow-* header that came back.</summary>
    private async Task<IReadOnlyList<string>> FindAllowHeadersAsync(string kind, Func<Route, string, Task<HttpResponseMessage>> send)
    {
        List<string> found = [];
        foreach (string origin in this.HostileOrigins())
        {
            foreach (Route route in this.Routes())
            {
                using HttpResponseMessage response = await send(route, origin);
                found.AddRange(AllowHeaders(response).Select(header => $"{kind} {route.Method} {route.Path} from {origin}: {header}"));
            }
        }

        return found;
    }

    /// <summary>Origins that differ from the site's in host, scheme, port or form, or that only contain it.</summary>
    private IEnumerable<string> HostileOrigins()
    {
        Uri site = fixture.BaseAddress;
        return
        [
            "http://evil.example",
            "null",
            $"http://{site.Host}:{site.Port}.evil.example",
            $"http://evil.example/{site.Host}:{site.Port}",
            $"https://{site.Host}:{site.Port}",
            $"http://{site.Host}:{site.Port + 1}",
            $"http://localhost:{site.Port}",
            $"http://{site.Host}",
        ];
    }

    /// <summary>
    /// One route of every family: entity, balance, site data, health, every OTPC route, the static
    /// site and an unknown path. Bodies are invalid on purpose, so that no request changes anything.
    /// </summary>
    private IEnumerable<Route> Routes()
    {
        string agreement = AttackFixture.Attacker;
        string token = fixture.AttackerToken;
        string submission = fixture.AttackerSubmissionId;
        return
        [
            new("GET", $"api/agreements/{agreement}?token={token}", null, false),
            new("GET", $"api/agreements/{agreement}/draft?token={token}", null, false),
            new("PUT", $"api/agreements/{agreement}/draft", "{}", false),
            new("GET", $"api/agreements/{agreement}/previous?token={token}", null, false),
            new("GET", $"api/agreements/{agreement}/calendar.ics?token={token}", null, false),
            new("GET", $"api/agreements/{agreement}/submissions/{submission}/pdf?token={token}", null, false),
            new("POST", $"api/agreements/{agreement}/submissions/{submission}/registry", "{}", false),
            new("POST", "api/balances", "{}", false),
            new("GET", "api/questionnaires/current", null, false),
            new("GET", "api/health", null, false),
            new("GET", "api/otpc/agreements", null, false),
            new("GET", "api/otpc/agreements", null, true),
            new("GET", "api/otpc/counts", null, true),
            new("GET", "api/otpc/indicators", null, true),
            new("GET", "api/otpc/exports/agreements.csv", null, true),
            new("GET", "api/otpc/exports/indicators.csv", null, true),
            new("GET", $"api/otpc/agreements/{agreement}", null, true),
            new("POST", "api/otpc/agreements/import", string.Empty, true),
            new("POST", $"api/otpc/agreements/{agreement}/extensions", "{}", true),
            new("POST", $"api/otpc/agreements/{agreement}/renewals", "{}", true),
            new("POST", $"api/otpc/agreements/{agreement}/early-end", "{}", true),
            new("PUT", $"api/otpc/agreements/{agreement}/contacts", "{\"contactEmail\":\"not-an-address\"}", true),
            new("PUT", $"api/otpc/agreements/{agreement}/reminder-policy", "{}", true),
            new("POST", $"api/otpc/agreements/{agreement}/submissions/{submission}/registry", "{}", true),
            new("POST", $"api/otpc/agreements/{agreement}/reminders", "{}", true),
            new("POST", "api/otpc/reconcile", null, true),
            new("GET", string.Empty, null, false),
            new("GET", "balanc/", null, false),
            new("GET", "api/no-such-route", null, false),
        ];
    }

    private async Task<HttpResponseMessage> PreflightAsync(Route route, string origin)
    {
        using HttpRequestMessage request = new(HttpMethod.Options, route.Path);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", route.Method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-functions-key");
        return await fixture.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(Route route, string origin)
    {
        using HttpRequestMessage request = new(new HttpMethod(route.Method), route.Path);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        if (route.Office)
        {
            request.Headers.Add("x-functions-key", AttackFixture.OfficeKey);
        }

        if (route.Body is not null)
        {
            request.Content = new StringContent(route.Body, Encoding.UTF8, route.Path.EndsWith("import", StringComparison.Ordinal) ? "text/csv" : "application/json");
        }

        return await fixture.Client.SendAsync(request);
    }

    /// <summary>Returns every Access-Control-Allow-* header of a response, as "name: value".</summary>
    private static IEnumerable<string> AllowHeaders(HttpResponseMessage response) =>
        response.Headers
            .Concat(response.Content.Headers)
            .Where(header => header.Key.StartsWith("Access-Control-Allow-", StringComparison.OrdinalIgnoreCase))
            .Select(header => $"{header.Key}: {string.Join(",", header.Value)}");
}
