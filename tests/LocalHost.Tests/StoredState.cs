using System.Reflection;
using Azure.Data.Tables;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Storage;
using BalancFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>One HTTP trigger of the Functions app: its method, its route below <c>/api/</c> and its authorisation level.</summary>
public sealed record HttpTriggerRoute(string Method, string Route, AuthorizationLevel Level);

/// <summary>What the tests of access rules read to show that a rejected request changed nothing, and the routes they attack.</summary>
internal static class StoredState
{
    /// <summary>
    /// Returns every row of an agreement's partition (agreement, submissions, log, draft) with its
    /// ETag and timestamp, read from Azurite through the LocalHost's own repository.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadPartitionAsync(LocalHostFixture fixture, string agreementId)
    {
        TableClient table = fixture.Host.Services.GetRequiredService<AgreementRepository>().Table;
        Dictionary<string, string> rows = new(StringComparer.Ordinal);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {agreementId}")))
        {
            rows[row.RowKey] = $"{row.ETag} {row.Timestamp:O}";
        }

        return rows;
    }

    /// <summary>Returns how many e-mails about an agreement the SMTP server has accepted; their Message-IDs start with its id.</summary>
    public static int MailCount(LocalHostFixture fixture, string agreementId) =>
        fixture.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, agreementId + ".")).Count;

    /// <summary>Returns every HTTP trigger of the Functions app, found by reflection, so that a route added later is covered too.</summary>
    public static IReadOnlyList<HttpTriggerRoute> HttpTriggers() =>
        [.. typeof(HttpFunctions).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(trigger => trigger.Methods!.Select(method => new HttpTriggerRoute(method.ToUpperInvariant(), trigger.Route!, trigger.AuthLevel)))];
}
