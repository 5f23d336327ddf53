using BalancFunctions.LocalHost;

await using LocalHostApp host = await LocalHostApp.StartAsync(args);
foreach (Uri address in host.Addresses)
{
    Console.WriteLine($"BalancFunctions LocalHost listening on {address}");
}

await host.WaitForShutdownAsync();
