using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Output;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// Checks a collector config the way the collector checks it when it starts, as far as its derived schema reaches:
/// every component exists in the pinned version under its current name and has only settings of the right type; every
/// pipeline has receivers and exporters of its signal; connectors join pipelines of the signals they convert; nothing
/// is defined and left unused; extensions named by components are enabled; no two listeners share a port.
/// </summary>
public static partial class CollectorConfigChecker
{
    private static readonly string[] Sections = ["receivers", "processors", "exporters", "extensions", "connectors", "service"];
    private static readonly string[] Signals = ["logs", "metrics", "traces", "profiles"];

    public static IReadOnlyList<ConfigProblem> Check(OutMap root) => Check(root, CollectorSchema.Pinned);

    public static IReadOnlyList<ConfigProblem> Check(OutMap root, CollectorSchema schema) => new Run(schema).Check(root);

    [GeneratedRegex(@":([0-9]{1,5})$")]
    private static partial Regex ListenPort();

    private sealed class Run(CollectorSchema schema)
    {
        private readonly List<ConfigProblem> problems = [];
        private readonly SchemaNodeChecker nodes = new(schema.Types, schema.Operators, schema.Consumer);

        public List<ConfigProblem> Check(OutMap root)
        {
            var sections = new Dictionary<string, OutMap>(StringComparer.Ordinal);
            foreach (var (key, value) in root.Entries)
            {
                if (!Sections.Contains(key))
                {
                    Add(key, $"unknown top-level section{Suggestions.Aside(key, Sections)}");
                }
                else if (value is not OutMap map)
                {
                    Add(key, "must be a mapping");
                }
                else
                {
                    sections[key] = map;
                }
            }

            foreach (var kind in Sections[..^1])
            {
                foreach (var (id, config) in sections.GetValueOrDefault(kind)?.Entries ?? [])
                {
                    CheckComponent(kind, id, config);
                }
            }

            if (!sections.TryGetValue("service", out var service))
            {
                problems.AddRange(nodes.Problems);
                Add("service", "missing: the collector needs at least one pipeline");
                return problems;
            }

            if (schema.Service is { } serviceSchema)
            {
                nodes.Check("service", service, serviceSchema);
            }

            problems.AddRange(nodes.Problems);
            CheckPipelines(sections, service);
            CheckExtensions(sections, service);
            CheckPorts(sections, service);
            return problems;
        }

        private void CheckComponent(string section, string id, OutNode config)
        {
            var kind = section[..^1];
            var type = id.Split('/', 2)[0];
            var path = $"{section}.{id}";
            var component = schema.Find(kind, type);
            if (component is null)
            {
                var known = schema.Components.Values.Where(c => c.Kind == kind).Select(c => c.Type).ToArray();
                Add(path, $"{schema.Consumer} has no {kind} '{type}'{Suggestions.Aside(type, known)}");
            }
            else if (component.Type != type)
            {
                Add(path, $"'{type}' was renamed '{component.Type}' in {schema.Consumer}");
            }
            else
            {
                nodes.Check(path, config, component.Config);
            }
        }

