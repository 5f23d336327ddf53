using System.Text.Json;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>
/// Ids that try to leave their agreement: path traversal, encoded separators, NUL, look-alike
/// letters, Table query syntax, characters that Table keys and blob names cannot hold, and very
/// long ids. The attacker has the token of their own agreement and aims at a victim's. Every
/// request must get a 4xx problem, and storage must not change at all.
/// </summary>
[Collection(AttackTestGroup.Name)]
public sealed class HostileIdTests(AttackFixture fixture)
{
    /// <summary>A reminder policy's <c>before</c> list: one reminder 10 days before each due date.</summary>
    private static readonly string[] TenDaysBefore = ["P10D"];

    [Fact]
    public async Task EntityRoutes_HostileAgreementIds_RejectedWithoutChanges()
    {
        string token = fixture.AttackerToken;
        List<Probe> probes = [];
        foreach (string id in HostileSegments(AttackFixture.Attacker, AttackFixture.Victim))
        {
            probes.AddRange(
            [
                new("GET", $"/api/agreements/{id}?token={token}", null, false),
                new("GET", $"/api/agreements/{id}/draft?token={token}", null, false),
                new("PUT", $"/api/agreements/{id}/draft", AttackRegister.Draft(token, "Sobreescrit"), false),
                new("GET", $"/api/agreements/{id}/previous?token={token}", null, false),
                new("GET", $"/api/agreements/{id}/calendar.ics?token={token}", null, false),
                new("GET", $"/api/agreements/{id}/submissions/{fixture.VictimSubmissionId}/pdf?token={token}", null, false),
                new("POST", $"/api/agreements/{id}/submissions/{fixture.VictimSubmissionId}/registry", AttackRegister.RegistryEntry(token), false),
            ]);
        }

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, AttackProbes.ExpectRejected);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task OfficeRoutes_HostileAgreementIds_RejectedWithoutChanges()
    {
        DateOnly today = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow);
        string dueDate = Date(today.AddDays(60));
        List<Probe> probes = [];
        foreach (string id in HostileSegments(AttackFixture.Attacker, AttackFixture.Missing))
        {
            probes.AddRange(
            [
                new("GET", $"/api/otpc/agreements/{id}", null, true),
                new("POST", $"/api/otpc/agreements/{id}/extensions", Json(new { dueDate, newDueDate = Date(today.AddDays(70)), reason = "atac" }), true),
                new("POST", $"/api/otpc/agreements/{id}/renewals", Json(new { newEndDate = Date(today.AddYears(5)), kind = "renovacio" }), true),
                new("POST", $"/api/otpc/agreements/{id}/early-end", Json(new { endDate = Date(today.AddDays(1)), reason = "atac" }), true),
                new("PUT", $"/api/otpc/agreements/{id}/contacts", Json(new { contactName = "Atacant" }), true),
                new("PUT", $"/api/otpc/agreements/{id}/reminder-policy", Json(new { before = TenDaysBefore, overdueRepeat = (string?)null, localTime = "09:00" }), true),
                new("POST", $"/api/otpc/agreements/{id}/submissions/{fixture.VictimSubmissionId}/registry", AttackRegister.RegistryEntry(null), true),
                new("POST", $"/api/otpc/agreements/{id}/reminders", Json(new { requestId = "attack-hostile-id-1" }), true),
            ]);
        }

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, AttackProbes.ExpectRejected);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task SubmissionRoutes_HostileSubmissionIds_RejectedWithoutChanges()
    {
        string token = fixture.AttackerToken;
        string victimSubmission = fixture.VictimSubmissionId;
        IEnumerable<string> ids =
        [
            .. HostileSegments(fixture.AttackerSubmissionId, victimSubmission),

            // The victim's real submission id under the attacker's agreement, in lower and upper case, and a path to it as one segment.
            victimSubmission,
            victimSubmission.ToUpperInvariant(),
            Uri.EscapeDataString($"../{AttackFixture.Victim}/{victimSubmission}"),
        ];
        List<Probe> probes = [];
        foreach (string id in ids)
        {
            probes.AddRange(
            [
                new("GET", $"/api/agreements/{AttackFixture.Attacker}/submissions/{id}/pdf?token={token}", null, false),
                new("POST", $"/api/agreements/{AttackFixture.Attacker}/submissions/{id}/registry", AttackRegister.RegistryEntry(token), false),
                new("POST", $"/api/otpc/agreements/{AttackFixture.Attacker}/submissions/{id}/registry", AttackRegister.RegistryEntry(null), true),
            ]);
        }

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, AttackProbes.ExpectRejected);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task Balances_HostileAgreementIdInBody_RejectedWithoutChanges()
    {
        // The open agreement's balance is still due, so a balance that got past the token check would be stored.
        string balance = AttackRegister.Balance(AttackFixture.Open, fixture.AttackerToken);
        string open = JsonSerializer.Serialize(AttackFixture.Open);
        Assert.Contains($"\"agreementId\":{open}", balance, StringComparison.Ordinal);
        IEnumerable<string> literals =
        [
            .. AttackProbes.HostileValues(AttackFixture.Attacker, AttackFixture.Open).Select(value => JsonSerializer.Serialize(value)),

            // Not strings: every one must read as a missing id.
            "123", "null", "true", $"[{open}]", "{\"$ne\":null}",
        ];
        List<Probe> probes = [.. literals.Select(literal => new Probe("POST", "/api/balances", balance.Replace($"\"agreementId\":{open}", $"\"agreementId\":{literal}", StringComparison.Ordinal), false))];

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, AttackProbes.ExpectRejected);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task Balances_UnpairedSurrogates_RejectedWithoutChanges()
    {
        // JSON may escape an unpaired UTF-16 surrogate (\ud800), which no .NET string can hold. The
        // balances carry the open agreement's own token, so that each one reaches the answers' checks.
        string openToken = await AttackRegister.TokenAsync(fixture.Client, AttackFixture.OfficeKey, AttackFixture.Open);
        string balance = AttackRegister.Balance(AttackFixture.Open, openToken);
        List<Probe> probes =
        [
            new("POST", "/api/balances", Replace(balance, $"\"agreementId\":\"{AttackFixture.Open}\"", "\"agreementId\":\"\\ud800\""), false),
            new("POST", "/api/balances", Replace(balance, $"\"token\":\"{openToken}\"", "\"token\":\"\\udc00\""), false),
            new("POST", "/api/balances", Replace(balance, "\"language\":\"ca\"", "\"language\":\"c\\ud800\""), false),
            new("POST", "/api/balances", Replace(balance, "\"PD08\":\"", "\"PD08\":\"\\ud800"), false),
            new("POST", "/api/balances", Replace(balance, "\"PD08\":", "\"PD\\ud80008\":"), false),
        ];

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, AttackProbes.ExpectRejected);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task JsonBodies_UnpairedSurrogates_Return400WithoutChanges()
    {
        string token = fixture.AttackerToken;
        string draft = AttackRegister.Draft(token, "Esborrany");
        string registry = AttackRegister.RegistryEntry(token);
        string entityRegistry = $"/api/agreements/{AttackFixture.Attacker}/submissions/{fixture.AttackerSubmissionId}/registry";
        List<Probe> probes =
        [
            new("PUT", $"/api/agreements/{AttackFixture.Attacker}/draft", Replace(draft, $"\"token\":\"{token}\"", "\"token\":\"\\ud800\""), false),
            new("PUT", $"/api/agreements/{AttackFixture.Attacker}/draft", Replace(draft, "\"questionnaireVersion\":\"", "\"questionnaireVersion\":\"\\ud800"), false),

            // With a valid token, a draft's answers are stored as they are. Once stored, these would make every later GET of the draft fail with 500.
            new("PUT", $"/api/agreements/{AttackFixture.Attacker}/draft", Replace(draft, "\"PD08\":\"", "\"PD08\":\"\\ud800"), false),
            new("PUT", $"/api/agreements/{AttackFixture.Attacker}/draft", Replace(draft, "\"PD08\":", "\"PD\\udbff08\":"), false),
            new("POST", entityRegistry, Replace(registry, $"\"token\":\"{token}\"", "\"token\":\"\\ud800\""), false),
            new("POST", entityRegistry, Replace(registry, "\"number\":\"", "\"number\":\"\\ud800"), false),
            new("POST", "/api/otpc" + entityRegistry["/api".Length..], Replace(registry, "\"number\":\"", "\"number\":\"\\ud800"), true),
            new("PUT", $"/api/otpc/agreements/{AttackFixture.Attacker}/contacts", "{\"contactName\":\"\\ud800\"}", true),
            new("POST", $"/api/otpc/agreements/{AttackFixture.Attacker}/early-end", "{\"endDate\":\"\\ud800\"}", true),
            new("POST", $"/api/otpc/agreements/{AttackFixture.Attacker}/renewals", "{\"newEndDate\":\"2030-01-01\",\"kind\":\"\\udfff\"}", true),
            new("PUT", $"/api/otpc/agreements/{AttackFixture.Attacker}/reminder-policy", "{\"before\":[\"\\ud800\"],\"localTime\":\"09:00\"}", true),
            new("POST", $"/api/otpc/agreements/{AttackFixture.Attacker}/reminders", "{\"requestId\":\"attack-\\ud800\"}", true),
        ];

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, response =>
            response.Status == 400 && response.IsProblem && response.BodyText.Contains("invalid-text", StringComparison.Ordinal)
                ? null
                : $"expected a 400 invalid-text problem, got {AttackProbes.Describe(response)}");

        AttackAssert.None(failures);
    }

    /// <summary>
    /// Returns hostile forms of a path segment as they go on the wire, built around the attacker's
    /// own id and the id they aim at.
    /// </summary>
    private static IEnumerable<string> HostileSegments(string own, string other) =>
    [
        "..",
        "../",
        "..%2F..%2Fagreements",
        "%2e%2e",
        "%2E%2E%2F" + other,
        $"{own}/../{other}",
        $"../../agreements/{other}",
        $"../otpc/agreements/{other}",
        $"{other}%00",
        $"{own}%00{other}",
        "%5C..%5C" + other,
        "%C0%AE%C0%AE",
        "%ED%A0%80",
        new string('A', 10_000),
        new string('B', 4_000),
        .. AttackProbes.HostileValues(own, other).Select(Uri.EscapeDataString),
    ];

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Replace(string text, string oldValue, string newValue)
    {
        Assert.Contains(oldValue, text, StringComparison.Ordinal);
        return text.Replace(oldValue, newValue, StringComparison.Ordinal);
    }
}
