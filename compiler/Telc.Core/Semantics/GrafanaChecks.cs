using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// What a Grafana backend needs: the Secret its admin password comes from, named in the spec rather than left to
/// Grafana's well-known default; and one replica, as its SQLite database on the volume cannot be shared.
/// </summary>
public static class GrafanaChecks
{
    public static void Check(Resource resource, GrafanaBackend grafana, List<Diagnostic> diagnostics)
    {
        if (grafana.AdminPasswordSecretRef is null)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.MissingProperty, grafana.Location,
                $"{resource.DisplayName} runs Grafana, whose admin password must come from a Secret (Grafana's own default is admin/admin)",
                "add adminPasswordSecretRef: { name: grafana-admin, key: password } naming a Secret in the cluster's namespace, e.g. made with "
                + "kubectl create secret generic grafana-admin --from-literal=password=$(openssl rand -base64 24)"));
        }

        if (grafana.Replicas > 1)
        {
            var replicas = YamlPath.Find(resource.Document.Root, "spec.grafana.replicas") is (var key, var value)
                ? new SourceLocation(resource.File, ((YamlNode?)key ?? value).Span)
                : grafana.Location;
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.UnsharedStoreReplicas, replicas,
                $"{resource.DisplayName} asks for {grafana.Replicas} Grafana replicas; telc runs Grafana on SQLite on its own volume, which cannot be shared",
                "use 1 (or leave replicas out)"));
        }
    }
}
