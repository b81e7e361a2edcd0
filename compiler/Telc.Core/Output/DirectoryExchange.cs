using System.Runtime.InteropServices;
using System.Text;

namespace Telc.Output;

/// <summary>
/// Swaps two folders in one step where the platform can (Linux renameat2 with RENAME_EXCHANGE), so that a reader of
/// the target (Argo CD, a file watcher) never finds it missing, as it would between two renames.
/// </summary>
internal static partial class DirectoryExchange
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint Exchange = 2; // RENAME_EXCHANGE

    /// <returns>False when this platform or file system cannot exchange; nothing has changed then.</returns>
    public static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return renameat2(CurrentDirectory, Terminated(first), CurrentDirectory, Terminated(second), Exchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library without renameat2
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    private static byte[] Terminated(string path) => Encoding.UTF8.GetBytes(path + '\0');

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // byte arrays are blittable: no marshalling code to generate, and no unsafe code needed
    private static extern int renameat2(int oldDirectory, byte[] oldPath, int newDirectory, byte[] newPath, uint flags);
#pragma warning restore SYSLIB1054
}
