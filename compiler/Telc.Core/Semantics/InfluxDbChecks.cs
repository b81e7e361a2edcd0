using Telc.Diagnostics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// What an InfluxDB backend needs: the Secret its first start takes the admin token and password from, which the
/// collectors write with too, named in the spec rather than defaulted; and a retention InfluxDB takes for a bucket.
/// </summary>
public static class InfluxDbChecks
{
    public static void Check(Resource resource, InfluxDbBackend influxdb, List<Diagnostic> diagnostics)
    {
        if (influxdb.TokenSecretRef is null)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.MissingProperty, influxdb.Location,
                $"{resource.DisplayName} runs InfluxDB, whose first start sets up an admin user and token; the token (and the user's password) must come from a Secret",
                "add tokenSecretRef: { name: influxdb-auth, key: token } naming a Secret in the cluster's namespace, e.g. made with "
                + "kubectl create secret generic influxdb-auth --from-literal=token=$(openssl rand -hex 32)"));
        }

        if (influxdb.Retention?.Time is { } time && time.Value < Model.InfluxDbPlan.ShortestRetention)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, influxdb.Retention.Location,
                $"InfluxDB keeps a bucket's data for at least an hour, not {time.Text}", "set retention.time to 1h or more, or leave it out to keep data for ever"));
        }
    }
}
