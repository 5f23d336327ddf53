using System.Reflection;
using BalancFunctions.Functions.Api;
using BalancFunctions.Functions.Lifecycle;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>The LocalHost serves every HTTP trigger of the Functions app, on the same route and method.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class HostParityTests(LocalHostFixture fixture)
{
    [Fact]
    public void Routes_EveryHttpTrigger_MappedLocally()
    {
        HashSet<string> localRoutes = [.. fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"))];

        string[] functionRoutes = [.. typeof(HttpFunctions).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(trigger => trigger.Methods!.Select(method => $"{method.ToUpperInvariant()} /api/{trigger.Route}"))];

        Assert.Equal(24, functionRoutes.Length);
        Assert.All(functionRoutes, route => Assert.Contains(route, localRoutes));
    }

    [Fact]
    public void Activities_TriggerNames_MatchOrchestrator()
    {
        string[] triggerNames = [.. typeof(LifecycleFunctions).GetMethods()
            .Select(method => method.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

        Assert.Equal(
            [nameof(LifecycleActivities.PlanCycle), nameof(LifecycleActivities.RunStep)],
            triggerNames);
    }
}
