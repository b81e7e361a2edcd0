using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace Telc.Policies;

/// <summary>
/// Runs in its own process (telc-policy): compiles the policies, then runs them one at a time over the spec, writing
/// an event line as each starts, finds something and ends, so that telc can stop one that runs too long and still
/// keep what the others found.
/// </summary>
public static class PolicyWorker
{
    /// <summary>Bounds what one policy can make telc print, such as an endless <c>yield return</c>.</summary>
    private const int MaxFindings = 10_000;

    /// <param name="verdict">Waits for telc's checks of the spec to end; null when telc went away first.</param>
    public static int Run(PolicyRequest request, Func<PolicyVerdict?> verdict, TextWriter output)
    {
        // While telc checks the spec, this process compiles the policies and rebuilds the spec's model.
        var model = Task.Run(() => Compilation.Rebuild(new RequestSource(request).Read()));
        var compiled = PolicyCompiler.Compile(request.PolicyFiles, request.CacheDirectory);
        if (compiled.Assembly is null)
        {
            Write(output, new PolicyEvent("compiled", Policies: [], Problems: compiled.Problems));
            return 0;
        }

        Write(output, new PolicyEvent("loaded"));
        var problems = new List<PolicyProblem>();
        var policies = Instantiate(compiled.Assembly, request.PolicyFiles, problems).ToArray();
        if (problems.Count > 0)
        {
            Write(output, new PolicyEvent("compiled", Policies: [], Problems: [.. problems]));
            return 0;
        }

        Write(output, new PolicyEvent("compiled", Policies: [.. policies.Select(p => p.Protocol)], Problems: []));
        if (verdict() is not { } spec)
        {
            return 0;
        }

        var compilation = spec.Lowered ? model.Result.Lowered() : model.Result;
        var skip = request.Skip.Concat(spec.Off).ToHashSet(StringComparer.Ordinal);
        foreach (var (policy, info) in policies.Where(p => !skip.Contains(p.Protocol.Id) && (request.Only is null || request.Only == p.Protocol.Id)).Select(p => (p.Policy, p.Protocol)))
        {
            Write(output, new PolicyEvent("start", info.Id));
            var context = new PolicyContext(compilation, spec.Options.GetValueOrDefault(info.Id) ?? ImmutableSortedDictionary<string, string>.Empty, info.Options);
            try
            {
                var count = 0;
                foreach (var finding in policy.Check(context))
                {
                    if (++count > MaxFindings)
                    {
                        break;
                    }

                    Write(output, new PolicyEvent("finding", info.Id,
                        At: new ProtocolSpan(finding.Location.File.SpecPath, finding.Location.Span.Start, finding.Location.Span.Length),
                        Target: Printable(finding.Target, 500), Message: Printable(finding.Message, 2000), Hint: Printable(finding.Hint, 2000)));
                }

                Write(output, count > MaxFindings
                    ? new PolicyEvent("failed", info.Id, Message: $"reported more than {MaxFindings} findings; the rest were dropped")
                    : new PolicyEvent("done", info.Id));
            }
            catch (InsufficientExecutionStackException)
            {
                Write(output, new PolicyEvent("failed", info.Id, Message: "recursed too deep"));
            }
            catch (OutOfMemoryException)
            {
                Write(output, new PolicyEvent("failed", info.Id, Message: "exceeded its memory budget"));
            }
            catch (Exception e)
            {
                Write(output, new PolicyEvent("failed", info.Id, Message: Printable($"threw {e.GetType().Name}: {SafeMessage(e)}", 2000)));
            }
        }

        return 0;
    }

    /// <summary>One instance of each policy class; a constructor or Info that throws, or an id used twice, is a problem of its file.</summary>
    private static IEnumerable<(Policy Policy, ProtocolPolicy Protocol)> Instantiate(byte[] assembly, ImmutableArray<ProtocolFile> files, List<PolicyProblem> problems)
    {
        var loaded = new AssemblyLoadContext("telc-policies").LoadFromStream(new MemoryStream(assembly));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in loaded.GetTypes().Where(t => t.IsSubclassOf(typeof(Policy)) && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            Policy policy;
            PolicyInfo info;
            try
            {
                policy = (Policy)Activator.CreateInstance(type)!;
                info = policy.Info;
            }
            catch (Exception e)
            {
                var inner = e is TargetInvocationException { InnerException: { } thrown } ? thrown : e;
                problems.Add(new PolicyProblem("compile", new ProtocolSpan(FileDeclaring(type, files), 0, 0),
                    $"creating policy {type.Name} threw {inner.GetType().Name}: {inner.Message}"));
                continue;
            }

            if (Invalid(info) is { } problem)
            {
                problems.Add(new PolicyProblem("compile", new ProtocolSpan(FileDeclaring(type, files), 0, 0), $"policy {type.Name}: {problem}"));
                continue;
            }

            var file = files.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f.Path) == info.Id)?.Path ?? FileDeclaring(type, files);
            if (!ids.Add(info.Id))
            {
                problems.Add(new PolicyProblem("compile", new ProtocolSpan(file, 0, 0), $"two policies have the id '{info.Id}'"));
                continue;
            }

            yield return (policy, new ProtocolPolicy(info.Id, info.Title, info.Category, info.DefaultLevel.ToString().ToLowerInvariant(), info.Help, file,
                info.Options.IsDefault ? [] : info.Options));
        }
    }

    /// <summary>What is wrong with a policy's Info, which telc prints and keys everything on.</summary>
    private static string? Invalid(PolicyInfo info) =>
        info.Id is null || !System.Text.RegularExpressions.Regex.IsMatch(info.Id, "^[a-z][a-z0-9]*(-[a-z0-9]+)*$") || info.Id.Length > 64
            ? $"Info.Id '{info.Id}' is not a kebab-case id of at most 64 characters, such as alert-has-runbook"
            : string.IsNullOrWhiteSpace(info.Title) || string.IsNullOrWhiteSpace(info.Category) || string.IsNullOrWhiteSpace(info.Help)
                ? "Info needs a title, a category and help text"
                : !Enum.IsDefined(info.DefaultLevel) ? $"Info.DefaultLevel {(int)info.DefaultLevel} is not a level"
                : !info.Options.IsDefault && info.Options.Any(o => o is null || string.IsNullOrWhiteSpace(o.Name) || o.Default is null || o.Description is null)
                    ? "every option needs a name, a default and a description"
                    : null;

    /// <summary>
    /// Text a policy wrote, made safe to print: no control characters (a policy must not colour the terminal or
    /// start a line that CI reads as a command), and bounded in length.
    /// </summary>
    private static string? Printable(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        var clean = new string([.. text.Take(max).Select(c => char.IsControl(c) ? ' ' : c)]);
        return text.Length > max ? clean + "…" : clean;
    }

    private static string SafeMessage(Exception e)
    {
        try
        {
            return e.Message;
        }
        catch (Exception)
        {
            return "(its message threw too)";
        }
    }

    private static string FileDeclaring(Type type, ImmutableArray<ProtocolFile> files) =>
        files.FirstOrDefault(f => f.Text.Contains($"class {type.Name}", StringComparison.Ordinal))?.Path ?? string.Empty;

    private static void Write(TextWriter output, PolicyEvent e)
    {
        output.Write(JsonSerializer.Serialize(e, PolicyProtocolJson.Default.PolicyEvent));
        output.Write('\n');
        output.Flush();
    }
}
