using Telc.Emit.OtelCollector;

namespace Telc.Emit.FluentBit;

/// <summary>
/// The spec's field names as Fluent Bit's record accessor writes them: a container line is the log key, what parsers
/// find are top-level keys, and the kubernetes filter nests pod metadata under kubernetes (kubernetes.namespace_name,
/// or the k8s.* names the collector uses for the same thing).
/// </summary>
public static class FluentBitFields
{
    private static readonly Dictionary<string, string> FromResourceAttributes = new(StringComparer.Ordinal)
    {
        ["k8s.namespace.name"] = "namespace_name",
        ["k8s.pod.name"] = "pod_name",
        ["k8s.container.name"] = "container_name",
        ["k8s.node.name"] = "host",
    };

    /// <summary>The record key a field names, as a path of keys: [log], [level], [kubernetes, namespace_name].</summary>
    public static string[] Keys(string field)
    {
        if (Ottl.IsBody(field))
        {
            return ["log"];
        }

        if (Ottl.BodyKey(field) is { } key)
        {
            return [key];
        }

        if (field.StartsWith("kubernetes.", StringComparison.Ordinal))
        {
            return ["kubernetes", field["kubernetes.".Length..]];
        }

        return FromResourceAttributes.TryGetValue(field, out var kubernetes) ? ["kubernetes", kubernetes] : [field];
    }

    /// <summary>The record accessor of a field: level, or $kubernetes['namespace_name'] for a nested one.</summary>
    public static string Accessor(string field) => Keys(field) is [var single] ? single : "$" + Keys(field)[0] + string.Concat(Keys(field).Skip(1).Select(k => $"['{k}']"));

    public static bool IsTopLevel(string field) => Keys(field).Length == 1;
}
