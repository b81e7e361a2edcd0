using System.Text.Json;
using System.Text.RegularExpressions;
using Telc.Parsing;
using Telc.Text;

namespace Telc.Tests.Action;

/// <summary>
/// Runs the repository's action.yml the way the GitHub runner runs a composite action, as far as telc's action needs:
/// inputs with defaults, the github/inputs/steps expression contexts, step env, <c>if: inputs.x == ''</c> conditions,
/// a GITHUB_OUTPUT file per step, the shared GITHUB_STEP_SUMMARY, and stopping at the first failing step.
/// <c>uses:</c> steps (actions/setup-dotnet) are recorded and skipped: the SDK is already here.
/// An expression or condition it does not understand fails the test, so action.yml cannot drift out of what is tested.
/// </summary>
public sealed partial class CompositeActionRunner(string workspace, string runnerTemp)
{
    public ActionRun Run(IReadOnlyDictionary<string, string> inputs, string eventJson, IReadOnlyDictionary<string, string> environment)
    {
        var action = (YamlMapping)YamlParser.Parse(new SourceFile("action.yml", "action.yml", File.ReadAllText(Support.RepoPaths.Combine("action.yml")))).Documents.Single().Root;
        var resolvedInputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Map(action, "inputs").Entries)
        {
            resolvedInputs[entry.Key.Value] = inputs.TryGetValue(entry.Key.Value, out var given) ? given : Scalar(entry.Value, "default") ?? string.Empty;
        }

