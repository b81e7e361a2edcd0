using Telc.Text;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// How the spec's field names reach the collector's languages. A field is a log record attribute (what the parsers
/// fill), except: log and body are the record's body, k8s.* names are resource attributes, and the Fluent Bit names
/// users know (kubernetes.namespace_name, kubernetes.pod_name, kubernetes.container_name, kubernetes.host) are their
/// k8s.* resource attributes, and body.KEY is a key of a structured body (a Kubernetes event, a journal entry).
/// </summary>
public static class Ottl
{
    private static readonly Dictionary<string, string> KubernetesAliases = new(StringComparer.Ordinal)
    {
        ["kubernetes.namespace_name"] = "k8s.namespace.name",
        ["kubernetes.pod_name"] = "k8s.pod.name",
        ["kubernetes.container_name"] = "k8s.container.name",
        ["kubernetes.host"] = "k8s.node.name",
    };

    public static bool IsBody(string field) => field is "log" or "body";

    /// <summary>The key of a structured body a field names (body.reason), or null.</summary>
    public static string? BodyKey(string field) => field.StartsWith("body.", StringComparison.Ordinal) && field.Length > 5 ? field[5..] : null;

    /// <summary>The resource attribute a field names, or null for a record attribute or the body.</summary>
    public static string? ResourceAttribute(string field) =>
        KubernetesAliases.TryGetValue(field, out var alias) ? alias : field.StartsWith("k8s.", StringComparison.Ordinal) ? field : null;

    /// <summary>The OTTL path of a field in the log or span context.</summary>
    public static string Path(string field) =>
        IsBody(field) ? "body"
        : BodyKey(field) is { } key ? $"body[{Quote(key)}]"
        : ResourceAttribute(field) is { } resource ? $"resource.attributes[{Quote(resource)}]"
        : $"attributes[{Quote(field)}]";

    /// <summary>The stanza field of a log record field, for parse_from: body, attributes.x, resource.x (bracketed when the name has dots).</summary>
    public static string StanzaField(string field) =>
        IsBody(field) ? "body"
        : BodyKey(field) is { } key ? $"body[{Quote(key)}]"
        : ResourceAttribute(field) is { } resource ? $"resource[{Quote(resource)}]"
        : $"attributes[{Quote(field)}]";

    /// <summary>True when the field's value matches the RE2 expression (OTTL's IsMatch is RE2, as the spec's checks are).</summary>
    public static string Matches(string field, string pattern) => $"IsMatch({Path(field)}, {Quote(pattern)})";

    public static string Quote(string text) => GoStringLiteral.Quote(text);
}
