using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>
/// Hostile values in the OTPC list's filters (<c>district</c>, <c>q</c>) and continuation tokens,
/// on the list and on its CSV export: none may cause a server error or write anything.
/// </summary>
[Collection(AttackTestGroup.Name)]
public sealed class OfficeListFilterTests(AttackFixture fixture)
{
    private static readonly string[] FilterNames = ["district", "q", "continuation"];

    [Fact]
    public async Task HostileFilterValues_NoServerErrorsOrChanges()
    {
        // A first read refreshes the statuses that changed with the date; the attack starts after it.
        RawResponse firstRead = await RawHttp.SendAsync(fixture.BaseAddress, "GET", "/api/otpc/agreements", AttackProbes.OfficeHeaders());
        Assert.Equal(200, firstRead.Status);
        List<Probe> probes = [];
        foreach (string value in HostileQueryValues())
        {
            foreach (string name in FilterNames)
            {
                probes.Add(new("GET", $"/api/otpc/agreements?{name}={value}", null, true));
                probes.Add(new("GET", $"/api/otpc/exports/agreements.csv?{name}={value}", null, true));
            }
        }

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, AttackProbes.ExpectNoServerError);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task ForgedContinuations_NoServerErrorsOrChanges()
    {
        List<Probe> probes = [.. (await this.ForgedContinuationsAsync()).Select(target => new Probe("GET", target, null, true))];

        IReadOnlyList<string> failures = await AttackProbes.SendAsync(fixture, probes, AttackProbes.ExpectNoServerError);

        AttackAssert.None(failures);
    }

    /// <summary>Returns filter values as they go on the wire.</summary>
    private static IEnumerable<string> HostileQueryValues() =>
    [
        .. AttackProbes.HostileValues(AttackFixture.Attacker, AttackFixture.Victim).Select(Uri.EscapeDataString),
        "%00",
        "%ED%A0%80",
        "%F0%9F",
        "%FF%FE",

        // Under Kestrel's 8 KiB request line limit. A quote is one byte here, and two (''), each
        // percent-encoded, in the Table query that a district filter becomes.
        new string('\'', 7_000),
        new string('A', 7_000),
        Uri.EscapeDataString(new string('я', 1_000)),
        Uri.EscapeDataString("due|s=al-dia"),
        Uri.EscapeDataString("x|d=sants-montjuic"),
    ];

    /// <summary>
    /// Returns list requests with continuation tokens forged from real ones. A token is base64url
    /// JSON with a SHA-256 fingerprint of the filters, which anyone can compute, so its inner Table
    /// token and offset are the requester's to choose.
    /// </summary>
    private async Task<IReadOnlyList<string>> ForgedContinuationsAsync()
    {
        // Raw UTF-8 in the forged JSON: 4 bytes of an emoji become 12 (%F0%9F%98%80) in the Table query's URL.
        JsonSerializerOptions rawText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        List<string> targets = [];
        foreach (string query in new[] { "pageSize=1", "pageSize=1&q=casal" })
        {
            RawResponse first = await RawHttp.SendAsync(fixture.BaseAddress, "GET", $"/api/otpc/agreements?{query}", AttackProbes.OfficeHeaders());
            Assert.Equal(200, first.Status);
            string continuation = JsonDocument.Parse(first.Body).RootElement.GetProperty("continuation").GetString()!;
            JsonObject token = JsonNode.Parse(Base64UrlDecode(continuation))!.AsObject();
            IEnumerable<(string Name, JsonNode? Value)> mutations =
            [
                ("TableToken", ""),
                ("TableToken", " "),
                ("TableToken", "x"),
                ("TableToken", "x y z"),
                ("TableToken", "' or PartitionKey ne '"),
                ("TableToken", "#?/\\"),
                ("TableToken", "\u0000 \u0000"),
                ("TableToken", new string('k', 2_900) + " " + new string('r', 2_900)),
                ("TableToken", new string('#', 2_900) + " " + new string('#', 2_900)),
                ("TableToken", string.Concat(Enumerable.Repeat("\U0001F600", 700)) + " " + string.Concat(Enumerable.Repeat("\U0001F600", 700))),
                ("TableToken", "meta p|" + AttackFixture.Victim),
                ("TableToken", "\ud800 x"),
                ("Offset", -1),
                ("Offset", int.MaxValue),
                ("Offset", JsonNode.Parse("1e12")),
                ("Offset", "1"),
                ("Fingerprint", "0000000000000000"),
                ("Fingerprint", null),
            ];
            foreach ((string name, JsonNode? value) in mutations)
            {
                JsonObject forged = token.DeepClone().AsObject();
                forged[name] = value?.DeepClone();
                targets.Add($"/api/otpc/agreements?{query}&continuation={Base64UrlEncode(Encoding.UTF8.GetBytes(forged.ToJsonString(rawText)))}");
            }

            targets.Add($"/api/otpc/agreements?{query}&continuation={Base64UrlEncode("null"u8.ToArray())}");
            targets.Add($"/api/otpc/agreements?{query}&continuation={Base64UrlEncode(Encoding.ASCII.GetBytes(new string('[', 100)))}");
            targets.Add($"/api/otpc/agreements?{query}&continuation={Base64UrlEncode([0xFF, 0xFE, 0x22])}");
        }

        return targets;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        string base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
