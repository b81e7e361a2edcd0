using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Telc.Policies;

/// <summary>
/// One telc-policy process under its memory budget: started with the request, which it receives while telc goes on,
/// then given the verdict; killed when disposed before it ends.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly Task requestSent;

    private WorkerProcess(Process process, Task requestSent)
    {
        this.process = process;
        this.requestSent = requestSent;
        Errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>What the worker wrote on standard error: the reason it gives when it fails to start or ends early.</summary>
    public Task<string> Errors { get; }

    public StreamReader Output => process.StandardOutput;

    public int ExitCode => process.ExitCode;

    /// <returns>The started worker, or why it did not start.</returns>
    public static (WorkerProcess? Worker, string? Failure) Start(PolicyWorkerSettings settings, PolicyRequest request)
    {
        var info = new ProcessStartInfo(settings.Worker!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Confine(info.Environment);
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + settings.MemoryLimitBytes.ToString("x", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return (null, $"the policy worker '{settings.Worker}' did not start: {e.Message}");
        }

        // Written in the background: a large spec fills the pipe long before the worker has read it.
        var sent = process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, PolicyProtocolJson.Default.PolicyRequest));
        return (new WorkerProcess(process, sent), null);
    }

    /// <summary>
    /// What the worker needs to start .NET and nothing else: telc runs in CI with tokens in its environment
    /// (GITHUB_TOKEN, cloud credentials), and the worker runs code from the pull request.
    /// </summary>
    private static void Confine(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(n => !InheritedVariables.Contains(n)).ToArray())
        {
            environment.Remove(name);
        }
    }

    private static readonly HashSet<string> InheritedVariables = new(StringComparer.Ordinal)
    {
        "PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "DOTNET_ROOT", "DOTNET_ROOT_X64", "DOTNET_ROOT_ARM64",
    };

    /// <summary>Hands the worker telc's verdict; one that ended before (its policies do not compile) says why in its output.</summary>
    public void SendVerdict(PolicyVerdict verdict)
    {
        try
        {
            requestSent.GetAwaiter().GetResult();
            process.StandardInput.WriteLine(JsonSerializer.Serialize(verdict, PolicyProtocolJson.Default.PolicyVerdict));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // it ended without reading everything: its output tells why
        }
    }

    public void WaitForExit() => process.WaitForExit();

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // it ended on its own meanwhile
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