        private void CheckPipelines(Dictionary<string, OutMap> sections, OutMap service)
        {
            var pipelines = Find(service, "pipelines") as OutMap;
            if (pipelines is null || pipelines.Entries.IsEmpty)
            {
                Add("service.pipelines", "missing: the collector needs at least one pipeline");
                return;
            }

            var used = new HashSet<string>(StringComparer.Ordinal);
            var connectorsOut = new List<(string Connector, string Signal)>();
            var connectorsIn = new List<(string Connector, string Signal)>();
            foreach (var (id, value) in pipelines.Entries)
            {
                var path = $"service.pipelines.{id}";
                var signal = id.Split('/', 2)[0];
                if (!Signals.Contains(signal))
                {
                    Add(path, $"a pipeline's id starts with its signal (logs, metrics, traces), not '{signal}'");
                    continue;
                }

                var pipeline = value as OutMap;
                foreach (var (role, section) in new[] { ("receivers", "receivers"), ("processors", "processors"), ("exporters", "exporters") })
                {
                    var ids = (pipeline is null ? null : Find(pipeline, role) as OutSeq)?.Items.OfType<OutScalar>().Select(s => s.Text).ToArray() ?? [];
                    if (ids.Length == 0 && role != "processors")
                    {
                        Add($"{path}.{role}", $"a pipeline needs at least one of its {role}");
                    }

                    foreach (var component in ids)
                    {
                        used.Add($"{section}/{component}");
                        var isConnector = role != "processors" && sections.GetValueOrDefault("connectors")?.Entries.Any(e => e.Key == component) == true;
                        if (isConnector)
                        {
                            used.Add($"connectors/{component}");
                            (role == "receivers" ? connectorsIn : connectorsOut).Add((component, signal));
                        }
                        else if (sections.GetValueOrDefault(section)?.Entries.Any(e => e.Key == component) != true)
                        {
                            Add($"{path}.{role}", $"'{component}' is not defined under {section}");
                        }
                        else if (schema.Find(section[..^1], component.Split('/', 2)[0]) is { Signals.Count: > 0 } definition && !definition.Signals.Contains(signal))
                        {
                            Add($"{path}.{role}", $"'{component}' does not handle {signal} (it handles {string.Join(", ", definition.Signals)})");
                        }
                    }
                }
            }

            foreach (var connector in connectorsOut.Select(c => c.Connector).Union(connectorsIn.Select(c => c.Connector)).Distinct())
            {
                var definition = schema.Find("connector", connector.Split('/', 2)[0]);
                var pairs = from o in connectorsOut.Where(c => c.Connector == connector)
                            from i in connectorsIn.Where(c => c.Connector == connector)
                            select $"{o.Signal}_to_{i.Signal}";
                var pairList = pairs.ToArray();
                if (pairList.Length == 0)
                {
                    Add($"connectors.{connector}", "a connector must be an exporter of one pipeline and a receiver of another");
                }
                else if (definition is not null && pairList.FirstOrDefault(p => !definition.Signals.Contains(p)) is { } wrong)
                {
                    Add($"connectors.{connector}", $"does not connect {wrong.Replace("_to_", " to ")} (it connects {string.Join(", ", definition.Signals)})");
                }
            }

            foreach (var section in new[] { "receivers", "processors", "exporters", "connectors" })
            {
                foreach (var (id, _) in sections.GetValueOrDefault(section)?.Entries ?? [])
                {
                    if (!used.Contains($"{section}/{id}") && !(section == "connectors" && used.Contains($"exporters/{id}")))
                    {
                        Add($"{section}.{id}", "defined but used by no pipeline");
                    }
                }
            }
        }

        /// <summary>Extensions must be enabled in service.extensions, and every extension a component names (storage, authenticator) must be one of them.</summary>
        private void CheckExtensions(Dictionary<string, OutMap> sections, OutMap service)
        {
            var defined = sections.GetValueOrDefault("extensions")?.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal) ?? [];
            var enabled = (Find(service, "extensions") as OutSeq)?.Items.OfType<OutScalar>().Select(s => s.Text).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var id in enabled.Where(e => !defined.Contains(e)))
            {
                Add("service.extensions", $"'{id}' is not defined under extensions");
            }

            foreach (var id in defined.Where(e => !enabled.Contains(e)))
            {
                Add($"extensions.{id}", "defined but not enabled in service.extensions");
            }

            foreach (var section in new[] { "receivers", "exporters", "processors", "connectors" })
            {
                foreach (var (path, reference) in Scalars(section, sections.GetValueOrDefault(section)).Where(s => s.Path.EndsWith(".storage", StringComparison.Ordinal) || s.Path.EndsWith(".authenticator", StringComparison.Ordinal)))
                {
                    if (!enabled.Contains(reference))
                    {
                        Add(path, $"names the extension '{reference}', which is not {(defined.Contains(reference) ? "enabled" : "defined")}");
                    }
                }
            }
        }

        /// <summary>Two listeners on one port: the second fails to bind and the collector exits.</summary>
        private void CheckPorts(Dictionary<string, OutMap> sections, OutMap service)
        {
            var listeners = Scalars("receivers", sections.GetValueOrDefault("receivers"))
                .Concat(Scalars("extensions", sections.GetValueOrDefault("extensions")))
                .Where(s => s.Path.EndsWith(".endpoint", StringComparison.Ordinal) && ListenPort().Match(s.Value) is { Success: true })
                .Select(s => (s.Path, Port: ListenPort().Match(s.Value).Groups[1].Value))
                .Concat(Scalars("service.telemetry", Find(service, "telemetry") as OutMap).Where(s => s.Path.EndsWith(".port", StringComparison.Ordinal)).Select(s => (s.Path, Port: s.Value)))
                .GroupBy(l => l.Port);
            foreach (var clash in listeners.Where(g => g.Count() > 1))
            {
                Add(clash.Skip(1).First().Path, $"port {clash.Key} is also used by {clash.First().Path}");
            }
        }

        private static IEnumerable<(string Path, string Value)> Scalars(string path, OutNode? node) => node switch
        {
            OutMap map => map.Entries.SelectMany(e => Scalars($"{path}.{e.Key}", e.Value)),
            OutSeq seq => seq.Items.SelectMany((item, i) => Scalars($"{path}[{i}]", item)),
            OutScalar scalar => [(path, scalar.Text)],
            _ => [],
        };

        private static OutNode? Find(OutMap map, string key) => map.Entries.FirstOrDefault(e => e.Key == key).Value;

        private void Add(string path, string message) => problems.Add(new ConfigProblem(path, message));
    }
}
