using Telc.Diagnostics;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>Kubernetes refuses a container whose request of CPU or memory exceeds its limit.</summary>
public static class ResourceChecks
{
    public static void Check(BackendSpec backend, List<Diagnostic> diagnostics)
    {
        if (Of(backend) is not { Requests: { } requests, Limits: { } limits })
        {
            return;
        }

        if (requests.Memory is { } memory && limits.Memory is { } memoryLimit && memory.Bytes > memoryLimit.Bytes)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, requests.Location,
                $"the memory request {memory} exceeds the memory limit {memoryLimit}, and Kubernetes refuses such a container",
                $"request at most {memoryLimit}, or raise the limit"));
        }

        if (requests.Cpu is { } cpu && limits.Cpu is { } cpuLimit && Emit.Quantity.Millicores(cpu) > Emit.Quantity.Millicores(cpuLimit))
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, requests.Location,
                $"the CPU request {cpu} exceeds the CPU limit {cpuLimit}, and Kubernetes refuses such a container",
                $"request at most {cpuLimit}, or raise the limit"));
        }
    }

    private static ResourceSettings? Of(BackendSpec backend) =>
        backend.Prometheus?.Resources ?? backend.Alertmanager?.Resources ?? backend.Grafana?.Resources ?? backend.Loki?.Resources
        ?? backend.Elasticsearch?.Resources ?? backend.Tempo?.Resources ?? backend.Jaeger?.Resources ?? backend.Zipkin?.Resources;
}