        Assert.Empty(inputs.Keys.Except(resolvedInputs.Keys));
        var eventPath = Path.Combine(runnerTemp, "event.json");
        File.WriteAllText(eventPath, eventJson);
        var summary = Path.Combine(runnerTemp, "step-summary.md");
        File.WriteAllText(summary, string.Empty);
        var context = new ExpressionContext(resolvedInputs, JsonDocument.Parse(eventJson).RootElement, new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal));
        foreach (var (name, value) in resolvedInputs.ToArray())
        {
            resolvedInputs[name] = Evaluate(value, context);
        }

        var log = new System.Text.StringBuilder();
        var steps = new List<StepRun>();
        var failed = false;
        foreach (var step in ((YamlSequence)Map(action, "runs").Find("steps")!.Value).Items.Cast<YamlMapping>())
        {
            var name = Scalar(step, "name") ?? Scalar(step, "id") ?? "step";
            if (Scalar(step, "if") is { } condition && !Condition(condition, context))
            {
                steps.Add(new StepRun(name, Skipped: true, 0, string.Empty));
                continue;
            }

            if (Scalar(step, "uses") is { } uses)
            {
                steps.Add(new StepRun($"{name} ({uses}, simulated)", Skipped: true, 0, string.Empty));
                continue;
            }

            Assert.Equal("bash", Scalar(step, "shell"));
            var outputFile = Path.Combine(runnerTemp, $"output-{steps.Count}");
            File.WriteAllText(outputFile, string.Empty);
            var stepEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal)
            {
                ["GITHUB_ACTION_PATH"] = Support.RepoPaths.Root,
                ["GITHUB_WORKSPACE"] = workspace,
                ["GITHUB_OUTPUT"] = outputFile,
                ["GITHUB_STEP_SUMMARY"] = summary,
                ["GITHUB_EVENT_PATH"] = eventPath,
                ["RUNNER_TEMP"] = runnerTemp,
                ["CI"] = "true",
                ["GITHUB_ACTIONS"] = "true",
            };
            if (step.Find("env")?.Value is YamlMapping env)
            {
                foreach (var entry in env.Entries)
                {
                    stepEnvironment[entry.Key.Value] = Evaluate(((YamlScalar)entry.Value).Value, context);
                }
            }

            var (exitCode, output) = Bash(Evaluate(Scalar(step, "run")!, context), stepEnvironment);
            log.Append(output);
            steps.Add(new StepRun(name, Skipped: false, exitCode, output));
            if (Scalar(step, "id") is { } id)
            {
                context.Steps[id] = ReadOutputs(outputFile);
            }

            if (exitCode != 0)
            {
                failed = true;
                break;
            }
        }

        var outputs = Map(action, "outputs").Entries.ToDictionary(e => e.Key.Value, e => Evaluate(Scalar(e.Value, "value")!, context), StringComparer.Ordinal);
        return new ActionRun(failed, steps, outputs, File.ReadAllText(summary), log.ToString());
    }

    /// <summary>Reads name=value lines and name&lt;&lt;DELIMITER blocks, as the runner does.</summary>
    public static Dictionary<string, string> ReadOutputs(string file)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var delimiter = line[(heredoc + 2)..];
                var value = new List<string>();
                while (++i < lines.Length && lines[i] != delimiter)
                {
                    value.Add(lines[i]);
                }

                outputs[line[..heredoc]] = string.Join("\n", value);
            }
            else if (equals > 0)
            {
                outputs[line[..equals]] = line[(equals + 1)..];
            }
        }

        return outputs;
    }

    /// <summary>The runner's own invocation of a <c>shell: bash</c> step.</summary>
    private static (int ExitCode, string Output) Bash(string script, IReadOnlyDictionary<string, string> environment) =>
        Support.ExternalTools.RunIn(environment["GITHUB_WORKSPACE"], environment, TimeSpan.FromMinutes(5), "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script);

    private static bool Condition(string condition, ExpressionContext context)
    {
        var match = ConditionSyntax().Match(condition.Trim());
        Assert.True(match.Success, $"the simulator does not understand the condition '{condition}'");
        var value = Resolve(match.Groups["left"].Value, context);
        return (match.Groups["op"].Value == "==") == (value == match.Groups["right"].Value);
    }

    private static string Evaluate(string text, ExpressionContext context) =>
        Expression().Replace(text, m => Resolve(m.Groups[1].Value.Trim(), context));

    private static string Resolve(string expression, ExpressionContext context)
    {
        var parts = expression.Split('.');
        switch (parts[0])
        {
            case "inputs" when parts.Length == 2:
                Assert.True(context.Inputs.ContainsKey(parts[1]), $"action.yml uses the undeclared input '{parts[1]}'");
                return context.Inputs[parts[1]];
            case "steps" when parts.Length == 4 && parts[2] == "outputs":
                return context.Steps.TryGetValue(parts[1], out var outputs) ? outputs.GetValueOrDefault(parts[3], string.Empty) : string.Empty;
            case "github" when expression == "github.token":
                return "simulated-token";
            case "github" when parts.Length > 2 && parts[1] == "event":
                var element = context.Event;
                foreach (var part in parts[2..])
                {
                    if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                    {
                        return string.Empty;
                    }
                }

                return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            default:
                Assert.Fail($"the simulator does not understand the expression '{expression}'");
                return string.Empty;
        }
    }

    private static YamlMapping Map(YamlMapping node, string key) => (YamlMapping)node.Find(key)!.Value;

    private static string? Scalar(YamlNode node, string key) => ((node as YamlMapping)?.Find(key)?.Value as YamlScalar)?.Value;

    [GeneratedRegex(@"\$\{\{(.+?)\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^(?<left>[a-z.-]+) (?<op>==|!=) '(?<right>[^']*)'$")]
    private static partial Regex ConditionSyntax();

    private sealed record ExpressionContext(Dictionary<string, string> Inputs, JsonElement Event, Dictionary<string, Dictionary<string, string>> Steps);
}

public sealed record StepRun(string Name, bool Skipped, int ExitCode, string Output);

public sealed record ActionRun(bool Failed, IReadOnlyList<StepRun> Steps, IReadOnlyDictionary<string, string> Outputs, string Summary, string Log)
{
    public IEnumerable<string> Annotations => Log.Split('\n').Where(l => l.StartsWith("::error", StringComparison.Ordinal) || l.StartsWith("::warning", StringComparison.Ordinal));
}
