using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Telc.Policies;

// What telc and its policy worker (telc-policy) say to each other: a request line on the worker's standard input, as
// soon as telc has read the spec, and a verdict line once telc's own checks end (the worker compiles the policies and
// rebuilds the spec's model meanwhile); then one JSON event per line on its standard output. Positions are offsets into
// the texts the request carried, so the worker never reads a file itself.

/// <summary>A file handed to the worker: a spec file (path relative to the spec root) or a policy source.</summary>
public sealed record ProtocolFile(string Path, string SpecPath, string Text);

/// <param name="Skip">Policies not to run: those a previous worker of the same run finished.</param>
public sealed record PolicyRequest(
    string RootDisplayPath,
    ImmutableArray<ProtocolFile> SpecFiles,
    ImmutableArray<string> AllSpecPaths,
    ImmutableArray<ProtocolFile> PolicyFiles,
    ImmutableArray<string> Skip,
    string? CacheDirectory,
    string? Only = null);

/// <summary>What telc's checks of the spec concluded, which the worker needs before it runs a policy.</summary>
/// <param name="Lowered">Whether the spec was lowered to plans (it had no error): the worker lowers its model only then.</param>
/// <param name="Options">The options the Project sets, by policy id.</param>
/// <param name="Off">The policies the Project turns off.</param>
public sealed record PolicyVerdict(
    bool Lowered,
    ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>> Options,
    ImmutableArray<string> Off);

/// <summary>A span in one of the request's files: <see cref="File"/> is a spec path or a policy file path.</summary>
public sealed record ProtocolSpan(string File, int Start, int Length);

public sealed record ProtocolPolicy(string Id, string Title, string Category, string DefaultLevel, string Help, string File, ImmutableArray<PolicyOption> Options);

/// <summary>
/// One line of the worker's output. <c>compiled</c> lists the policies (or <c>problems</c> that stop them all);
/// then per policy <c>start</c>, any <c>finding</c>s, and <c>done</c> or <c>failed</c>.
/// </summary>
public sealed record PolicyEvent(
    string Event,
    string? Policy = null,
    ImmutableArray<ProtocolPolicy> Policies = default,
    ImmutableArray<PolicyProblem> Problems = default,
    ProtocolSpan? At = null,
    string? Target = null,
    string? Message = null,
    string? Hint = null);

/// <summary>Why a policy file cannot run: <see cref="Kind"/> is <c>compile</c> or <c>sandbox</c>.</summary>
public sealed record PolicyProblem(string Kind, ProtocolSpan At, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(PolicyRequest))]
[JsonSerializable(typeof(PolicyVerdict))]
[JsonSerializable(typeof(PolicyEvent))]
public sealed partial class PolicyProtocolJson : JsonSerializerContext;
