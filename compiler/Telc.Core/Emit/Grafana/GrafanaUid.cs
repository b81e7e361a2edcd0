using System.Security.Cryptography;
using System.Text;

namespace Telc.Emit.Grafana;

/// <summary>
/// Uids telc gives what it provisions in Grafana (data sources, folders, dashboards): fixed, derived from spec names,
/// so links and bookmarks survive every render. Grafana takes at most 40 characters of letters, digits, '-' and '_';
/// a longer name keeps a readable start and ends in a hash of the whole.
/// </summary>
public static class GrafanaUid
{
    public const int MaxLength = 40;

    public static string Datasource(string backend) => Of("telc-" + backend);

    public static string Folder(string title) => Of("telc-folder-" + title);

    public static string Of(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        if (text.Length <= MaxLength && text.ToString() == name)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..10];
        var start = text.ToString()[..Math.Min(text.Length, MaxLength - hash.Length - 1)];
        return $"{start}-{hash}";
    }
}
