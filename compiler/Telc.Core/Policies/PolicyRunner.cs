using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Telc.Diagnostics;
using Telc.Sources;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Policies;

/// <summary>
/// Runs the policies over a compiled spec in a worker process under a time and memory budget. One that runs too
/// long is stopped and reported, and a fresh worker carries on with the rest; one that throws or crashes its worker
/// is reported the same way. Findings come back as diagnostics at spec lines, at the level the Project sets.
/// </summary>
public static class PolicyRunner
{
    /// <summary>What the policies reported: problems of the policies themselves, and their findings.</summary>
    public sealed record Result(IReadOnlyList<Diagnostic> Problems, IReadOnlyList<PolicyFindingDiagnostic> Findings);

    /// <param name="only">Run just this policy (fixture tests); all of them when null.</param>
    public static Result Run(Compilation compilation, ImmutableArray<ProtocolFile> policyFiles, PolicyWorkerSettings settings, string? only = null)
    {
        using var run = Start(compilation.Sources, policyFiles, settings, only);
        return run.Finish(compilation);
    }

    /// <summary>
    /// Starts the policies on the spec as read, before telc checks it: the worker compiles the policies and rebuilds
    /// the spec's model meanwhile, and <see cref="PolicyRun.Finish"/> hands it the checks' verdict.
    /// </summary>
    /// <param name="only">Run just this policy (fixture tests); all of them when null.</param>
    public static PolicyRun Start(SourceSet sources, ImmutableArray<ProtocolFile> policyFiles, PolicyWorkerSettings settings, string? only = null)
    {
        var request = new PolicyRequest(
            sources.RootDisplayPath,
            [.. sources.Files.Select(f => new ProtocolFile(f.Path, f.SpecPath, f.Text))],
            [.. sources.AllPaths.Order(StringComparer.Ordinal)],
            policyFiles,
            Skip: [],
            settings.CacheDirectory,
            only);
        return new PolicyRun(request, settings, policyFiles.IsEmpty || settings.Worker is null ? null : WorkerProcess.Start(settings, request));
    }

