namespace Telc.Spec;

/// <summary>Patterns for names that end up in Kubernetes objects and config files.</summary>
public static class Names
{
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public const string KebabId = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";

    public static bool IsDnsLabel(string name) => name.Length <= 63 && System.Text.RegularExpressions.Regex.IsMatch(name, DnsLabel);

    public static bool IsDnsSubdomain(string name) =>
        name.Length <= 253 && name.Split('.').All(part => part.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(part, DnsLabel));
}
