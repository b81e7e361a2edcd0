using System.Text.RegularExpressions;
using Telc.PromQL;
using Telc.Semantics;
using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.PromQL;

/// <summary>
/// telc's accept/reject verdict equals promtool's on the same expressions: the real-world corpus plus hand-written
/// cases for every error path (PromQL/cases/agreement.txt). All expressions go into one rule file, one group each,
/// and promtool check rules names the groups it refuses. Any disagreement fails with both messages. Where telc's parser
/// takes newer syntax than promtool (documented as newer), the check for the Prometheus telc deploys must refuse it.
/// </summary>
public sealed partial class PromtoolAgreementTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Telc_and_promtool_agree_on_which_expressions_are_valid()
    {
        ExternalTools.Require("promtool");
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PromQL", "cases", "agreement.txt"))
            .Concat(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PromQL", "cases", "hunt.txt")))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Concat(File.ReadAllLines(Corpus.File("promql", "expressions.txt")).Where(l => l.Length > 0))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var expressions = lines.Select(l => Known().Match(l) is { Success: true } m ? m.Groups["expr"].Value : l).ToArray();
        var expected = lines.Select(l => Known().Match(l) is { Success: true } m ? m.Groups["kind"].Value : null).ToArray();

        using var folder = new TempFolder();
        // JSON is YAML; non-ASCII stays as it is, since YAML parsers refuse JSON's surrogate-pair escapes.
        var groups = expressions.Select((e, i) => $"{{\"name\":\"g{i}\",\"rules\":[{{\"record\":\"telc_agreement_{i}\",\"expr\":{JsonString(e)}}}]}}");
        var file = folder.Write("rules.json", "{\"groups\":[" + string.Join(",", groups) + "]}");
        var (_, promtool) = ExternalTools.Run("promtool", "check", "rules", file);
        var refused = RefusedGroup().Matches(promtool).ToDictionary(m => int.Parse(m.Groups["index"].Value), m => m.Groups["message"].Value);

        var disagreements = new List<string>();
        for (var i = 0; i < expressions.Length; i++)
        {
            var ours = Parser.Parse(expressions[i]);
            var promtoolAccepts = !refused.TryGetValue(i, out var theirs);
            // For a Prometheus telc deploys, the newer syntax the parser takes is refused too, and nothing promtool takes.
            var deployedRefuses = ours is { Success: true, Root: { } root } && DeployedPrometheusSyntax.Refusals(root, expressions[i]).Any();
            if (expected[i] is { } known)
            {
                // A documented difference must still be exactly that difference.
                var (telcShould, promtoolShould) = known == "newer" ? (true, false) : (false, true);
                if (ours.Success != telcShould || promtoolAccepts != promtoolShould)
                {
                    disagreements.Add($"{known}: {expressions[i]} is no longer a difference (telc {(ours.Success ? "accepts" : "refuses")}, promtool {(promtoolAccepts ? "accepts" : "refuses")})");
                }
                else if (known == "newer" && !deployedRefuses)
                {
                    disagreements.Add($"newer: {expressions[i]} passes the check for the Prometheus telc deploys, which refuses it: {theirs}");
                }

                continue;
            }

            if (promtoolAccepts && deployedRefuses)
            {
                disagreements.Add($"{expressions[i]}\n  promtool accepts it, but the check for the Prometheus telc deploys refuses it: "
                    + string.Join("; ", DeployedPrometheusSyntax.Refusals(ours.Root!, expressions[i]).Select(r => r.Message)));
            }

            if (ours.Success != promtoolAccepts)
            {
                disagreements.Add($"{expressions[i]}\n  promtool: {(promtoolAccepts ? "accepts" : theirs)}\n  telc:     {(ours.Success ? "accepts" : string.Join("; ", ours.Errors.Select(e => e.Message)))}");
            }
        }

        var documented = expected.Count(e => e is not null);
        output.WriteLine($"{expressions.Length - documented - disagreements.Count} of {expressions.Length - documented} verdicts agree with promtool (the version telc deploys) "
            + $"({refused.Count} refused by it); {documented} documented differences (Prometheus 3.x syntax, or failures telc finds before run time)");
        Assert.True(expressions.Length >= 500);
        Assert.True(refused.Count >= 100, "the cases must exercise the error paths");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static string JsonString(string value) =>
        "\"" + string.Concat(value.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            < ' ' => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";

    [GeneratedRegex("^(?<kind>newer|stricter): (?<expr>.*)$")]
    private static partial Regex Known();

    [GeneratedRegex(@"group ""g(?<index>[0-9]+)"", rule 1, ""[^""]*"": (?<message>[^\n]*)")]
    private static partial Regex RefusedGroup();
}
