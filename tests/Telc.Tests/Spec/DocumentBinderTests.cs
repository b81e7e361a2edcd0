using Telc.Spec.Kinds;
using Telc.Tests.Support;

namespace Telc.Tests.Spec;

public sealed class DocumentBinderTests
{
    private const string Prometheus = Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec:\n  prometheus:\n";

    [Fact]
    public void Binds_a_document_into_typed_records_with_defaults_and_locations()
    {
        var compilation = Specs.Compile(Prometheus + "    retention: { time: 15d, size: 40GiB }\n");

        Assert.Empty(compilation.Problems());
        var (resource, spec) = Assert.Single(compilation.Model.OfKind<BackendSpec>());
        Assert.Equal("metrics", resource.Name);
        Assert.Equal(1, spec.Prometheus!.Replicas);
        Assert.Equal(TimeSpan.FromDays(15), spec.Prometheus.Retention!.Time!.Value);
        Assert.Equal(40L * 1024 * 1024 * 1024, spec.Prometheus.Retention.Size!.Bytes);
        Assert.Equal("6:16", spec.Prometheus.Retention.Location.Start.ToString());
    }

    [Fact]
    public void Unknown_fields_are_errors_with_did_you_mean()
    {
        var compilation = Specs.Compile(Prometheus + "    retension: { time: 15d }\n");

        var diagnostic = compilation.Single("TELC130");
        Assert.Equal("6:5", diagnostic.Start.ToString());
        Assert.Equal("did you mean 'retention'?", diagnostic.Hint);
        Assert.Empty(compilation.Model.Resources);
    }

    [Fact]
    public void Wrong_types_say_what_was_expected_and_how_to_fix_it()
    {
        var compilation = Specs.Compile(Prometheus + "    replicas: \"2\"\n    operator: yes\n");

        Assert.Equal(["TELC131 6:15", "TELC131 7:15"], compilation.Diagnostics.Codes());
        Assert.Contains("whole number", compilation.Diagnostics[0].Message);
        Assert.Contains("true or false", compilation.Diagnostics[1].Hint);
    }

    [Fact]
    public void Numbers_where_strings_are_expected_suggest_quoting()
    {
        var compilation = Specs.Compile(Specs.Header + "kind: Team\nmetadata: { name: t }\nspec:\n  owners: [1.0]\n");

        Assert.Equal("quote it to make it a string: \"1.0\"", compilation.Single("TELC131").Hint);
    }

    [Fact]
    public void Missing_required_fields_are_reported_once_per_field()
    {
        var compilation = Specs.Compile(Specs.Header + "kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input: {}\n");

        var diagnostic = compilation.Single("TELC132");
        Assert.Contains("'output'", diagnostic.Message);
    }

    [Theory]
    [InlineData("kind: Cluster\nmetadata: { name: c }\n", "TELC121 1:1")]
    [InlineData("apiVersion: telc.io/v1\nkind: Cluster\nmetadata: { name: c }\n", "TELC122 1:13")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Clustr\nmetadata: { name: c }\n", "TELC123 2:7")]
    [InlineData("apiVersion: telc.io/v1alpha1\nmetadata: { name: c }\n", "TELC121 1:1")]
    [InlineData("- a\n- b\n", "TELC120 1:1")]
    [InlineData("just some text\n", "TELC120 1:1")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Cluster\nspec: { environment: dev }\n", "TELC132 2:1")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Cluster\nmetadata: { name: c }\nspec: { environment: dev }\nstatus: {}\n", "TELC130 5:1")]
    public void Envelope_problems_are_reported(string text, string expected)
    {
        var compilation = Specs.Compile(text);

        Assert.Equal([expected], compilation.Diagnostics.Codes());
    }

    [Fact]
    public void Unknown_kind_suggests_the_closest()
    {
        Assert.Equal("did you mean 'AlertGroup'?", Specs.Compile(Specs.Header + "kind: AlertGrup\nmetadata: { name: a }\n").Single("TELC123").Hint);
    }

