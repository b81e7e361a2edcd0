using System.Diagnostics;

namespace Telc.Tests.Support;

/// <summary>
/// telc published as a native executable (Native AOT, as `dotnet publish -r linux-x64` does) once per test run, into
/// a scratch folder with its own intermediate files so that it never touches the build the tests run from.
/// With TELC_EMPTY_PACKAGE_CACHE=1 (as .ci/run sets) it restores into an empty package folder of its own, proving that
/// the publish works on a fresh machine: a warm cache once hid a restore that never fetched the ReadyToRun compiler.
/// </summary>
public sealed class NativeTelc : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly Lazy<string> binary;

    public NativeTelc() => binary = new Lazy<string>(Publish);

    /// <summary>Runs the native telc; skipped (failed under TELC_TOOLS_REQUIRED=1) where there is no C toolchain to link it.</summary>
    public CliResult Run(string workingDirectory, params string[] args)
    {
        ExternalTools.Require("clang");
        var info = new ProcessStartInfo(binary.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("NO_COLOR");
        info.Environment["TELC_CACHE_DIR"] = PolicyCacheHolder.Folder;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output, error.Result);
    }

    private string Publish()
    {
        var output = Path.Combine(folder.Path, "telc");
        string[] arguments = ["publish", RepoPaths.Combine("compiler", "Telc.Cli"),
            "-c", "Release", "-r", "linux-x64", "-o", output, "--artifacts-path", Path.Combine(folder.Path, "artifacts"), "--nologo"];
        if (Environment.GetEnvironmentVariable("TELC_EMPTY_PACKAGE_CACHE") == "1")
        {
            arguments = [.. arguments, "--packages", Path.Combine(folder.Path, "packages")];
        }

        var (exitCode, log) = ExternalTools.Run(TimeSpan.FromMinutes(10), "dotnet", arguments);
        Assert.True(exitCode == 0, "dotnet publish of the native telc failed:\n" + log);
        return Path.Combine(output, "telc");
    }

    public void Dispose() => folder.Dispose();
}
