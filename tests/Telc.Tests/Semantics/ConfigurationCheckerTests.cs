using Telc.Tests.Support;

namespace Telc.Tests.Semantics;

/// <summary>Values the schema allows but Prometheus, Alertmanager or Kubernetes would refuse when loading the rendered files.</summary>
public sealed class ConfigurationCheckerTests
{
    private const string Base = Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev }\n---\n"
        + Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: {} }\n---\n"
        + Specs.Header + "kind: Backend\nmetadata: { name: alerts }\nspec: { alertmanager: {} }\n";

    private static Telc.Compilation Compile(string document) => Specs.Compile(("base.yaml", Base), ("spec.yaml", Specs.Header + document));

    [Theory]
    [InlineData("kind: Cluster\nmetadata: { name: d }\nspec: { environment: dev, externalLabels: { team.acme/owner: x } }\n", "'team.acme/owner' is not a valid external label name")]
    [InlineData("kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n    - record: a:b\n      expr: up\n      for: 5m\n", "cannot have 'for'")]
    [InlineData("kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n    - alert: A\n      expr: up == 0\n      labels: { bad-label: x }\n", "'bad-label' is not a valid label name")]
    [InlineData("kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n    - alert: A\n      expr: up == 0\n      severity: page\n      labels: { severity: warning }\n", "sets severity or runbook twice")]
    [InlineData("kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input: { node: {} }\n  filter: { dropWorkloads: ['(unclosed'] }\n  output: { backend: metrics }\n", "is not a workload name")]
    [InlineData("kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input: { node: {} }\n  filter: { dropLabels: [__name__] }\n  output: { backend: metrics }\n", "would merge distinct series")]
    [InlineData("kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input: { prometheus: { namespaces: { include: [Not_A_Namespace] } } }\n  output: { backend: metrics }\n", "not a valid namespace name")]
    [InlineData("kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input: { prometheus: { selectors: [ { name: s, matchLabels: { 'has space': x }, port: m } ] } }\n  output: { backend: metrics }\n", "is not a Kubernetes label key")]
    [InlineData("kind: Backend\nmetadata: { name: b, labels: { 'has space': x } }\nspec: { alertmanager: {} }\n", "'has space' is not a Kubernetes label key")]
    [InlineData("kind: Backend\nmetadata: { name: b, labels: { tier: 'two words' } }\nspec: { alertmanager: {} }\n", "'two words' is not a Kubernetes label value")]
    [InlineData("kind: Backend\nmetadata: { name: b, labels: { app.kubernetes.io/name: mine } }\nspec: { alertmanager: {} }\n", "is set by telc on every object")]
    [InlineData("kind: Backend\nmetadata: { name: b, annotations: { telc.io/source: here } }\nspec: { alertmanager: {} }\n", "which telc keeps for its own")]
    [InlineData("kind: Backend\nmetadata: { name: b, annotations: { 'Bad_Prefix/x': y } }\nspec: { alertmanager: {} }\n", "is not a Kubernetes annotation key")]
    [InlineData("kind: Backend\nmetadata: { name: b }\nspec: { external: { prometheusRemoteWrite: { url: 'https://m.example/write', tls: { insecure: true } } } }\n", "tls.insecure asks for no TLS")]
    public void Refused_values_are_errors(string document, string message)
    {
        var diagnostic = Compile(document).Single("TELC215");

        Assert.Contains(message, diagnostic.Message);
        Assert.NotNull(diagnostic.Hint);
    }

    [Theory]
    [InlineData("email: { to: [a@b.example], smarthost: nohostport }", "needs a port")]
    [InlineData("webhook: { url: 'https://h.example' }\n  muteTimeIntervals: [ { name: m, windows: [ { times: ['25:00-26:00'] } ] } ]", "is not a time range")]
    [InlineData("webhook: { url: 'https://h.example' }\n  muteTimeIntervals: [ { name: m, windows: [ { weekdays: [funday] } ] } ]", "is not a weekday")]
    [InlineData("webhook: { url: 'https://h.example' }\n  muteTimeIntervals: [ { name: m, windows: [ { daysOfMonth: ['0'] } ] } ]", "is not a day of the month")]
    [InlineData("webhook: { url: 'https://h.example' }\n  muteTimeIntervals: [ { name: m, windows: [ { months: [smarch] } ] } ]", "is not a month")]
    [InlineData("webhook: { url: 'https://h.example' }\n  muteTimeIntervals: [ { name: m, windows: [ { timeZone: Mars/Olympus } ] } ]", "not a known time zone")]
    [InlineData("webhook: { url: 'https://h.example' }\n  groupBy: [bad-label]", "'bad-label' is not a valid group_by label name")]
    public void Alertmanager_values_are_checked(string receiver, string message)
    {
        var compilation = Compile($"kind: AlertRouting\nmetadata: {{ name: r }}\nspec:\n  receivers:\n    - name: x\n      {receiver}\n  defaultReceiver: x\n");

        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC215" && d.Message.Contains(message));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnop", "a webhook URL that is itself a secret")]
    [InlineData("https://user:s3cr3t@alerts.example/hook", "password in a URL's user info")]
    [InlineData("https://alerts.example/hook?token=abc123", "'token' parameter")]
    [InlineData("https://bucket.s3.example/hook?X-Amz-Credential=AKIAEXAMPLE%2F20261130&X-Amz-Signature=0123abcd", "'x-amz-credential' parameter")]
    [InlineData("https://alerts.example/hook?x-api-key=abc123", "'x-api-key' parameter")]
    public void Credentials_in_urls_are_errors(string url, string reason)
    {
        var compilation = Compile($"kind: AlertRouting\nmetadata: {{ name: r }}\nspec:\n  receivers:\n    - name: x\n      webhook: {{ url: '{url}' }}\n  defaultReceiver: x\n");

        Assert.Contains(reason, compilation.Single("TELC216").Message);
    }

    [Fact]
    public void Metadata_errors_point_at_the_key_or_value()
    {
        var diagnostic = Compile("kind: Backend\nmetadata:\n  name: b\n  labels:\n    ok: fine\n    tier: 'two words'\nspec: { alertmanager: {} }\n").Single("TELC215");

        Assert.Equal("7:11", diagnostic.Start.ToString());
    }

    [Fact]
    public void A_git_repository_url_with_a_password_is_an_error_before_it_reaches_the_gitops_objects()
    {
        var compilation = Compile("kind: Project\nmetadata: { name: p }\nspec: { gitOps: { flavour: argocd, repoUrl: 'https://bot:ghp_secret@git.example/telemetry.git' } }\n");

        Assert.Contains("password in a URL's user info", compilation.Single("TELC216").Message);
    }

    [Fact]
    public void A_receiver_without_integration_discards_alerts_and_is_allowed()
    {
        var compilation = Compile("kind: AlertRouting\nmetadata: { name: r }\nspec:\n  receivers: [ { name: blackhole } ]\n  defaultReceiver: blackhole\n");

        Assert.Empty(compilation.Diagnostics);
    }
}
