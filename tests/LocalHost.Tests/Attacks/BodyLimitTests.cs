using System.Text;
using System.Text.Json;
using BalancFunctions.Functions.Api;
using Xunit.Abstractions;

namespace BalancFunctions.LocalHost.Tests.Attacks;

/// <summary>
/// Bodies over the limit of every route that reads one, with Content-Length and chunked: each gets
/// 413 problem+json and nothing is stored. Each body starts as a valid request that would change
/// storage, padded with spaces, so that a server that read it whole would store something. A 50 MB
/// body must get its response while it is still being sent.
/// </summary>
[Collection(AttackTestGroup.Name)]
public sealed class BodyLimitTests(AttackFixture fixture, ITestOutputHelper output)
{
    private const long FiftyMegabytes = 50L * 1000 * 1000;

    /// <summary>A reminder policy's <c>before</c> list: one reminder 10 days before each due date.</summary>
    private static readonly string[] TenDaysBefore = ["P10D"];

    /// <summary>A route that reads a body, the limit its handler sets, and a valid body to pad.</summary>
    private sealed record Upload(string Method, string Target, long LimitBytes, string ContentType, string Prefix, bool Office);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OneByteOverLimit_Returns413WithoutChanges(bool chunked)
    {
        // A chunked body is over the limit only once its last byte is read, so the 413 may come after it.
        IReadOnlyList<string> failures = await this.UploadToEveryRouteAsync(upload => upload.LimitBytes + 1, chunked, responseBeforeEnd: false);

        AttackAssert.None(failures);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FiftyMegabytes_Returns413BeforeUploadEnds(bool chunked)
    {
        IReadOnlyList<string> failures = await this.UploadToEveryRouteAsync(_ => FiftyMegabytes, chunked, responseBeforeEnd: true);

        AttackAssert.None(failures);
    }

    [Fact]
    public async Task BodiesAtTheLimit_PassTheSizeCheck()
    {
        // Bodies of exactly the limit, for a missing agreement or with a wrong token: read whole, then rejected for that.
        List<string> failures = [];
        foreach (Upload upload in await this.UploadsAsync(harmless: true))
        {
            UploadOutcome outcome = await SendAsync(fixture.BaseAddress, upload, upload.LimitBytes, chunked: true);
            if (outcome.Response.Status is 413 or < 400 or >= 500)
            {
                failures.Add($"{upload.Method} {upload.Target} ({upload.LimitBytes} bytes): {outcome.Response.Status} {outcome.Response.BodyText}");
            }
        }

        AttackAssert.None(failures);
    }

    /// <summary>
    /// Uploads a body of the given length to every route that reads one, and returns one line per
    /// response that is not a 413 problem, per response that came only after the whole body when
    /// <paramref name="responseBeforeEnd"/> is set, and per change in storage.
    /// </summary>
    private async Task<IReadOnlyList<string>> UploadToEveryRouteAsync(Func<Upload, long> bodyLength, bool chunked, bool responseBeforeEnd)
    {
        IReadOnlyList<Upload> uploads = await this.UploadsAsync();
        StorageSnapshot before = await fixture.QuietSnapshotAsync();
        List<string> failures = [];
        foreach (Upload upload in uploads)
        {
            UploadOutcome outcome = await SendAsync(fixture.BaseAddress, upload, bodyLength(upload), chunked);
            output.WriteLine($"{upload.Method} {upload.Target}: {outcome.Response.Status} after {outcome.SentBeforeResponse} of {outcome.BodyLength} bytes");
            failures.AddRange(Judge(upload, outcome));
            if (responseBeforeEnd && outcome.SentBeforeResponse >= outcome.BodyLength)
            {
                failures.Add($"{upload.Method} {upload.Target}: the response came only after all {outcome.BodyLength} bytes were sent");
            }
        }

        StorageSnapshot after = await fixture.QuietSnapshotAsync();
        failures.AddRange(after.Changes(before).Select(change => "storage changed: " + change));
        return failures;
    }

