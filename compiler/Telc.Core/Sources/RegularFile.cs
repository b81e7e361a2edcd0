using System.Text;

namespace Telc.Sources;

/// <summary>
/// Reads a file that hostile input names (a spec or policy file, a rendered file, --body-file, GITHUB_EVENT_PATH, an
/// argument). A FIFO, a socket or a device where a file is expected would block telc forever or never end; they, like
/// empty files, report a size of 0, so a file of size 0 is never opened. At most the size reported before opening is
/// read, so a file that grows meanwhile cannot make the read unbounded either.
/// </summary>
public static class RegularFile
{
    /// <summary>The content, or null for a file of size 0: empty, or not a regular file (FIFO, socket, device).</summary>
    /// <exception cref="IOException">The file is larger than <paramref name="limit"/>, or cannot be read.</exception>
    public static byte[]? Read(string path, long limit)
    {
        var size = new FileInfo(path).Length;
        if (size == 0)
        {
            return null;
        }

        if (size > limit)
        {
            throw new IOException($"the file is {size:N0} bytes, more than the {limit:N0} telc reads");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var content = new byte[size];
        var read = 0;
        while (read < content.Length && stream.Read(content, read, content.Length - read) is var count and > 0)
        {
            read += count;
        }

        return read == content.Length ? content : content[..read];
    }

    /// <summary>The content as UTF-8 text; null for a file of size 0 (see <see cref="Read"/>).</summary>
    public static string? ReadText(string path, long limit) =>
        Read(path, limit) is { } bytes ? new UTF8Encoding(false).GetString(bytes) : null;

    /// <summary>What a message says of a file of size 0.</summary>
    public const string EmptyOrSpecial = "is empty or not a regular file (a FIFO, socket or device is never read)";
}
