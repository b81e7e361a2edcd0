using System.Diagnostics;
using System.Text;

namespace Telc.Sources;

/// <summary>The few git plumbing calls telc needs, through the git CLI.</summary>
internal static class Git
{
    public static GitResult Run(string workingDirectory, IReadOnlyList<string> arguments, bool allowFailure = false)
    {
        using var process = Start(workingDirectory, arguments);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var result = new GitResult(process.ExitCode, output, error.Result);
        if (result.ExitCode != 0 && !allowFailure)
        {
            throw new IOException($"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error.Trim()}");
        }

        return result;
    }

    /// <summary>Reads many blobs in one <c>git cat-file --batch</c> process.</summary>
    public static Dictionary<string, byte[]> ReadBlobs(string workingDirectory, IReadOnlyList<string> shas)
    {
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (shas.Count == 0)
        {
            return blobs;
        }

        using var process = Start(workingDirectory, ["cat-file", "--batch"]);
        var error = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(() =>
        {
            foreach (var sha in shas)
            {
                process.StandardInput.Write(sha + "\n");
            }

            process.StandardInput.Close();
        });

        var stream = process.StandardOutput.BaseStream;
        foreach (var sha in shas)
        {
            var header = ReadLine(stream).Split(' ');
            if (header.Length < 3 || header[1] != "blob")
            {
                throw new IOException($"git cat-file could not read object {sha}: {string.Join(' ', header)}");
            }

            var content = new byte[int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture)];
            stream.ReadExactly(content);
            stream.ReadByte(); // the newline after each object
            blobs[sha] = content;
        }

        writer.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new IOException($"git cat-file failed ({process.ExitCode}): {error.Result.Trim()}");
        }

        return blobs;
    }

    private static Process Start(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["LC_ALL"] = "C";
        try
        {
            return Process.Start(info) ?? throw new IOException("git could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException("the git CLI is needed to read a git ref, and it could not be started: " + e.Message, e);
        }
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) != -1 && b != '\n')
        {
            bytes.Add((byte)b);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

internal sealed record GitResult(int ExitCode, string Output, string Error);
