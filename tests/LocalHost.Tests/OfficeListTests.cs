using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BalancFunctions.Tests.Support;
using CsvHelper;
using CsvHelper.Configuration;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>The OTPC's list, counts and CSV export over HTTP, on the sample register in Azurite.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class OfficeListTests(LocalHostFixture fixture)
{
    /// <summary>A name with what a CSV file must carry intact: accents, the middle dot, quotes and the separator.</summary>
    private const string HardName = "Associació \"Punt; i Coma\" de l'Eixample · Col·lectiu";

    [Fact]
    public async Task List_Filters_ReturnOnlyMatchingAgreements()
    {
        await fixture.WaitForSeedAsync();
        List<JsonElement> all = await this.ReadAllAsync("api/otpc/agreements?pageSize=13");
        Assert.True(all.Count >= 120);
        Assert.Equal(all.Count, all.Select(item => item.GetProperty("agreementId").GetString()).Distinct().Count());

        foreach (string status in all.Select(item => Status(item)).Distinct())
        {
            List<JsonElement> filtered = await this.ReadAllAsync($"api/otpc/agreements?status={status}&pageSize=50");
            Assert.Equal(all.Count(item => Status(item) == status), filtered.Count);
        }

        List<JsonElement> gracia = await this.ReadAllAsync("api/otpc/agreements?district=gracia");
        Assert.NotEmpty(gracia);
        Assert.Equal(all.Count(item => item.GetProperty("district").GetString() == "Gràcia"), gracia.Count);

        List<JsonElement> besos = await this.ReadAllAsync("api/otpc/agreements?q=BESOS&sort=name");
        Assert.True(besos.Count >= 3);
        Assert.All(besos, item => Assert.Contains("Besòs", item.GetProperty("entityName").GetString(), StringComparison.Ordinal));
        string[] names = [.. besos.Select(item => item.GetProperty("entityName").GetString()!)];
        Assert.Equal(names.OrderBy(name => name, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreCase)), names);

        DateOnly today = BalancFunctions.Domain.Calendar.MadridTime.LocalDate(DateTimeOffset.UtcNow);
        string window = $"dueFrom={today:yyyy-MM-dd}&dueTo={today.AddDays(90):yyyy-MM-dd}";
        List<JsonElement> soon = await this.ReadAllAsync($"api/otpc/agreements?{window}&type=cessio-us");
        Assert.All(soon, item =>
        {
            DateOnly next = DateOnly.Parse(item.GetProperty("nextDueDate").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(next, today, today.AddDays(90));
            Assert.Equal("cessio-us", item.GetProperty("type").GetString());
        });
    }

    [Theory]
    [InlineData("status=tardà", "status", "unknown-status")]
    [InlineData("type=lloguer", "type", "unknown-type")]
    [InlineData("dueFrom=2027-02-30", "dueFrom", "invalid-date")]
    [InlineData("dueFrom=2027-03-01&dueTo=2027-02-01", "dueTo", "before-start")]
    [InlineData("pageSize=0", "pageSize", "out-of-range")]
    [InlineData("pageSize=5000", "pageSize", "out-of-range")]
    [InlineData("sort=district", "sort", "unknown-sort")]
    [InlineData("awaiting=maybe", "awaiting", "not-boolean")]
    [InlineData("continuation=eyJ4IjoxfQ", "continuation", "invalid-continuation")]
    public async Task List_BadFilter_Returns400InSpanish(string query, string field, string rule)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, "api/otpc/agreements?" + query);
        request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);
        request.Headers.Add("Accept-Language", "es");

        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(rule, error.GetProperty("code").GetString());
        Assert.Equal("La consulta tiene errores", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("' or PartitionKey ne '")]
    [InlineData("x' eq 'x")]
    [InlineData("\"; DROP TABLE")]
    [InlineData("Besòs' or '1' eq '1")]
    [InlineData("\u202Eabc")]
    [InlineData("l·l ĳ ﬁ")]
    public async Task List_QuotesAndODataInSearch_AreSearchedAsText(string search)
    {
        using HttpResponseMessage response = await fixture.OfficeGetAsync("api/otpc/agreements?q=" + Uri.EscapeDataString(search));
        JsonElement page = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task List_SearchWithoutWords_ListsEveryAgreement()
    {
        JsonElement all = await fixture.OfficeGetJsonAsync("api/otpc/agreements?pageSize=20");
        JsonElement emoji = await fixture.OfficeGetJsonAsync("api/otpc/agreements?pageSize=20&q=" + Uri.EscapeDataString("🎉 · ?"));

        Assert.Equal(all.GetProperty("items").GetArrayLength(), emoji.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Counts_AgreeWithTheList()
    {
        await fixture.WaitForSeedAsync();
        JsonElement counts = await fixture.OfficeGetJsonAsync("api/otpc/counts");
        List<JsonElement> all = await this.ReadAllAsync("api/otpc/agreements?pageSize=200");

        Assert.Equal(all.Count, counts.GetProperty("total").GetInt32());
        foreach (JsonProperty status in counts.GetProperty("byStatus").EnumerateObject())
        {
            Assert.Equal(all.Count(item => Status(item) == status.Name), status.Value.GetInt32());
        }

        foreach (JsonProperty district in counts.GetProperty("byDistrict").EnumerateObject())
        {
            Assert.Equal(all.Count(item => item.GetProperty("district").GetString() == district.Name), district.Value.GetInt32());
        }

        Assert.Equal(all.Count(item => item.GetProperty("status").GetProperty("awaitingRegistration").GetBoolean()), counts.GetProperty("awaitingRegistration").GetInt32());
    }

    [Fact]
    public async Task Export_Csv_KeepsAccentsQuotesSeparators()
    {
        await fixture.WaitForSeedAsync();
        await this.ImportHardNameAsync();

        using HttpResponseMessage response = await fixture.OfficeGetAsync("api/otpc/exports/agreements.csv?district=eixample");
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
        List<string[]> records = ReadCsv(body);
        Assert.Equal(["Conveni", "Entitat", "Tipus", "Districte"], records[0][..4]);
        string[] hard = Assert.Single(records, record => record[0] == "PC-2026-9901");
        Assert.Equal(HardName, hard[1]);
        Assert.Equal("Conveni de cessió d'ús", hard[2]);
        List<JsonElement> listed = await this.ReadAllAsync("api/otpc/agreements?district=eixample");
        Assert.Equal(listed.Count, records.Count - 1);
        Assert.All(records, record => Assert.Equal(11, record.Length));
    }

    private static string Status(JsonElement item) => item.GetProperty("status").GetProperty("code").GetString()!;

    /// <summary>Reads a CSV export the way a spreadsheet does: UTF-8 with its BOM, semicolons, RFC 4180 quoting.</summary>
    private static List<string[]> ReadCsv(byte[] body)
    {
        using StreamReader text = new(new MemoryStream(body), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using CsvReader csv = new(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", HasHeaderRecord = false, BadDataFound = context => throw new InvalidDataException(context.RawRecord) });
        List<string[]> records = [];
        while (csv.Read())
        {
            records.Add(csv.Parser.Record!);
        }

        return records;
    }

    private async Task ImportHardNameAsync()
    {
        string header = (await File.ReadAllLinesAsync(Path.Combine(LocalHostFixture.RepositoryRoot, "data", "agreements-sample.csv")))[0];
        string quoted = "\"" + HardName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        string row = $"PC-2026-9901,cessio-us,{quoted},G52690781,Local,\"Carrer de Provença, 1, 08036 Barcelona\",Eixample,la Dreta de l'Eixample,2026-01-10,2030-01-10,12,90,,Laia Puig,eixample@example.org,presidencia.eixample@example.net,ca";
        using HttpRequestMessage request = new(HttpMethod.Post, "api/otpc/agreements/import")
        {
            Content = new StringContent(header + "\n" + row + "\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("x-functions-key", LocalHostFixture.OfficeKey);
        using HttpResponseMessage response = await fixture.Client.SendAsync(request);
        JsonElement report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());
    }

    private async Task<List<JsonElement>> ReadAllAsync(string path)
    {
        List<JsonElement> items = [];
        string? continuation = null;
        do
        {
            string separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            JsonElement page = await fixture.OfficeGetJsonAsync(continuation is null ? path : $"{path}{separator}continuation={Uri.EscapeDataString(continuation)}");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);

        return items;
    }
}
