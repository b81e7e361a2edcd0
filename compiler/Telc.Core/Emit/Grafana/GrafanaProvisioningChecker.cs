using System.Text.Json;
using System.Text.RegularExpressions;
using Telc.Output;

namespace Telc.Emit.Grafana;

/// <summary>
/// Checks rendered provisioning files against the schema derived from Grafana's sources (grafana-provisioning.json):
/// the files' keys and types, each datasource's jsonData and secureJsonData by its type, uids Grafana takes, names and
/// uids given once, one default; and every "$" in a value, which Grafana expands (<see cref="ProvisioningText"/>):
/// only "$$" and references to the variables the container defines may be written.
/// </summary>
public static partial class GrafanaProvisioningChecker
{
    private static readonly Lazy<(string Version, IReadOnlyDictionary<string, JsonElement> Types, JsonElement Datasources, JsonElement Dashboards)> Schema = new(() =>
    {
        var root = EmbeddedData.Json("grafana-provisioning.json");
        return (root.GetProperty("grafana").GetProperty("version").GetString()!,
            root.GetProperty("types").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            root.GetProperty("datasources"), root.GetProperty("dashboards"));
    });

    /// <summary>The Grafana version the schema was derived for, which Images.cs pins.</summary>
    public static string Version => Schema.Value.Version;

    /// <param name="variables">The environment variables Grafana's container defines, which the file may reference.</param>
    public static IReadOnlyList<ConfigProblem> CheckDatasources(OutMap file, IReadOnlySet<string> variables)
    {
        var (version, types, node, _) = Schema.Value;
        var checker = new SchemaNodeChecker(types, new Dictionary<string, JsonElement>(), $"Grafana {version}");
        checker.Check(GrafanaDatasourcesFile.FileName, file, node);
        var problems = new List<ConfigProblem>(checker.Problems);
        var datasources = (At(file, "datasources") as OutSeq)?.Items ?? [];
        for (var i = 0; i < datasources.Length; i++)
        {
            var path = $"{GrafanaDatasourcesFile.FileName}.datasources[{i}]";
            var type = (At(datasources[i], "type") as OutScalar)?.Text;
            foreach (var section in new[] { "jsonData", "secureJsonData" })
            {
                if (At(datasources[i], section) is { } value && type is not null && types.TryGetValue($"{section}.{type}", out var schema))
                {
                    checker = new SchemaNodeChecker(types, new Dictionary<string, JsonElement>(), $"Grafana {version}");
                    checker.Check($"{path}.{section}", value, schema);
                    problems.AddRange(checker.Problems);
                }
            }

            if (At(datasources[i], "uid") is OutScalar { Text: var uid } && !Uid().IsMatch(uid))
            {
                problems.Add(new ConfigProblem($"{path}.uid", $"'{uid}' is not a uid Grafana takes: at most {GrafanaUid.MaxLength} letters, digits, '-' and '_'"));
            }
        }

        problems.AddRange(Repeated(datasources, "name"));
        problems.AddRange(Repeated(datasources, "uid"));
        if (datasources.Count(d => At(d, "isDefault") is OutScalar { Kind: OutScalarKind.Bool, Text: "true" }) > 1)
        {
            problems.Add(new ConfigProblem($"{GrafanaDatasourcesFile.FileName}.datasources", "more than one datasource is the default, which Grafana refuses"));
        }

        problems.AddRange(Expansions(GrafanaDatasourcesFile.FileName, file, variables));
        return problems;
    }

    public static IReadOnlyList<ConfigProblem> CheckDashboards(OutMap file)
    {
        var (version, types, _, node) = Schema.Value;
        var checker = new SchemaNodeChecker(types, new Dictionary<string, JsonElement>(), $"Grafana {version}");
        checker.Check(DashboardProvidersFile.FileName, file, node);
        var providers = (At(file, "providers") as OutSeq)?.Items ?? [];
        return [.. checker.Problems, .. Repeated(providers, "name"), .. Expansions(DashboardProvidersFile.FileName, file, new HashSet<string>())];
    }

    /// <summary>
    /// Every value with a "$" Grafana would expand (one not doubled) that is not a whole reference to a variable the
    /// container defines: Grafana would put the variable's value there, or nothing.
    /// </summary>
    private static IEnumerable<ConfigProblem> Expansions(string path, OutNode node, IReadOnlySet<string> variables)
    {
        switch (node)
        {
            case OutScalar { Kind: OutScalarKind.String } text:
                foreach (var part in text.Text.Split("$$"))
                {
                    foreach (Match expanded in Expanded().Matches(part))
                    {
                        if (!variables.Contains(expanded.Groups["name"].Value))
                        {
                            yield return new ConfigProblem(path, $"Grafana would expand '{expanded.Value}' in '{text.Text}'; write $$ for a literal $");
                        }
                    }
                }

                break;
            case OutMap map:
                foreach (var problem in map.Entries.SelectMany(e => Expansions($"{path}.{e.Key}", e.Value, variables)))
                {
                    yield return problem;
                }

                break;
            case OutSeq seq:
                foreach (var problem in seq.Items.SelectMany((item, i) => Expansions($"{path}[{i}]", item, variables)))
                {
                    yield return problem;
                }

                break;
        }
    }

    private static IEnumerable<ConfigProblem> Repeated(IEnumerable<OutNode> items, string key) =>
        items.Select(i => (At(i, key) as OutScalar)?.Text).OfType<string>().GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => new ConfigProblem(key, $"'{g.Key}' is given {g.Count()} times; Grafana takes each {key} once"));

    private static OutNode? At(OutNode node, string key) => node is OutMap map ? map.Entries.FirstOrDefault(e => e.Key == key).Value : null;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,40}$")]
    private static partial Regex Uid();

    /// <summary>A "$" followed by anything but the end: a name, braces, or a character Go's os.Expand takes as a special variable.</summary>
    [GeneratedRegex(@"\$(?:\{(?<name>[^}]*)\}?|(?<name>[A-Za-z0-9_]+)|(?<name>[*#$@!?-]))")]
    private static partial Regex Expanded();
}