    /// <summary>The policies' findings on the checked spec, from the run's first worker and as many more as policies that had to be stopped.</summary>
    internal static Result Finish(PolicyRun run, Compilation compilation)
    {
        var (request, settings) = (run.Request, run.Settings);
        if (request.PolicyFiles.IsEmpty)
        {
            return new Result([], []);
        }

        if (settings.Worker is null)
        {
            return new Result([Unavailable("the policy worker telc-policy is not installed beside telc")], []);
        }

        var policySources = request.PolicyFiles.ToDictionary(f => f.Path, f => new SourceFile(f.Path, f.Path, f.Text), StringComparer.Ordinal);
        var specSources = compilation.Sources.Files.ToDictionary(f => f.SpecPath, StringComparer.Ordinal);
        var configured = compilation.Model.Project?.Policies ?? ImmutableSortedDictionary<string, PolicySettings>.Empty;
        var verdict = new PolicyVerdict(
            Lowered: !compilation.Clusters.IsEmpty,
            configured.ToImmutableSortedDictionary(p => p.Key, p => p.Value.Options, StringComparer.Ordinal),
            [.. configured.Where(p => p.Value.Level == PolicyLevel.Off).Select(p => p.Key)]);
        var diagnostics = new List<Diagnostic>();
        var findings = new List<PolicyFindingDiagnostic>();
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var only = request.Only;
        Dictionary<string, (ProtocolPolicy Policy, DiagnosticDescriptor Descriptor)>? policies = null;
        var allPolicies = new RunBudget(settings.AllPoliciesTimeout);
        var first = run.TakeFirst();
        while (true)
        {
            var outcome = Collect(first ?? WorkerProcess.Start(settings, request with { Skip = [.. finished] }), verdict, settings, allPolicies);
            first = null;
            if (outcome.Unavailable is { } why)
            {
                diagnostics.Add(Unavailable(why));
                break;
            }

            if (!outcome.Problems.IsDefaultOrEmpty)
            {
                diagnostics.AddRange(outcome.Problems.Select(p => p.Kind switch
                {
                    "timeout" => new Diagnostic(DiagnosticCatalogue.PolicyTimedOut, DiagnosticLevel.Error, p.Message, null, null,
                        "a policy's constructor and Info must return at once; do the work in Check"),
                    _ => Diagnostic.At(p.Kind == "sandbox" ? DiagnosticCatalogue.PolicyOutsideSandbox : DiagnosticCatalogue.PolicyDoesNotCompile,
                        Locate(p.At, policySources, specSources, null), p.Message),
                }));
                break;
            }

            if (policies is null)
            {
                policies = outcome.Policies.ToDictionary(p => p.Id, p => (p, Descriptor(p, configured)), StringComparer.Ordinal);
                diagnostics.AddRange(UnknownSettings(compilation, configured, outcome.Policies));
            }
            else if (!outcome.Policies.Select(p => p.Id).Order(StringComparer.Ordinal).SequenceEqual(policies.Keys.Order(StringComparer.Ordinal)))
            {
                diagnostics.Add(Unstable());
                break;
            }

            var unknown = outcome.Events.FirstOrDefault(e => !policies.ContainsKey(e.Policy ?? string.Empty));
            if (unknown is not null)
            {
                diagnostics.Add(Unstable());
                break;
            }

            foreach (var e in outcome.Events)
            {
                var (policy, descriptor) = policies[e.Policy!];
                switch (e.Event)
                {
                    case "finding":
                        findings.Add(new PolicyFindingDiagnostic(
                            Diagnostic.At(descriptor, Locate(e.At, policySources, specSources, PolicyLocation(policy, policySources)), e.Message ?? policy.Title, e.Hint),
                            policy.Id, e.Target ?? string.Empty));
                        break;
                    case "failed":
                        // An error finding of the policy itself, whatever its level: its other findings may be missing.
                        diagnostics.Add(Diagnostic.At(descriptor with { DefaultLevel = DiagnosticLevel.Error }, PolicyLocation(policy, policySources),
                            $"policy '{policy.Id}' {e.Message}", "its findings are incomplete; fix the policy, or set its level to off in the Project"));
                        break;
                }
            }

            finished.UnionWith(outcome.Finished);
            if (outcome.Stopped is not { } stopped)
            {
                break;
            }

            var stoppedPolicy = policies[stopped.Policy].Policy;
            var budgetSpent = allPolicies.Spent;
            diagnostics.Add(stopped.TimedOut
                ? Diagnostic.At(DiagnosticCatalogue.PolicyTimedOut, PolicyLocation(stoppedPolicy, policySources),
                    budgetSpent
                        ? $"policy '{stopped.Policy}' was stopped when all policies together had run {Seconds(settings.AllPoliciesTimeout)} s"
                        : $"policy '{stopped.Policy}' ran longer than {Seconds(settings.PolicyTimeout)} s and was stopped",
                    "look for an endless loop, or a query repeated for every rendered object")
                : Diagnostic.At(DiagnosticCatalogue.PolicyFailed, PolicyLocation(stoppedPolicy, policySources),
                    $"policy '{stopped.Policy}' crashed its worker ({stopped.Reason})",
                    $"a stack overflow from endless recursion, or more than {settings.MemoryLimitBytes >> 20} MiB of memory, are the usual causes"));
            finished.Add(stopped.Policy);
            if (budgetSpent)
            {
                diagnostics.AddRange(policies.Values.Select(p => p.Policy)
                    .Where(p => !finished.Contains(p.Id) && !verdict.Off.Contains(p.Id) && (only is null || only == p.Id))
                    .Select(p => Diagnostic.At(DiagnosticCatalogue.PolicyTimedOut, PolicyLocation(p, policySources),
                        $"policy '{p.Id}' did not run: all policies together may run {Seconds(settings.AllPoliciesTimeout)} s (three times TELC_POLICY_TIMEOUT), and that time was spent",
                        "find the policies that were stopped for running too long")));
                finished.UnionWith(policies.Keys);
                break;
            }
        }

        var expected = policies?.Values.Select(p => p.Policy)
            .Where(p => !finished.Contains(p.Id) && !verdict.Off.Contains(p.Id) && (only is null || only == p.Id)) ?? [];
        if (!diagnostics.Any(d => d.Descriptor == DiagnosticCatalogue.PolicyWorkerUnavailable))
        {
            diagnostics.AddRange(expected.Select(p => Diagnostic.At(DiagnosticCatalogue.PolicyFailed, PolicyLocation(p, policySources),
                $"policy '{p.Id}' did not run: its worker ended before it", "another policy crashed the worker between two policies")));
        }

        return new Result(diagnostics, findings);
    }

    private static Diagnostic Unstable() =>
        new(DiagnosticCatalogue.PolicyFailed, DiagnosticLevel.Error, "the policies' ids changed from one worker to the next, so their results cannot be trusted", null, null,
            "a policy's Info must be the same on every run: a fixed id, not one computed from hashes, time or randomness");