    /// <summary>
    /// Returns every route that reads a body, each with a valid body for the fixture's agreements;
    /// or, when <paramref name="harmless"/>, with the missing agreement, a wrong token and a CSV that is not a register.
    /// </summary>
    private async Task<IReadOnlyList<Upload>> UploadsAsync(bool harmless = false)
    {
        string open = harmless ? AttackFixture.Missing : AttackFixture.Open;
        string openToken = harmless ? "wrong-token" : await AttackRegister.TokenAsync(fixture.Client, AttackFixture.OfficeKey, open);
        string attackerToken = harmless ? "wrong-token" : fixture.AttackerToken;
        string register = harmless ? "not,a,register\n" : AttackRegister.Csv(["AT-2026-0050"]);
        DateOnly today = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow);
        string registry = $"agreements/{(harmless ? AttackFixture.Missing : AttackFixture.Attacker)}/submissions/{fixture.AttackerSubmissionId}/registry";

        // SubmissionHandler and ImportHandler publish their limits. The others are private constants
        // of their handlers: 48 KiB for drafts, 16 KiB for office actions and registry entries, and
        // 4 KiB for reminder resends.
        const long draftLimit = 48 * 1024;
        const long smallLimit = 16 * 1024;
        const long resendLimit = 4 * 1024;
        return
        [
            new("POST", "/api/balances", SubmissionHandler.MaxBodyBytes, "application/json", AttackRegister.Balance(open, openToken), false),
            new("POST", "/api/otpc/agreements/import", ImportHandler.MaxBodyBytes, "text/csv", register, true),
            new("PUT", $"/api/agreements/{open}/draft", draftLimit, "application/json", AttackRegister.Draft(openToken, "Esborrany massa gran"), false),
            new("POST", $"/api/otpc/agreements/{open}/extensions", smallLimit, "application/json", Json(new { dueDate = Date(today.AddDays(60)), newDueDate = Date(today.AddDays(70)) }), true),
            new("POST", $"/api/otpc/agreements/{open}/renewals", smallLimit, "application/json", Json(new { newEndDate = Date(today.AddYears(5)), kind = "renovacio" }), true),
            new("POST", $"/api/otpc/agreements/{open}/early-end", smallLimit, "application/json", Json(new { endDate = Date(today.AddDays(1)) }), true),
            new("PUT", $"/api/otpc/agreements/{open}/contacts", smallLimit, "application/json", Json(new { contactName = "Nom massa llarg" }), true),
            new("PUT", $"/api/otpc/agreements/{open}/reminder-policy", smallLimit, "application/json", Json(new { before = TenDaysBefore, overdueRepeat = (string?)null, localTime = "09:00" }), true),
            new("POST", "/api/" + registry, smallLimit, "application/json", AttackRegister.RegistryEntry(attackerToken), false),
            new("POST", "/api/otpc/" + registry, smallLimit, "application/json", AttackRegister.RegistryEntry(null), true),
            new("POST", $"/api/otpc/agreements/{open}/reminders", resendLimit, "application/json", Json(new { requestId = "attack-body-limit-1" }), true),
        ];
    }

    private static Task<UploadOutcome> SendAsync(Uri baseAddress, Upload upload, long bodyLength, bool chunked)
    {
        List<KeyValuePair<string, string>> headers = [new("Content-Type", upload.ContentType)];
        if (upload.Office)
        {
            headers.Add(new("x-functions-key", AttackFixture.OfficeKey));
        }

        return RawHttp.UploadAsync(baseAddress, upload.Method, upload.Target, headers, Encoding.UTF8.GetBytes(upload.Prefix), bodyLength, chunked);
    }

    private static IEnumerable<string> Judge(Upload upload, UploadOutcome outcome)
    {
        string request = $"{upload.Method} {upload.Target} ({outcome.BodyLength} bytes)";
        if (outcome.Response.Status != 413)
        {
            yield return $"{request}: {outcome.Response.Status} {outcome.Response.BodyText}";
        }
        else if (!outcome.Response.IsProblem)
        {
            yield return $"{request}: 413 without problem+json ({outcome.Response.ContentType})";
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
