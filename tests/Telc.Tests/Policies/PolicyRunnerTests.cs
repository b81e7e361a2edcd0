using Telc.Tests.Support;

namespace Telc.Tests.Policies;

/// <summary>Policies of a project run in a worker under budgets: one that loops, allocates or throws is reported, the others still run.</summary>
public sealed class PolicyRunnerTests
{
    private const string Spec = Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: {} }\n---\n"
        + Specs.Header + "kind: AlertGroup\nmetadata: { name: api }\nspec:\n  rules:\n    - alert: ApiDown\n      expr: up == 0\n      severity: critical\n"
        + "      runbook: https://runbooks.example/api-down\n";

    private static string Policy(string name, string body, string level = "Warning") =>
        $"public sealed class P_{name.Replace('-', '_')} : Policy\n{{\n"
        + $"    public override PolicyInfo Info {{ get; }} = new(\"{name}\", \"Title of {name}\", \"test\", PolicyLevel.{level}, \"Help of {name}.\");\n\n"
        + $"    public override IEnumerable<PolicyFinding> Check(PolicyContext context)\n    {{\n{body}\n    }}\n}}\n";

    private const string Finds = "        return context.Alerts.Select(a => context.Finding(a, $\"found {a.Rule.Name.Value}\", \"a hint\"));";

    private static CliResult Validate(TempFolder project, params (string Name, string Text)[] policies)
    {
        project.Write("telemetry/spec.yaml", Spec);
        foreach (var (name, text) in policies)
        {
            project.Write($"policies/{name}.csx", text);
        }

        return CliRunner.RunWith(project.Path, new Dictionary<string, string> { ["TELC_POLICY_TIMEOUT"] = "3" }, "validate", ".", "--format", "json");
    }

    [Fact]
    public void A_project_policy_reports_at_the_spec_line_with_its_id_title_and_hint()
    {
        using var project = new TempFolder();

        var result = Validate(project, ("finds-alerts", Policy("finds-alerts", Finds)));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"code\": \"finds-alerts\"", result.Output);
        Assert.Contains("\"message\": \"found ApiDown\"", result.Output);
        Assert.Contains("\"hint\": \"a hint\"", result.Output);
        Assert.Contains("\"line\": 11", result.Output);
        Assert.Contains("\"level\": \"warning\"", result.Output);
    }

    [Fact]
    public void The_project_sets_a_policys_level_and_can_switch_it_off()
    {
        using var project = new TempFolder();
        project.Write("telemetry/project.yaml", Specs.Header + "kind: Project\nmetadata: { name: p }\nspec:\n  policies:\n    finds-alerts: { level: error }\n    alert-has-runbook: { level: off }\n");

        var result = Validate(project, ("finds-alerts", Policy("finds-alerts", Finds)));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"level\": \"error\"", result.Output);
    }

    [Fact]
    public void Settings_for_a_policy_or_an_option_that_does_not_exist_are_reported_with_a_suggestion()
    {
        using var project = new TempFolder();
        project.Write("telemetry/project.yaml", Specs.Header + "kind: Project\nmetadata: { name: p }\nspec:\n  policies:\n"
            + "    alert-has-runbok: { level: off }\n    alert-for-duration: { options: { minimun: 5m } }\n");

        var result = Validate(project);

        Assert.Contains("\"message\": \"the Project configures policy 'alert-has-runbok', which does not exist\"", result.Output);
        Assert.Contains("\"hint\": \"did you mean 'alert-has-runbook'?\"", result.Output);
        Assert.Contains("\"message\": \"policy 'alert-for-duration' has no option 'minimun'\"", result.Output);
        Assert.Contains("\"hint\": \"did you mean 'minimum'?\"", result.Output);
    }

    [Fact]
    public void An_endless_loop_is_stopped_and_the_other_policies_still_report()
    {
        using var project = new TempFolder();

        var result = Validate(project,
            ("a-loops", Policy("a-loops", "        var i = 0;\n        while (true) { i++; }")),
            ("b-finds", Policy("b-finds", Finds)));

        Assert.Contains("\"code\": \"TELC403\"", result.Output);
        Assert.Contains("policy 'a-loops' ran longer than 3 s and was stopped", result.Output);
        Assert.Contains("\"code\": \"b-finds\"", result.Output);
    }

    [Fact]
    public void Looping_policies_share_one_time_budget()
    {
        using var project = new TempFolder();
        project.Write("telemetry/spec.yaml", Spec);
        foreach (var name in new[] { "a-loops", "b-loops", "c-loops", "d-loops", "e-loops", "f-loops" })
        {
            project.Write($"policies/{name}.csx", Policy(name, "        var i = 0;\n        while (true) { i++; }"));
        }

        var result = CliRunner.RunWith(project.Path, new Dictionary<string, string> { ["TELC_POLICY_TIMEOUT"] = "2" }, "validate", ".", "--format", "json");

        // Six policies of 2 s each would take 12 s; all of them together get 6 s, so some are never started.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did not run: all policies together may run 6 s (three times TELC_POLICY_TIMEOUT), and that time was spent", result.Output);
        Assert.True(System.Text.RegularExpressions.Regex.Count(result.Output, "ran longer than 2 s") <= 3, result.Output);
    }

    [Fact]
    public void A_huge_allocation_and_a_throw_end_in_diagnostics_not_a_crash()
    {
        using var project = new TempFolder();

        var result = Validate(project,
            ("a-allocates", Policy("a-allocates", "        var all = new List<long[]>();\n        while (true) { all.Add(new long[100_000_000]); }")),
            ("b-throws", Policy("b-throws", "        throw new InvalidOperationException(\"no luck\");")),
            ("c-finds", Policy("c-finds", Finds)));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("policy 'a-allocates'", result.Output);
        Assert.Contains("policy 'b-throws' threw InvalidOperationException: no luck", result.Output);
        Assert.Contains("\"code\": \"b-throws\",\n      \"level\": \"error\"", result.Output);
        Assert.Contains("\"code\": \"c-finds\"", result.Output);
        Assert.DoesNotContain("internal error", result.Error);
    }

    [Fact]
    public void A_policy_whose_info_throws_or_whose_id_is_taken_is_reported_and_nothing_runs()
    {
        using var project = new TempFolder();

        var throwing = Validate(project, ("throws", Policy("throws", Finds).Replace("public override PolicyInfo Info { get; } = new(", "public override PolicyInfo Info => throw new InvalidOperationException(\"no info\"); private PolicyInfo Unused { get; } = new(")));

        Assert.Contains("creating policy P_throws threw InvalidOperationException: no info", throwing.Output);
        Assert.Contains("\"code\": \"TELC401\"", throwing.Output);

        using var twice = new TempFolder();
        var duplicate = Validate(twice, ("first", Policy("same-id", Finds)), ("second", Policy("same-id", Finds).Replace("P_same_id", "P_other")));

        Assert.Contains("two policies have the id 'same-id'", duplicate.Output);
        Assert.DoesNotContain("\"code\": \"same-id\"", duplicate.Output);
    }

    [Fact]
    public void An_endless_stream_of_findings_is_cut_off()
    {
        using var project = new TempFolder();

        var result = Validate(project, ("floods", Policy("floods", "        var alert = context.Alerts.First();\n        while (true) { yield return context.Finding(alert, \"again\"); }")));

        Assert.Contains("policy 'floods' reported more than 10000 findings; the rest were dropped", result.Output);
        Assert.Equal(10_000, result.Output.Split("\"message\": \"again\"").Length - 1);
    }

    [Fact]
    public void A_symbolic_link_in_the_policy_folder_is_refused_and_never_read()
    {
        using var project = new TempFolder();
        using var outside = new TempFolder();
        var secret = outside.Write("secret.txt", "TOP-SECRET-VALUE\n");
        Directory.CreateDirectory(Path.Combine(project.Path, "policies"));
        File.CreateSymbolicLink(Path.Combine(project.Path, "policies", "leak.csx"), secret);
        Directory.CreateSymbolicLink(Path.Combine(project.Path, "policies", "loop"), project.Path);

        var result = Validate(project, ("finds-alerts", Policy("finds-alerts", Finds)));

        Assert.DoesNotContain("TOP-SECRET-VALUE", result.Output);
        Assert.Contains("policies/leak.csx' is a symbolic link; links in the policy folder are not followed", result.Output);
        Assert.Contains("policies/loop' is a symbolic link", result.Output);
        Assert.Contains("\"code\": \"finds-alerts\"", result.Output);
    }

    [Fact]
    public void What_a_policy_prints_cannot_hold_control_characters_or_a_second_line()
    {
        using var project = new TempFolder();

        project.Write("telemetry/spec.yaml", Spec);
        project.Write("policies/forger.csx", Policy("forger", "        return context.Alerts.Select(a => context.Finding(a, \"red \\u001b[31m\\n::error file=x::forged\"));"));

        var result = CliRunner.Run(project.Path, "validate", ".");

        Assert.Contains("warning forger: red  [31m ::error file=x::forged", result.Output);
        Assert.DoesNotContain("\u001b", result.Output);
        Assert.DoesNotContain("\n::error", result.Output);
    }

    [Theory]
    [InlineData("metrics", false)]
    [InlineData("no-such-backend", true)]
    public void Policies_see_the_rendered_objects_exactly_when_telc_found_no_error(string backend, bool specHasErrors)
    {
        using var project = new TempFolder();
        project.Write("telemetry/cluster.yaml", Specs.Cluster("c1", "dev") + Specs.Header
            + $"kind: MetricPipeline\nmetadata: {{ name: m }}\nspec: {{ input: {{ node: {{}} }}, output: {{ backend: {backend} }} }}\n");

        var result = Validate(project, ("counts", Policy("counts",
            "        return [context.Finding(context.Spec.Resources[0], $\"{context.Objects.Length} objects, {context.Spec.Resources.Length} documents\")];")));

        Assert.Equal(specHasErrors ? 1 : 0, result.ExitCode);
        Assert.Matches(specHasErrors ? "\"message\": \"0 objects, 4 documents\"" : "\"message\": \"[1-9][0-9]* objects, 4 documents\"", result.Output);
    }

    [Fact]
    public void A_policy_whose_info_never_returns_is_stopped_within_the_policy_budget()
    {
        using var project = new TempFolder();

        var result = Validate(project, ("slow", Policy("slow", Finds).Replace("public override PolicyInfo Info { get; } = new(", "public override PolicyInfo Info { get { while (true) { } } } private PolicyInfo Unused { get; } = new(")));

        Assert.Contains("creating the policies (their constructors and Info) took longer than 3 s", result.Output);
        Assert.Contains("\"code\": \"TELC403\"", result.Output);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Ids_that_change_between_workers_are_an_error_not_a_crash()
    {
        using var project = new TempFolder();

        var result = Validate(project,
            ("a-shifty", Policy("a-shifty", "        return Deeper(0);\n    }\n    private static IEnumerable<PolicyFinding> Deeper(int n) { foreach (var f in Deeper(n + 1)) { yield return f; } yield break;")
                .Replace("new(\"a-shifty\"", "new(\"a\" + ((uint)\"x\".GetHashCode()).ToString()")),
            ("b-finds", Policy("b-finds", Finds)));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the policies' ids changed from one worker to the next", result.Output);
        Assert.DoesNotContain("internal error", result.Error);
    }

    [Theory]
    [InlineData("Not-Kebab", "is not a kebab-case id")]
    [InlineData("", "is not a kebab-case id")]
    public void A_policy_info_that_telc_cannot_print_is_refused(string id, string message)
    {
        using var project = new TempFolder();

        var result = Validate(project, ("bad", Policy("bad", Finds).Replace("new(\"bad\"", $"new(\"{id}\"")));

        Assert.Contains(message, result.Output);
        Assert.Contains("\"code\": \"TELC401\"", result.Output);
    }

    [Fact]
    public void A_missing_worker_is_an_error_with_a_hint_not_a_silent_pass()
    {
        using var project = new TempFolder();
        project.Write("telemetry/spec.yaml", Spec);

        var result = CliRunner.RunWith(project.Path, new Dictionary<string, string> { ["TELC_POLICY_WORKER"] = "/nonexistent/telc-policy" }, "validate", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error TELC405: the policy worker '/nonexistent/telc-policy' did not start", result.Output);
        Assert.Contains("= hint: install telc-policy beside telc (dotnet publish does), or set TELC_POLICY_WORKER to its path", result.Output);
    }

    [Fact]
    public void The_worker_inherits_only_what_starts_dotnet_not_the_tokens_of_the_ci_job()
    {
        using var project = new TempFolder();
        project.Write("telemetry/spec.yaml", Spec);
        project.Write("policies/finds-alerts.csx", Policy("finds-alerts", Finds));
        var seen = Path.Combine(project.Path, "worker-environment");
        var worker = project.Write("fake-worker", $"#!/bin/sh\nenv > '{seen}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(worker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Environment.SetEnvironmentVariable("TELC_TEST_PLANTED_TOKEN", "ghp_planted");

        CliRunner.RunWith(project.Path, new Dictionary<string, string> { ["TELC_POLICY_WORKER"] = worker }, "validate", ".");

        var names = File.ReadAllLines(seen).Select(l => l.Split('=')[0]).ToHashSet();
        Assert.DoesNotContain("TELC_TEST_PLANTED_TOKEN", names);
        Assert.Contains("PATH", names);
        Assert.Contains("DOTNET_GCHeapHardLimit", names);
        Assert.DoesNotContain("ghp_planted", File.ReadAllText(seen));
    }

    [Fact]
    public void A_cached_assembly_is_loaded_only_from_the_users_own_folder_and_only_for_the_sources_it_was_compiled_from()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var cache = new TempFolder();
        using var first = new TempFolder();
        using var second = new TempFolder();
        var environment = new Dictionary<string, string> { ["TELC_CACHE_DIR"] = cache.Path };
        string Run(TempFolder project, string policy, string body)
        {
            project.Write("telemetry/spec.yaml", Spec);
            project.Write($"policies/{policy}.csx", Policy(policy, body));
            return CliRunner.RunWith(project.Path, environment, "validate", ".", "--format", "json").Output;
        }

        Run(first, "finds-alerts", Finds);
        var folder = Path.Combine(cache.Path, "policies");
        var firstEntry = Assert.Single(Directory.GetFiles(folder));
        Run(second, "counts-alerts", "        return [context.Finding(context.Spec.Resources[0], \"counted\")];");
        var secondEntry = Assert.Single(Directory.GetFiles(folder), f => f != firstEntry);

        // An entry replaced by another's assembly is not loaded, and is compiled afresh.
        File.Copy(firstEntry, secondEntry, overwrite: true);
        var output = Run(second, "counts-alerts", "        return [context.Finding(context.Spec.Resources[0], \"counted\")];");
        Assert.Contains("\"message\": \"counted\"", output);
        Assert.DoesNotContain("found ApiDown", output);
        Assert.NotEqual(File.ReadAllBytes(firstEntry), File.ReadAllBytes(secondEntry));

        // An entry that others may write is not loaded either, and is replaced by one only the user may write.
        File.SetUnixFileMode(secondEntry, (UnixFileMode)0b110_110_110);
        Assert.Contains("\"message\": \"counted\"", Run(second, "counts-alerts", "        return [context.Finding(context.Spec.Resources[0], \"counted\")];"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secondEntry));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void A_policy_that_does_not_compile_is_reported_at_its_line()
    {
        using var project = new TempFolder();

        var result = Validate(project, ("broken", Policy("broken", "        return context.NoSuchMember;")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"code\": \"TELC401\"", result.Output);
        Assert.Contains("policies/broken.csx", result.Output);
        Assert.Contains("\"line\": 7", result.Output);
    }

    [Fact]
    public void Trusted_policies_come_from_the_base_ref_whatever_the_pull_request_does_to_them()
    {
        using var project = new TempFolder();
        project.Write("telemetry/spec.yaml", Spec);
        project.Write("policies/finds-alerts.csx", Policy("finds-alerts", Finds));
        GitRepo.Git(project.Path, "init", "-q", "-b", "main");
        GitRepo.Git(project.Path, "add", ".");
        GitRepo.Git(project.Path, "commit", "-q", "-m", "base");
        // The pull request silences the policy and adds one that would read files.
        project.Write("policies/finds-alerts.csx", Policy("finds-alerts", "        return [];"));
        project.Write("policies/reader.csx", Policy("reader", "        var secret = System.IO.File.ReadAllText(\"/etc/hostname\");\n        return [];"));

        var trusted = CliRunner.Run(project.Path, "validate", ".", "--trusted-policies-ref", "main");
        var untrusted = CliRunner.Run(project.Path, "validate", ".");

        Assert.Contains("warning finds-alerts: found ApiDown", trusted.Output);
        Assert.DoesNotContain("TELC402", trusted.Output);
        Assert.Contains("TELC402", untrusted.Output);
        Assert.Equal(3, CliRunner.Run(project.Path, "validate", ".", "--trusted-policies-ref", "no-such-branch").ExitCode);
    }

    [Fact]
    public void A_policy_that_reads_files_is_refused_before_anything_runs()
    {
        using var project = new TempFolder();

        var result = Validate(project, ("reader", Policy("reader", "        var secret = System.IO.File.ReadAllText(\"/etc/hostname\");\n        return [];")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"code\": \"TELC402\"", result.Output);
        Assert.Contains("System.IO.File is outside what a policy may use", result.Output);
    }
}
