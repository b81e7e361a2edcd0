using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Telc.Tests.Support;

/// <summary>
/// A real server (prometheus, alertmanager) run on 127.0.0.1 for one test: started on a free port, asked over HTTP
/// until it answers or a deadline passes, and always stopped.
/// </summary>
public sealed class LocalServer : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly Task<string> log;

    private LocalServer(Process process, int port)
    {
        this.process = process;
        log = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public HttpClient Http { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts the program with its arguments; <paramref name="arguments"/> gets the port to listen on.</summary>
    public static LocalServer Start(string program, Func<int, IEnumerable<string>> arguments)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments(port))
        {
            info.ArgumentList.Add(argument);
        }

        return new LocalServer(Process.Start(info)!, port);
    }

    /// <summary>
    /// Asks <paramref name="ready"/> until it says yes, the server exits or the deadline passes; whether it said yes.
    /// A request the server refuses (not listening yet) counts as no.
    /// </summary>
    public async Task<bool> WaitUntil(Func<HttpClient, Task<bool>> ready)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Deadline && !process.HasExited)
        {
            try
            {
                if (await ready(Http))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>What the server wrote to standard error, once it has exited.</summary>
    public async Task<string> ExitLog() => process.HasExited ? await log : string.Empty;

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(10_000);
        process.Dispose();
        Http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
