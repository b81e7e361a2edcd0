namespace Telc.Emit;

/// <summary>
/// Values that do not depend on the cluster being rendered (a rule file is the same wherever its Prometheus runs),
/// built once per render and shared, so fifty clusters do not render the same rules fifty times. Lives as long as
/// one render; keys name everything the value depends on.
/// </summary>
public sealed class RenderCache
{
    private readonly Dictionary<(string Kind, string Key), object> values = [];
    private readonly Dictionary<object, string> yaml = new(ReferenceEqualityComparer.Instance);

    public T Get<T>(string kind, string key, Func<T> build)
        where T : notnull
    {
        if (!values.TryGetValue((kind, key), out var value))
        {
            value = build();
            values.Add((kind, key), value);
        }

        return (T)value;
    }

    /// <summary>The YAML of an output object, written once per object instance.</summary>
    public string Yaml(object value)
    {
        if (!yaml.TryGetValue(value, out var text))
        {
            text = Output.CanonicalYamlWriter.Write(value);
            yaml.Add(value, text);
        }

        return text;
    }
}
