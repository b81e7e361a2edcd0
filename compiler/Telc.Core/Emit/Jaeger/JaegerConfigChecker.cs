using Telc.Emit.OtelCollector;
using Telc.Output;

namespace Telc.Emit.Jaeger;

/// <summary>
/// Checks a rendered Jaeger config as Jaeger would start it, with the collector's own checks (Jaeger is a collector
/// distribution): Jaeger's components against jaeger-components.json, the upstream ones it bundles against
/// collector-components.json (a newer collector, so a key added since the bundled 0.155.0 would pass; telc renders
/// none), the pipelines, extensions and ports. Then what Jaeger checks only when it first stores a span — every name of
/// a trace store is one jaeger_storage defines — and what would start but never be reached: a listener that binds
/// localhost, which Jaeger's receivers and healthcheckv2 do unless told otherwise.
/// </summary>
public static class JaegerConfigChecker
{
    private static readonly Lazy<CollectorSchema> Schema =
        new(() => CollectorSchema.Distribution(EmbeddedData.Json("jaeger-components.json"), "jaeger", CollectorSchema.Pinned));

    private static readonly string[] Loopback = ["localhost:", "127.0.0.1:", "[::1]:"];

    public static string Version => Schema.Value.Version;

    public static IReadOnlyList<ConfigProblem> Check(OutMap config) =>
        [.. CollectorConfigChecker.Check(config, Schema.Value), .. StoreNames(config), .. Listeners(config)];

    private static IEnumerable<ConfigProblem> StoreNames(OutMap config)
    {
        var stores = (At(config, "extensions", "jaeger_storage", "backends") as OutMap)?.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var names = Section(config, "exporters").Where(e => e.Key.Split('/')[0] == "jaeger_storage_exporter")
            .Select(e => ($"exporters.{e.Key}.trace_storage", At(e.Value, "trace_storage")))
            .Concat(Section(config, "extensions").Where(e => e.Key.Split('/')[0] == "jaeger_query")
                .Select(e => ($"extensions.{e.Key}.storage.traces", At(e.Value, "storage", "traces"))));
        foreach (var (path, name) in names)
        {
            if (name is not OutScalar { Text: var text } || !stores.Contains(text))
            {
                yield return new ConfigProblem(path, $"names no trace store of jaeger_storage.backends ({(stores.Count == 0 ? "none is defined" : string.Join(", ", stores.Order(StringComparer.Ordinal)))})");
            }
        }
    }

    private static IEnumerable<ConfigProblem> Listeners(OutMap config)
    {
        var servers = Section(config, "receivers").SelectMany(r => ((At(r.Value, "protocols") as OutMap)?.Entries ?? [])
                .Select(p => (Path: $"receivers.{r.Key}.protocols.{p.Key}", Server: (OutNode?)p.Value)))
            .Concat(Section(config, "extensions").Where(e => e.Key.Split('/')[0] == "healthcheckv2").Select(e => (Path: $"extensions.{e.Key}.http", Server: At(e.Value, "http"))));
        foreach (var (path, server) in servers.Where(s => s.Server is not null))
        {
            var endpoint = (At(server!, "endpoint") as OutScalar)?.Text;
            if (endpoint is null || Loopback.Any(l => endpoint.StartsWith(l, StringComparison.Ordinal)))
            {
                yield return new ConfigProblem($"{path}.endpoint",
                    $"{(endpoint is null ? "left out, it is localhost" : $"'{endpoint}'")}: it listens on localhost only, which no other pod (nor the kubelet) reaches; bind 0.0.0.0");
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, OutNode>> Section(OutMap config, string name) => (At(config, name) as OutMap)?.Entries ?? [];

    private static OutNode? At(OutNode node, params string[] keys) =>
        keys.Aggregate((OutNode?)node, (current, key) => current is OutMap map ? map.Entries.FirstOrDefault(e => e.Key == key).Value : null);
}
