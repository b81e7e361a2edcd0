namespace Telc.Diff;

/// <summary>
/// The Argo CD Applications and Flux Kustomizations beside the cluster folders: what decides which revision and path
/// each cluster follows, so redirecting or removing one can stop every later change from arriving.
/// </summary>
public static class GitOpsChanges
{
    private static readonly string[] Redirecting = ["revision", "targetRevision", "ref", "branch", "path", "repoURL", "url"];

    public static void Compare(IEnumerable<ObjectDiff> objects, ChangeList changes)
    {
        foreach (var diff in objects)
        {
            var subject = diff.Identity.Display;
            switch (diff.Kind)
            {
                case ChangeKind.Added:
                    changes.Add(ChangeArea.Cluster, subject, ChangeKind.Added, "added: a GitOps tool starts syncing it", Risk.Low);
                    break;
                case ChangeKind.Removed:
                    changes.Add(ChangeArea.Cluster, subject, ChangeKind.Removed, "removed: its cluster is no longer synced", Risk.High);
                    break;
                default:
                    var redirects = diff.Fields.Any(f => Redirecting.Any(r => f.Path.EndsWith("." + r, StringComparison.Ordinal)));
                    changes.Add(ChangeArea.Cluster, subject, ChangeKind.Changed, FieldChange.Summarise(diff.Fields) + (redirects ? ": the cluster follows another source" : string.Empty),
                        redirects ? Risk.High : Risk.Medium);
                    break;
            }
        }
    }
}
