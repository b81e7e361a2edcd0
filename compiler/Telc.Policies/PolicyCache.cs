using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Telc.Policies;

/// <summary>
/// Compiled policy assemblies on disk, named by the hash of their sources and of telc's build. What is loaded from it
/// runs as the policies, so an entry is used only from a folder that is the user's alone (mode 0700, which only its
/// owner can set), only when it is a regular file no one else may write, and only when the assembly is the one its
/// name promises (an entry copied over another, or a damaged one, is compiled afresh and replaced).
/// </summary>
public sealed class PolicyCache
{
    /// <summary>A compiled policy assembly is tens of KiB; anything this large in the cache is not one of ours.</summary>
    private const long MaxAssemblyBytes = 64L * 1024 * 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string? directory;

    private PolicyCache(string? directory) => this.directory = directory;

    /// <summary>The cache in this folder, made the user's alone; no cache (compile every time) when the folder is someone else's.</summary>
    public static PolicyCache In(string? directory)
    {
        if (directory is null || OperatingSystem.IsWindows())
        {
            return new PolicyCache(null);
        }

        try
        {
            Directory.CreateDirectory(directory, OwnerOnly);
            if ((File.GetAttributes(directory) & FileAttributes.ReparsePoint) != 0)
            {
                return new PolicyCache(null);
            }

            File.SetUnixFileMode(directory, OwnerOnly); // fails unless the folder is ours
            return new PolicyCache(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PolicyCache(null);
        }
    }

    /// <summary>The assembly cached for this key, or null when there is none to trust.</summary>
    public byte[]? Load(string key)
    {
        if (directory is null || OperatingSystem.IsWindows())
        {
            return null;
        }

        var path = Path.Combine(directory, key + ".dll");
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.LinkTarget is not null || (file.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                return null;
            }

            var bytes = Sources.RegularFile.Read(path, MaxAssemblyBytes);
            return bytes is not null && AssemblyName(bytes) == PolicyCompiler.AssemblyNameFor(key) ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps the assembly for the next run; a cache that cannot be written is not an error.</summary>
    public void Store(string key, byte[] assembly)
    {
        if (directory is null || OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(directory, key + ".dll");
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                stream.Write(assembly);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The name the assembly declares, or null for bytes that are not an assembly.</summary>
    private static string? AssemblyName(byte[] bytes)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(bytes));
            var metadata = pe.GetMetadataReader();
            return metadata.IsAssembly ? metadata.GetString(metadata.GetAssemblyDefinition().Name) : null;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
