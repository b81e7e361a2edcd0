namespace Telc.Diff;

/// <summary>
/// What makes two rendered objects the same object on both sides: the cluster folder it is rendered into and its
/// Kubernetes identity. <see cref="Cluster"/> is empty for the GitOps objects beside the cluster folders.
/// </summary>
public sealed record ObjectIdentity(string Cluster, string ApiVersion, string Kind, string Namespace, string Name) : IComparable<ObjectIdentity>
{
    public string Display => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    public int CompareTo(ObjectIdentity? other)
    {
        if (other is null)
        {
            return 1;
        }

        foreach (var (mine, theirs) in new[] { (Cluster, other.Cluster), (Kind, other.Kind), (Namespace, other.Namespace), (Name, other.Name), (ApiVersion, other.ApiVersion) })
        {
            var order = string.CompareOrdinal(mine, theirs);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