    /// <summary>The policies the files declare, running none of them: what the schema of their options is made from.</summary>
    public static ImmutableArray<ProtocolPolicy> Describe(ImmutableArray<ProtocolFile> policyFiles, PolicyWorkerSettings settings)
    {
        if (settings.Worker is null)
        {
            throw new PolicyWorkerException("the policy worker telc-policy is not installed beside telc (or named by TELC_POLICY_WORKER)");
        }

        var request = new PolicyRequest("(none)", [], [], policyFiles, Skip: [], settings.CacheDirectory, Only: string.Empty);
        var outcome = Collect(WorkerProcess.Start(settings, request),
            new PolicyVerdict(false, ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, string>>.Empty, []), settings, new RunBudget(settings.AllPoliciesTimeout));
        if (outcome.Unavailable is { } why)
        {
            throw new PolicyWorkerException(why);
        }

        if (!outcome.Problems.IsDefaultOrEmpty)
        {
            throw new PolicyWorkerException(string.Join("\n", outcome.Problems.Select(p => $"{p.At.File}: {p.Message}")));
        }

        return outcome.Policies;
    }

    /// <summary>Settings in the Project for a policy that does not exist, or an option a policy does not declare: a typo that silently does nothing.</summary>
    private static IEnumerable<Diagnostic> UnknownSettings(Compilation compilation, ImmutableSortedDictionary<string, PolicySettings> configured, ImmutableArray<ProtocolPolicy> policies)
    {
        if (compilation.Model.OfKind<ProjectSpec>().FirstOrDefault().Resource is not { } project)
        {
            yield break;
        }

        foreach (var (id, settings) in configured)
        {
            var policy = policies.FirstOrDefault(p => p.Id == id);
            if (policy is null)
            {
                yield return Diagnostic.At(DiagnosticCatalogue.UnknownPolicySetting, project.Location, $"the Project configures policy '{id}', which does not exist",
                    Suggestions.Hint(id, [.. policies.Select(p => p.Id)], "policy"));
                continue;
            }

            foreach (var option in settings.Options.Keys.Where(k => !policy.Options.Any(o => o.Name == k)))
            {
                yield return Diagnostic.At(DiagnosticCatalogue.UnknownPolicySetting, project.Location, $"policy '{id}' has no option '{option}'",
                    policy.Options.IsEmpty ? $"'{id}' takes no options" : Suggestions.Hint(option, [.. policy.Options.Select(o => o.Name)], "option"));
            }
        }
    }

    private static DiagnosticDescriptor Descriptor(ProtocolPolicy policy, ImmutableSortedDictionary<string, PolicySettings> configured)
    {
        var level = configured.GetValueOrDefault(policy.Id)?.Level is { } set
            ? set
            : Enum.TryParse<PolicyLevel>(policy.DefaultLevel, ignoreCase: true, out var declared) ? declared : PolicyLevel.Warning;
        var diagnosticLevel = level switch { PolicyLevel.Error => DiagnosticLevel.Error, PolicyLevel.Info => DiagnosticLevel.Info, _ => DiagnosticLevel.Warning };
        return new DiagnosticDescriptor(policy.Id, policy.Title, diagnosticLevel, policy.Help);
    }

    /// <param name="fallback">Where a finding goes whose span names a file telc did not hand to the worker: its policy.</param>
    private static SourceLocation Locate(ProtocolSpan? span, Dictionary<string, SourceFile> policies, Dictionary<string, SourceFile> spec, SourceLocation? fallback)
    {
        var file = span is null ? null : policies.GetValueOrDefault(span.File) ?? spec.GetValueOrDefault(span.File);
        if (file is null || span is null)
        {
            return fallback ?? new SourceFile(span?.File ?? string.Empty, span?.File ?? string.Empty, string.Empty).Locate(new TextSpan(0, 0));
        }

        var start = Math.Clamp(span.Start, 0, file.Text.Length);
        return file.Locate(new TextSpan(start, Math.Clamp(span.Length, 0, file.Text.Length - start)));
    }

    private static SourceLocation PolicyLocation(ProtocolPolicy policy, Dictionary<string, SourceFile> policies)
    {
        var file = policies.GetValueOrDefault(policy.File) ?? new SourceFile(policy.File, policy.File, string.Empty);
        var at = file.Text.IndexOf(policy.Id, StringComparison.Ordinal);
        return file.Locate(new TextSpan(Math.Max(0, at), at < 0 ? 0 : policy.Id.Length));
    }

    private static Diagnostic Unavailable(string why) =>
        new(DiagnosticCatalogue.PolicyWorkerUnavailable, DiagnosticLevel.Error, why, null, null,
            "install telc-policy beside telc (dotnet publish does), or set TELC_POLICY_WORKER to its path; it needs the .NET 10 runtime");

    /// <summary>What one worker process did before it ended or was stopped.</summary>
    private sealed record WorkerOutcome(
        ImmutableArray<ProtocolPolicy> Policies,
        ImmutableArray<PolicyProblem> Problems,
        List<PolicyEvent> Events,
        List<string> Finished,
        (string Policy, bool TimedOut, string Reason)? Stopped,
        string? Unavailable);

