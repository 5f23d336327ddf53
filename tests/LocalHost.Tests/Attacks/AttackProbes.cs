using System.Text;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>One request of an attack. <paramref name="Target"/> is the request target as it goes on the wire.</summary>
public sealed record Probe(string Method, string Target, string? Body, bool Office);

/// <summary>Sends attack requests over <see cref="RawHttp"/> and judges their responses and what they did to storage.</summary>
public static class AttackProbes
{
    /// <summary>
    /// Sends every probe, then checks that storage is exactly as before. Returns one line per
    /// request that <paramref name="judge"/> finds wrong, and one per storage change.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SendAsync(AttackFixture fixture, IReadOnlyList<Probe> probes, Func<RawResponse, string?> judge)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(judge);
        StorageSnapshot before = await fixture.QuietSnapshotAsync();
        List<string> failures = [];
        foreach (Probe probe in probes)
        {
            List<KeyValuePair<string, string>> headers = probe.Office ? OfficeHeaders() : [];
            byte[]? body = null;
            if (probe.Body is not null)
            {
                headers.Add(new("Content-Type", "application/json"));
                body = Encoding.UTF8.GetBytes(probe.Body);
            }

            RawResponse response = await RawHttp.SendAsync(fixture.BaseAddress, probe.Method, probe.Target, headers, body);
            if (judge(response) is string failure)
            {
                failures.Add($"{probe.Method} {Shorten(probe.Target)}: {failure}");
            }
        }

        StorageSnapshot after = await fixture.QuietSnapshotAsync();
        failures.AddRange(after.Changes(before).Select(change => "storage changed: " + change));
        return failures;
    }

    /// <summary>
    /// Expects a 4xx problem. Kestrel itself rejects a request target over its 8 KiB request line
    /// limit (414) or with an encoded NUL (400) before any middleware runs, so those responses have
    /// no body. The judge accepts those two statuses without a body too.
    /// </summary>
    public static string? ExpectRejected(RawResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response switch
        {
            { Status: >= 500 } => $"server error: {Describe(response)}",
            { Status: < 400 } => $"not rejected: {Describe(response)}",
            { Status: 400 or 414, Body.Length: 0, ContentType: null } => null,
            { IsProblem: false } => $"not problem+json: {Describe(response)}",
            _ => null,
        };
    }

    /// <summary>Expects any response but a server error. A 4xx must be a problem, as <see cref="ExpectRejected"/> judges it.</summary>
    public static string? ExpectNoServerError(RawResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Status < 400 ? null : ExpectRejected(response);
    }

    public static List<KeyValuePair<string, string>> OfficeHeaders() => [new("x-functions-key", AttackFixture.OfficeKey)];

    public static string Describe(RawResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return $"{response.Status} {response.ContentType ?? "(no content type)"} {Shorten(response.BodyText)}";
    }

    /// <summary>Returns hostile ids as plain text, to escape into a path or a query, or to put in a JSON body.</summary>
    public static IEnumerable<string> HostileValues(string own, string other) =>
    [
        "../",
        "../../agreements",
        "..",
        $"{own}/../{other}",
        $"{other}\0",
        new string('C', 10_000),
        LookAlike(other),
        "*",
        "'",
        "PartitionKey eq 'x'",
        $"{other}' or PartitionKey ne '",
        "|",
        $"{own}|{other}",
        "#",
        $"{own}#{other}",
        "?",
        $"{own}?token=x",
        " ",
        $" {other} ",
        "\t",
        $"{other}\n",
        "\u00a0" + other,
    ];

    /// <summary>Returns the id with its A and T replaced by the Cyrillic letters that look the same.</summary>
    public static string LookAlike(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Replace('A', '\u0410').Replace('T', '\u0422');
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : string.Concat(text.AsSpan(0, 160), $"… ({text.Length} characters)");
}
