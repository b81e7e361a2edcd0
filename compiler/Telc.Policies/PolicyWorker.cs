using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Telc.Emit;

namespace Telc.Policies;

/// <summary>
/// Runs in its own process (telc-policy): compiles the policies, then runs them one at a time over the spec, writing
/// an event line as each starts, finds something and ends, so that telc can stop one that runs too long and still
/// keep what the others found.
/// </summary>
public static class PolicyWorker
{
    public static int Run(PolicyRequest request, TextWriter output)
    {
        var compiled = PolicyCompiler.Compile(request.PolicyFiles, request.CacheDirectory);
        if (compiled.Assembly is null)
        {
            Write(output, new PolicyEvent("compiled", Policies: [], Problems: compiled.Problems));
            return 0;
        }

        var policies = Instantiate(compiled.Assembly, request.PolicyFiles).ToArray();
        Write(output, new PolicyEvent("compiled", Policies: [.. policies.Select(p => p.Protocol)], Problems: []));

        var compilation = Compilation.Create(new RequestSource(request));
        var objects = compilation.HasErrors ? [] : Renderer.Render(compilation.Model, compilation.Clusters).Objects;
        foreach (var (policy, info) in policies.Where(p => !request.Skip.Contains(p.Protocol.Id) && (request.Only is null || request.Only == p.Protocol.Id)).Select(p => (p.Policy, p.Protocol)))
        {
            Write(output, new PolicyEvent("start", info.Id));
            var context = new PolicyContext(compilation.Model, objects,
                request.Options.GetValueOrDefault(info.Id) ?? ImmutableSortedDictionary<string, string>.Empty, info.Options);
            try
            {
                foreach (var finding in policy.Check(context))
                {
                    Write(output, new PolicyEvent("finding", info.Id,
                        At: new ProtocolSpan(finding.Location.File.SpecPath, finding.Location.Span.Start, finding.Location.Span.Length),
                        Target: finding.Target, Message: finding.Message, Hint: finding.Hint));
                }

                Write(output, new PolicyEvent("done", info.Id));
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
                Write(output, new PolicyEvent("failed", info.Id, Message: $"threw {e.GetType().Name}: {e.Message}"));
            }
        }

        return 0;
    }

    private static IEnumerable<(Policy Policy, ProtocolPolicy Protocol)> Instantiate(byte[] assembly, ImmutableArray<ProtocolFile> files)
    {
        var loaded = new AssemblyLoadContext("telc-policies").LoadFromStream(new MemoryStream(assembly));
        foreach (var type in loaded.GetTypes().Where(t => t.IsSubclassOf(typeof(Policy)) && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var policy = (Policy)Activator.CreateInstance(type)!;
            var info = policy.Info;
            var file = files.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f.Path) == info.Id)?.Path ?? string.Empty;
            yield return (policy, new ProtocolPolicy(info.Id, info.Title, info.Category, info.DefaultLevel.ToString().ToLowerInvariant(), info.Help, file,
                info.Options.IsDefault ? [] : info.Options));
        }
    }

    private static void Write(TextWriter output, PolicyEvent e)
    {
        output.Write(JsonSerializer.Serialize(e, PolicyProtocolJson.Default.PolicyEvent));
        output.Write('\n');
        output.Flush();
    }
}