    /// <summary>What a started worker does with the verdict, or why it did not start; the worker ends either way.</summary>
    private static WorkerOutcome Collect((WorkerProcess? Worker, string? Failure) started, PolicyVerdict verdict, PolicyWorkerSettings settings, RunBudget allPolicies)
    {
        using var worker = started.Worker;
        return worker is null ? new WorkerOutcome([], [], [], [], null, started.Failure) : RunWorker(worker, verdict, settings, allPolicies);
    }

    /// <param name="allPolicies">When the time of all policies together runs out, whichever policy runs then is stopped.</param>
    private static WorkerOutcome RunWorker(WorkerProcess worker, PolicyVerdict verdict, PolicyWorkerSettings settings, RunBudget allPolicies)
    {
        var events = new List<PolicyEvent>();
        var finished = new List<string>();
        worker.SendVerdict(verdict);
        ImmutableArray<ProtocolPolicy> policies = default;
        string? running = null;
        var loaded = false;
        var deadline = Deadline(settings.CompileTimeout);
        while (true)
        {
            var line = worker.Output.ReadLineAsync();
            if (!line.Wait(Remaining(deadline)))
            {
                worker.Kill();
                if (running is not null)
                {
                    return new WorkerOutcome(policies, [], events, finished, (running, true, "timeout"), null);
                }

                return !loaded ? new WorkerOutcome([], [], events, finished, null, $"compiling the policies took longer than {Seconds(settings.CompileTimeout)} s")
                    : policies.IsDefault ? new WorkerOutcome([], [new PolicyProblem("timeout", new ProtocolSpan(string.Empty, 0, 0),
                        $"creating the policies (their constructors and Info) took longer than {Seconds(settings.PolicyTimeout)} s")], events, finished, null, null)
                    : new WorkerOutcome([], [], events, finished, null, $"rebuilding the spec's model in the policy worker took longer than {Seconds(settings.CompileTimeout)} s");
            }

            if (line.Result is null)
            {
                worker.WaitForExit();
                if (running is not null)
                {
                    return new WorkerOutcome(policies, [], events, finished, (running, false, $"exit code {worker.ExitCode}"), null);
                }

                return policies.IsDefault
                    ? new WorkerOutcome([], [], events, finished, null, $"the policy worker ended without an answer: {LastLine(worker.Errors.Result)}")
                    : new WorkerOutcome(policies, [], events, finished, null, null);
            }

            var e = JsonSerializer.Deserialize(line.Result, PolicyProtocolJson.Default.PolicyEvent)!;
            switch (e.Event)
            {
                case "compiled" when !e.Problems.IsDefaultOrEmpty:
                    worker.WaitForExit();
                    return new WorkerOutcome([], e.Problems, events, finished, null, null);
                case "loaded":
                    loaded = true;
                    deadline = Deadline(settings.PolicyTimeout);
                    break;
                case "compiled":
                    policies = e.Policies.IsDefault ? [] : e.Policies;
                    deadline = Deadline(settings.CompileTimeout); // the worker's own work until the first policy starts
                    break;
                case "start":
                    running = e.Policy;
                    deadline = Math.Min(Deadline(settings.PolicyTimeout), allPolicies.Start());
                    break;
                case "done" or "failed":
                    events.Add(e);
                    finished.Add(e.Policy!);
                    running = null;
                    deadline = Math.Min(Deadline(settings.PolicyTimeout), allPolicies.Start());
                    break;
                default:
                    events.Add(e);
                    break;
            }
        }
    }

    /// <summary>The time all policies of a run share, counted from the first policy's start (compiling them is not theirs).</summary>
    private sealed class RunBudget(TimeSpan total)
    {
        private long? end;

        public bool Spent => end is { } deadline && Remaining(deadline) == TimeSpan.Zero;

        /// <summary>The point on the monotonic clock where the budget ends, starting it on first use.</summary>
        public long Start() => end ??= Deadline(total);
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>A point on the monotonic clock, so budgets do not move with the wall clock.</summary>
    private static long Deadline(TimeSpan budget) =>
        System.Diagnostics.Stopwatch.GetTimestamp() + (long)(Math.Clamp(budget.TotalSeconds, 0, 86_400) * System.Diagnostics.Stopwatch.Frequency);

    private static TimeSpan Remaining(long deadline) =>
        TimeSpan.FromSeconds(Math.Max(0, deadline - System.Diagnostics.Stopwatch.GetTimestamp()) / (double)System.Diagnostics.Stopwatch.Frequency);

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
