using System.Text;
using Telc.Tests.Support;

namespace Telc.Tests.Spec;

/// <summary>Inputs a user (or an attacker) may put under the spec root: each ends in diagnostics, never an exception.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData("[section]\nkey=value\n")]
    [InlineData("{\"apiVersion\": \"telc.io/v1alpha1\", \"kind\": \"Cluster\", \"metadata\": {\"name\": \"c\"}, \"spec\": {\"environment\": 7}}")]
    [InlineData("<?xml version=\"1.0\"?>\n<config><a>1</a></config>\n")]
    [InlineData("#!/bin/sh\necho hello\n")]
    [InlineData("---\n---\n---\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: [Cluster]\nmetadata: { name: c }\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Cluster\nmetadata: [c]\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Cluster\nmetadata: { name: 12 }\nspec: []\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Cluster\nmetadata: { name: c, team: [a] }\nspec: { environment: { x: 1 } }\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: AlertRouting\nmetadata: { name: r }\nspec: { receivers: [ { name: [x] } ], routes: [ { routes: [ { routes: [ {} ] } ] } ] }\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata: { name: b }\nspec: { prometheus: { replicas: 99999999999999999999 } }\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata: { name: b }\nspec: { prometheus: { retention: { time: 99999999999999999999y, size: 99999999999999999999PiB } } }\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: MetricPipeline\nmetadata: { name: p }\nspec: { input: {}, output: { backend: b }, filter: { dropMetrics: ['(unclosed'] } }\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Cluster\nmetadata: &m { name: c }\nspec: *m\n")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Cluster\nmetadata: { name: c }\nspec: { environment: dev, presets: [ { name: x, version: '1', alerts: { A: { for: 1y1y } } } ] }\n")]
    public void Strange_documents_end_in_diagnostics(string text)
    {
        var compilation = Specs.Compile(text);

        Assert.NotEmpty(compilation.Diagnostics);
        Assert.All(compilation.Diagnostics, d => Assert.Matches("^TELC[1-5][0-9]{2}$", d.Code));
    }

    [Fact]
    public void A_long_single_line_is_handled()
    {
        var text = Specs.Header + "kind: Team\nmetadata: { name: t }\nspec:\n  owners: [" + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"o{i}")) + "]\n";

        var compilation = Specs.Compile(text);

        Assert.Empty(compilation.Diagnostics);
    }

    [Fact]
    public void Many_documents_in_one_file_are_all_checked()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            text.Append(Specs.Header).Append($"kind: Cluster\nmetadata: {{ name: c{i} }}\nspec: {{ environment: {(i == 1_999 ? "prd" : "dev")} }}\n---\n");
        }

        var compilation = Specs.Compile(text.ToString());

        Assert.Equal(2_000, compilation.DocumentCount);
        Assert.Equal("TELC204", Assert.Single(compilation.Diagnostics).Code);
    }
}
