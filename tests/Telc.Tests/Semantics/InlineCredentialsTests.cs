using Telc.Tests.Support;
using Telc.Text;

namespace Telc.Tests.Semantics;

/// <summary>A credential written anywhere in the spec is TELC216 at its value, and no text telc prints shows it.</summary>
public sealed class InlineCredentialsTests
{
    private const string Group = Specs.Header + "kind: AlertGroup\nmetadata: { name: api }\nspec:\n  rules:\n    - alert: ApiDown\n      expr: up == 0\n      severity: critical\n";

    [Theory]
    [InlineData("      labels: { api_key: abcd1234efgh5678 }\n", "9:26", "a literal value of 'api_key'")]
    [InlineData("      labels: { password: 12345678 }\n", "9:27", "a literal value of 'password'")]
    [InlineData("      annotations: { chat: 'https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnop1234' }\n", "9:28", "a webhook URL that is itself a secret")]
    [InlineData("      summary: 'call with Bearer abcdefghijklmnopqrstuvwxyz0123'\n", "9:16", "a bearer token")]
    [InlineData("      description: 'fetch https://grafana:hunter2@grafana.example/d/x'\n", "9:20", "a password in a URL's user info")]
    [InlineData("      runbook: 'https://wiki.example/runbook?token=abc123'\n", "9:16", "a 'token' parameter in a URL's query")]
    [InlineData("      labels: { owner: ghp_0123456789abcdefghijklmnopqrstuvwxyz }\n", "9:24", "a GitHub token")]
    public void A_credential_in_an_alerts_labels_or_annotations_is_an_error_at_its_value(string line, string at, string what)
    {
        var diagnostic = Specs.Compile(Group + line).Single("TELC216");

        Assert.Equal(at, diagnostic.Start.ToString());
        Assert.Contains(what, diagnostic.Message);
        Assert.Equal(Telc.Diagnostics.DiagnosticLevel.Error, diagnostic.Level);
    }

    [Theory]
    [InlineData("kind: AlertRouting\nmetadata: { name: r }\nspec:\n  receivers:\n    - name: x\n      email: { to: [a@b.example], smarthost: 'ops:pw@smtp.example:587' }\n  defaultReceiver: x\n", "user info in the smarthost")]
    [InlineData("kind: Backend\nmetadata:\n  name: b\n  annotations: { aws_secret_access_key: wJalrXUtnFEMIK7MDENG }\nspec: { alertmanager: {} }\n", "aws_secret_access_key")]
    [InlineData("kind: Backend\nmetadata:\n  name: b\n  annotations: { authorization: 'Basic dXNlcjpwYXNz' }\nspec: { alertmanager: {} }\n", "authorization")]
    [InlineData("kind: Backend\nmetadata: { name: vendor }\nspec:\n  external:\n    prometheusRemoteWrite:\n      url: https://telemetry:s3cr3t-pa55@metrics.vendor.example/api/v1/write\n", "user info")]
    [InlineData("kind: Team\nmetadata: { name: payments }\nspec:\n  namespaces: [payments]\n  owners: ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXltZW50cyJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ']\n", "bearer token")]
    public void A_credential_anywhere_else_is_an_error_too(string document, string what)
    {
        Assert.Contains(what, Specs.Compile(Specs.Header + document).Single("TELC216").Message);
    }

    [Fact]
    public void References_to_secrets_and_ordinary_text_are_not_credentials()
    {
        var compilation = Specs.Compile(Specs.Header
            + "kind: Backend\nmetadata: { name: vendor }\nspec:\n  external:\n    prometheusRemoteWrite:\n      url: https://metrics.vendor.example/api/v1/write\n"
            + "      auth: { basic: { username: telemetry, passwordSecretRef: { name: vendor, key: password } } }\n---\n"
            + Group + "      summary: 'the token bucket of {{ $labels.job }} is empty; rotate the password in the vault'\n"
            + "      runbook: 'https://grafana.example/d/abc?orgId=1&var-key=payments'\n");

        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "TELC216");
    }

    [Fact]
    public void A_quoted_source_line_never_shows_the_credential_and_its_caret_still_points_at_it()
    {
        using var project = new TempFolder();
        project.Write("telemetry/spec.yaml", Group + "      labels: { team: payments, password: hunter2hunter2 }\n");

        var output = CliRunner.Run(project.Path, "validate", ".").Output;

        Assert.DoesNotContain("hunter2", output);
        Assert.Contains("  9 |       labels: { team: payments, password: ************** }\n", output);
        Assert.Contains("    |                                           ^^^^^^^^^^^^^^\n", output);
    }

    [Fact]
    public void No_message_quotes_a_credential_whatever_check_reports_the_value()
    {
        var compilation = Specs.Compile(Specs.Header
            + "kind: Backend\nmetadata: { name: vendor }\nspec:\n  external:\n    prometheusRemoteWrite:\n      url: https://telemetry:s3cr3t-pa55@metrics.vendor.example/write\n      tls: { insecure: true }\n---\n"
            + Specs.Header + "kind: AlertRouting\nmetadata: { name: r }\nspec:\n  receivers:\n    - name: x\n      email: { to: [a@b.example], smarthost: 'ops:pw-0f-ops@smtp.example' }\n  defaultReceiver: x\n");

        Assert.Contains(compilation.Diagnostics, d => d.Message.Contains("'https://***@metrics.vendor.example/write' is https://", StringComparison.Ordinal));
        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC216" && d.Message.Contains("smarthost", StringComparison.Ordinal));
        Assert.All(compilation.Diagnostics, d => Assert.DoesNotContain("s3cr3t", d.Message + d.Hint));
        Assert.All(compilation.Diagnostics, d => Assert.DoesNotContain("pw-0f-ops", d.Message + d.Hint));
    }

    [Theory]
    [InlineData("url: https://bob:p@ss@example.com/x", "url: https://********@example.com/x")]
    [InlineData("secretKey: \"abc def\"", "secretKey: *********")]
    [InlineData("hook: https://h.example/x?X-Amz-Signature=0123abcd&v=1", "hook: https://h.example/x?X-Amz-Signature=********&v=1")]
    [InlineData("passwordSecretRef: { name: vendor, key: password }", "passwordSecretRef: { name: vendor, key: password }")]
    public void Lines_are_masked_in_place(string line, string masked)
    {
        Assert.Equal(masked, Credentials.HideInLine(line));
    }
}
