using Telc.Parsing.Json;
using Telc.Text;

namespace Telc.Dashboards;

public enum DatasourceReferenceKind
{
    /// <summary>No reference: the panel's, else the dashboard's default.</summary>
    Inherited,

    /// <summary>Grafana's own sources (-- Grafana --, -- Mixed --, -- Dashboard --): no store is queried.</summary>
    BuiltIn,

    /// <summary>A template variable or an import input ($datasource, ${DS_PROMETHEUS}).</summary>
    Variable,

    /// <summary>A data source by name (old dashboards) or by uid, with its plugin type when given.</summary>
    Fixed,
}

/// <summary>How a panel or query of a dashboard names its data source, as Grafana's JSON writes it.</summary>
public sealed record DatasourceReference(DatasourceReferenceKind Kind, string? Type, string? Value, SourceLocation? Location)
{
    public static readonly DatasourceReference Inherited = new(DatasourceReferenceKind.Inherited, null, null, null);

    private static readonly HashSet<string> BuiltInNames = new(StringComparer.Ordinal) { "-- Grafana --", "-- Mixed --", "-- Dashboard --", "grafana" };

    public static DatasourceReference Of(JsonTreeNode? node, SourceFile file)
    {
        var location = node is null ? null : file.Locate(node.Span);
        return node switch
        {
            JsonStringNode { Value: var name } when BuiltInNames.Contains(name) => new(DatasourceReferenceKind.BuiltIn, "datasource", name, location),
            JsonStringNode { Value: var name } when TemplateVariables.NameOf(name) is { } variable => new(DatasourceReferenceKind.Variable, null, variable, location),
            JsonStringNode { Value: var name } => new(DatasourceReferenceKind.Fixed, null, name, location),
            JsonObjectNode obj => OfObject(obj.StringOf("type"), obj.StringOf("uid"), location),
            _ => Inherited,
        };
    }

    private static DatasourceReference OfObject(string? type, string? uid, SourceLocation? location) => (type, uid) switch
    {
        ("datasource", _) or (_, "grafana" or "-- Mixed --" or "-- Dashboard --") => new(DatasourceReferenceKind.BuiltIn, type, uid, location),
        (_, { } value) when TemplateVariables.NameOf(value) is { } variable => new(DatasourceReferenceKind.Variable, type, variable, location),
        (null, null) => Inherited,
        _ => new(DatasourceReferenceKind.Fixed, type, uid, location),
    };
}
