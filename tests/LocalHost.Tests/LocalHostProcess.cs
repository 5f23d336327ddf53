using System.Diagnostics;
using System.Globalization;

namespace BalancFunctions.LocalHost.Tests;

/// <summary>
/// The LocalHost as a separate process, started from the test's output folder, so that a test can
/// kill it (SIGKILL, no shutdown) and start it again on the same storage.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;

    private LocalHostProcess(Process process) => this.process = process;

    public static async Task<LocalHostProcess> StartAsync(IReadOnlyList<string> args, Uri baseAddress)
    {
        ProcessStartInfo start = new("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BalancFunctions.LocalHost.dll"));
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("The LocalHost process did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using HttpClient client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The LocalHost process exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)} during start-up.");
            }

            try
            {
                using HttpResponseMessage response = await client.GetAsync("api/health");
                if (response.IsSuccessStatusCode)
                {
                    return new LocalHostProcess(process);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The LocalHost process did not answer /api/health within 90 s.");
    }

    /// <summary>Kills the process at once, as a crash would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        this.process.Kill(entireProcessTree: true);
        await this.process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!this.process.HasExited)
        {
            await this.KillAsync();
        }

        this.process.Dispose();
    }
}
