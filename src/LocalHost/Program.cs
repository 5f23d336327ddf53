using System.Globalization;
using BalancFunctions.LocalHost;

// Logs and messages format dates and numbers the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

await using LocalHostApp host = await LocalHostApp.StartAsync(args);
foreach (Uri address in host.Addresses)
{
    Console.WriteLine($"BalancFunctions LocalHost listening on {address}");
}

await host.WaitForShutdownAsync();
