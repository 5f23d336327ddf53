using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>OTPC endpoints need the office key; entity endpoints need the agreement's own token.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class AccessTests(LocalHostFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task OfficeEndpoints_WithoutTheKey_Return401Problem(string? key)
    {
        foreach (string path in new[] { "api/otpc/agreements", "api/otpc/agreements/PC-2019-0001" })
        {
            using HttpRequestMessage request = new(HttpMethod.Get, path);
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            using HttpResponseMessage response = await fixture.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using HttpRequestMessage import = new(HttpMethod.Post, "api/otpc/agreements/import") { Content = new StringContent("agreement_id\n", Encoding.UTF8, "text/csv") };
        using HttpResponseMessage importResponse = await fixture.Client.SendAsync(import);
        Assert.Equal(HttpStatusCode.Unauthorized, importResponse.StatusCode);
    }

    [Fact]
    public async Task Health_WhenReady_Returns200()
    {
        using HttpResponseMessage response = await fixture.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pdf_WithAnotherAgreementsToken_Returns403()
    {
        await fixture.WaitForSeedAsync();
        string otherToken = await fixture.TokenAsync("PC-2025-0002");

        using HttpResponseMessage response = await fixture.Client.GetAsync($"api/agreements/PC-2019-0001/submissions/0123456789abcdef0123/pdf?token={otherToken}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("token", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