    [Fact]
    public void Enum_values_are_checked_with_suggestions()
    {
        var compilation = Specs.Compile(Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec:\n  environment: dev\n  platform: gek\n");

        var diagnostic = compilation.Single("TELC133");
        Assert.StartsWith("did you mean 'gke'?", diagnostic.Hint);
    }

    [Theory]
    [InlineData("Prod_1")]
    [InlineData("-prod")]
    [InlineData("a-name-that-is-much-longer-than-sixty-three-characters-which-kubernetes-refuses")]
    public void Names_must_be_dns_labels(string name)
    {
        var compilation = Specs.Compile(Specs.Header + $"kind: Cluster\nmetadata: {{ name: {name} }}\nspec:\n  environment: dev\n");

        Assert.Equal("TELC134", Assert.Single(compilation.Diagnostics).Code);
    }

    [Theory]
    [InlineData("5 minutes", "TELC202")]
    [InlineData("1m30h", "TELC202")]
    [InlineData("-5m", "TELC202")]
    [InlineData("15", "TELC202")]
    public void Durations_must_parse(string value, string code)
    {
        var compilation = Specs.Compile(Prometheus + $"    scrapeInterval: {value}\n");

        Assert.Equal(code, Assert.Single(compilation.Diagnostics).Code);
    }

    [Theory]
    [InlineData("293y")]
    [InlineData("106752d")]
    [InlineData("292y52w2d")]
    public void Durations_past_what_Prometheus_holds_are_errors(string value)
    {
        var diagnostic = Specs.Compile(Prometheus + $"    scrapeInterval: {value}\n").Single("TELC202");

        Assert.Equal($"'{value}' is longer than Prometheus and Alertmanager can hold", diagnostic.Message);
    }

    [Fact]
    public void The_longest_duration_Prometheus_holds_is_accepted() =>
        Assert.DoesNotContain(Specs.Compile(Prometheus + "    retention: { time: 106751d }\n").Diagnostics, d => d.Code == "TELC202");

    [Theory]
    [InlineData("0B")]
    [InlineData("0.4B")]
    [InlineData("0Gi")]
    public void Sizes_of_nothing_are_errors(string value) =>
        Assert.Contains("is zero bytes once rounded", Specs.Compile(Prometheus + $"    retention: {{ size: {value} }}\n").Single("TELC203").Message);

    [Theory]
    [InlineData("40 gigs")]
    [InlineData("40GB2")]
    [InlineData("lots")]
    public void Sizes_must_parse(string value)
    {
        var compilation = Specs.Compile(Prometheus + $"    retention: {{ size: {value} }}\n");

        Assert.Equal("TELC203", Assert.Single(compilation.Diagnostics).Code);
    }

    [Fact]
    public void Out_of_range_numbers_are_reported()
    {
        Assert.Equal("TELC135", Assert.Single(Specs.Compile(Prometheus + "    replicas: 0\n").Diagnostics).Code);
    }

    [Fact]
    public void Exactly_one_backend_type_must_be_set()
    {
        var both = Specs.Compile(Prometheus + "    replicas: 1\n  loki: {}\n");
        var none = Specs.Compile(Specs.Header + "kind: Backend\nmetadata: { name: b }\nspec: {}\n");

        Assert.Equal(["TELC136 7:3"], both.Diagnostics.Codes());
        Assert.Equal("TELC136", Assert.Single(none.Diagnostics).Code);
    }

    [Fact]
    public void Presets_accept_the_shorthand_and_the_mapping_form()
    {
        var compilation = Specs.Compile(Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec:\n  environment: dev\n  presets:\n    - kubernetes@1\n    - name: node\n      version: 1.x\n      alerts: { NodeDown: { enabled: false } }\n    - not a preset\n");

        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC210" && d.Start.Line == 11);
    }

    [Fact]
    public void Duplicate_names_inside_a_list_are_reported()
    {
        var compilation = Specs.Compile(Specs.Header + "kind: AlertRouting\nmetadata: { name: r }\nspec:\n  defaultReceiver: a\n  receivers:\n    - name: a\n      webhook: { urlSecretRef: { name: hook, key: url } }\n    - name: a\n      webhook: { urlSecretRef: { name: hook, key: url } }\n");

        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC137" && d.Start.Line == 9);
    }

    [Fact]
    public void An_empty_value_of_a_section_means_an_empty_section()
    {
        var compilation = Specs.Compile(
            ("backend.yaml", Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec:\n  prometheus:\n---\n" + Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev }\n"),
            ("pipeline.yaml", Specs.Header + "kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input:\n    otlp:\n    node: {}\n  filter:\n  output: { backend: metrics }\n"));

        Assert.Empty(compilation.Problems());
        var pipeline = compilation.Model.OfKind<MetricPipelineSpec>().Single().Spec;
        Assert.True(pipeline.Input.Otlp!.Enabled);
        Assert.True(pipeline.Input.Node!.Enabled);
        Assert.True(pipeline.Filter!.DropMetrics.IsEmpty);
    }
}
