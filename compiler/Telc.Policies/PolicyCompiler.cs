using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Telc.Policies;

/// <summary>
/// Compiles every policy file of a request into one assembly, after the sandbox check, and caches the assembly on
/// disk by the hash of the sources and the compiler version: a warm run loads it without starting Roslyn.
/// </summary>
public static partial class PolicyCompiler
{
    private const string GlobalUsings =
        "global using System; global using System.Collections.Generic; global using System.Collections.Immutable; global using System.Linq; "
        + "global using System.Text.RegularExpressions; global using Telc.Policies; global using Telc.Spec; global using Telc.Spec.Kinds; global using Telc.Spec.Values;";

    private static readonly string[] ReferencedAssemblies =
        ["System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Collections.Immutable", "System.Linq",
         "System.Text.RegularExpressions", "System.Private.Uri", "netstandard"];

    public sealed record Result(byte[]? Assembly, ImmutableArray<PolicyProblem> Problems);

    public static Result Compile(ImmutableArray<ProtocolFile> files, string? cacheDirectory)
    {
        var key = CacheKey(files);
        var cache = PolicyCache.In(cacheDirectory);
        return cache.Load(key) is { } assembly ? new Result(assembly, []) : CompileAndCache(files, key, cache);
    }

    /// <summary>The name of the assembly compiled from the sources of this cache key, which <see cref="PolicyCache"/> checks on load.</summary>
    public static string AssemblyNameFor(string key) => $"telc-policies-{key}";

    // Apart from Compile so that a cache hit never loads Roslyn, which is most of a warm run's start-up otherwise.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Result CompileAndCache(ImmutableArray<ProtocolFile> files, string key, PolicyCache cache)
    {
        var problems = new List<PolicyProblem>();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(WithoutDirectives(f, files, problems), new CSharpParseOptions(LanguageVersion.Latest), f.Path, Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, new CSharpParseOptions(LanguageVersion.Latest), "<global usings>"))
            .ToArray();
        var compilation = CSharpCompilation.Create(AssemblyNameFor(key), trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: false, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
        problems.AddRange(compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => new PolicyProblem("compile", Span(d.Location), $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));
        if (problems.Count == 0)
        {
            problems.AddRange(SandboxChecker.Check(compilation).Select(p => new PolicyProblem("sandbox", Span(p.Location), p.Message)));
        }

        if (problems.Count > 0)
        {
            return new Result(null, [.. problems]);
        }

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            return new Result(null, [.. emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => new PolicyProblem("compile", Span(d.Location), d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))]);
        }

        var bytes = image.ToArray();
        cache.Store(key, bytes);
        return new Result(bytes, []);
    }

    /// <summary>
    /// <c>#load</c> of another policy file is allowed and has no effect (all of them compile together); any other
    /// <c>#load</c> and every <c>#r</c> are refused. Directive lines are blanked, keeping every offset.
    /// </summary>
    private static string WithoutDirectives(ProtocolFile file, ImmutableArray<ProtocolFile> files, List<PolicyProblem> problems)
    {
        var text = new StringBuilder(file.Text);
        foreach (Match directive in Directive().Matches(file.Text))
        {
            var kind = directive.Groups["kind"].Value;
            var target = directive.Groups["target"].Value;
            var loaded = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file.SpecPath) ?? ".", target));
            if (kind == "r")
            {
                problems.Add(new PolicyProblem("sandbox", new ProtocolSpan(file.Path, directive.Index, directive.Length),
                    $"#r \"{target}\": a policy cannot reference assemblies"));
            }
            else if (!files.Any(f => Path.GetFullPath(f.SpecPath) == loaded))
            {
                problems.Add(new PolicyProblem("sandbox", new ProtocolSpan(file.Path, directive.Index, directive.Length),
                    $"#load \"{target}\" is outside the policy folder, or not a policy file"));
            }

            text.Remove(directive.Index, directive.Length).Insert(directive.Index, new string(' ', directive.Length));
        }

        return text.ToString();
    }

    private static ProtocolSpan Span(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan.Start, location.SourceSpan.Length);

    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform.Where(p => ReferencedAssemblies.Contains(Path.GetFileNameWithoutExtension(p)))
            .Append(typeof(Policy).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    private static string CacheKey(ImmutableArray<ProtocolFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in files.OrderBy(f => f.Path, StringComparer.Ordinal).SelectMany(f => new[] { f.Path, f.Text })
            .Append(typeof(Policy).Assembly.ManifestModule.ModuleVersionId.ToString())
            .Append(typeof(PolicyCompiler).Assembly.ManifestModule.ModuleVersionId.ToString()))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [GeneratedRegex("""^[ \t]*#(?<kind>r|load)[ \t]+"(?<target>[^"\r\n]*)"[ \t]*\r?$""", RegexOptions.Multiline)]
    private static partial Regex Directive();
}
