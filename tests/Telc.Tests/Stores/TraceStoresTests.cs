using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// What the trace stores have in common: the collectors ship to the Service each is rendered with, and those that keep
/// traces by age — Tempo (block retention), Jaeger (badger's span TTL) and Zipkin in Elasticsearch (the delete phase of
/// its indices) — take it from the same RetentionPolicy rules, and name alike what they cannot apply: a team's rule
/// (each keeps every team's traces in one store) and sizes.
/// </summary>
public sealed partial class TraceStoresTests
{
    private const string Search =
        "{ kibana: false, passwordSecretRef: { name: search-credentials, key: elastic }, writerPasswordSecretRef: { name: search-credentials, key: writer } }";

    public static readonly TheoryData<string> Stores = ["tempo", "jaeger", "zipkin"];

    /// <summary>Every store with every set of rules and the retention it leads to (the backend's own is 10d).</summary>
    public static TheoryData<string, string, string> StoresAndRules
    {
        get
        {
            (string Rules, string Expected)[] cases =
            [
                ("[{ signal: traces, duration: 60d }, { signal: traces, environment: prod, duration: 30d }, { signal: traces, environment: prod, backend: traces, duration: 20d }]", "20d"),
                ("[{ signal: traces, duration: 60d }, { signal: traces, environment: prod, duration: 30d }, { signal: logs, environment: dev, duration: 20d }]", "30d"),
                ("[{ signal: traces, duration: 60d }, { signal: traces, environment: dev, duration: 3d }]", "60d"),
                ("[{ signal: traces, environment: dev, duration: 3d }, { signal: logs, environment: dev, duration: 20d }]", "10d"),
            ];
            var data = new TheoryData<string, string, string>();
            foreach (var store in Stores)
            {
                foreach (var (rules, expected) in cases)
                {
                    data.Add(store, rules, expected);
                }
            }

            return data;
        }
    }

    private static Compilation Compile(string store, string settings, string rules) => Specs.CompileWithoutErrors(
        Specs.Cluster("prod-1", "prod")
        + (store == "zipkin"
            ? Specs.Backend("traces", "zipkin", $"{{ elasticsearch: search, {settings} }}") + Specs.Backend("search", "elasticsearch", Search)
            : Specs.Backend("traces", store, $"{{ {settings} }}"))
        + Specs.ShopAndRetention(rules));

    /// <summary>How long the store keeps traces, read from what it is rendered with.</summary>
    private static TimeSpan Retention(Compilation compilation, string store)
    {
        var files = compilation.Objects.Select(o => o.Object).OfType<ConfigMap>().ToDictionary(c => c.Metadata.Name, c => c.Data);
        var text = store switch
        {
            "tempo" => (At(Parse(files["tempo-traces-config"]["tempo.yaml"]), "compactor.compaction.block_retention") as OutScalar)!.Text,
            "jaeger" => (At(Parse(files["jaeger-traces-config"]["jaeger.yaml"]), "extensions.jaeger_storage.backends.traces.badger.ttl.spans") as OutScalar)!.Text,
            _ => JsonNode.Parse(files["elasticsearch-search-setup"]["traces_zipkin.ilm.json"])!["policy"]!["phases"]!["delete"]!["min_age"]!.GetValue<string>(),
        };
        return Unit().Matches(text).Aggregate(TimeSpan.Zero, (sum, part) => sum + double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture) * part.Groups[2].Value switch
        {
            "d" => TimeSpan.FromDays(1),
            "h" => TimeSpan.FromHours(1),
            "m" => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromSeconds(1),
        });
    }

    [Theory]
    [InlineData("tempo", "otlp_grpc", "otlp-grpc", "{0}:{1}")]
    [InlineData("jaeger", "otlp_grpc", "otlp-grpc", "{0}:{1}")]
    [InlineData("zipkin", "zipkin", "http", "http://{0}:{1}/api/v2/spans")]
    public void The_collectors_ship_to_the_port_of_the_stores_service(string store, string exporter, string port, string address)
    {
        var compilation = Specs.CompileWithoutErrors(Specs.Cluster("prod-1", "prod") + Specs.Backend("traces", store) + Specs.TracePipeline("traces"));
        var service = compilation.Objects.Select(o => o.Object).OfType<Service>().Single(s => s.Metadata.Name == $"{store}-traces");

        Assert.Equal(string.Format(CultureInfo.InvariantCulture, address, $"{service.Metadata.Name}.telemetry.svc", service.Spec.Ports.Single(p => p.Name == port).Port),
            (At(Of(compilation, "otel-gateway"), $"exporters.{exporter}/app-traces.endpoint") as OutScalar)?.Text);
    }

    [Theory]
    [MemberData(nameof(StoresAndRules))]
    public void The_most_specific_rule_for_the_stores_traces_else_its_own_retention_applies(string store, string rules, string expected) =>
        Assert.Equal(TimeSpan.FromDays(int.Parse(expected[..^1], CultureInfo.InvariantCulture)), Retention(Compile(store, "retention: { time: 10d }", rules), store));

    [Theory]
    [MemberData(nameof(Stores))]
    public void A_teams_rule_and_a_size_are_errors_because_the_store_keeps_every_teams_traces_alike_and_by_age(string store)
    {
        var compilation = Specs.Compile(Specs.Cluster("prod-1", "prod")
            + (store == "zipkin"
                ? Specs.Backend("traces", "zipkin", "{ elasticsearch: search }") + Specs.Backend("search", "elasticsearch", Search)
                : Specs.Backend("traces", store))
            + Specs.ShopAndRetention("[{ signal: traces, team: shop, duration: 90d }, { signal: traces, duration: 20d, size: 10GiB }]"));

        var errors = compilation.Diagnostics.Where(d => d.Code == "TELC220").Select(d => d.Message).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, m => m.Contains("keeps team 'shop' apart", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("deletes traces by age only", StringComparison.Ordinal));
    }

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(d|h|ms|m|s)")]
    private static partial Regex Unit();
}
