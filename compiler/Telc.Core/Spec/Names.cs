namespace Telc.Spec;

/// <summary>Patterns for names that end up in Kubernetes objects and config files.</summary>
public static class Names
{
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public const string KebabId = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
}
