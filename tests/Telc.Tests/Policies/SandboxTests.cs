using System.Collections.Immutable;
using Telc.Policies;

namespace Telc.Tests.Policies;

/// <summary>Each way out of the policy API a hostile pull request might try is refused at its line.</summary>
public sealed class SandboxTests
{
    private const string Frame = "public sealed class Hostile : Policy\n{\n    public override PolicyInfo Info { get; } = new(\"hostile\", \"t\", \"c\", PolicyLevel.Error, \"h\");\n\n"
        + "    public override IEnumerable<PolicyFinding> Check(PolicyContext context)\n    {\n        BODY\n        return [];\n    }\n}\n";

    [Theory]
    [InlineData("var text = System.IO.File.ReadAllText(\"/etc/passwd\");", "System.IO.File")]
    [InlineData("var home = Environment.GetEnvironmentVariable(\"HOME\");", "System.Environment")]
    [InlineData("using var client = new System.Net.Http.HttpClient();", "System.Net.Http.HttpClient")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\");", "System.Diagnostics.Process")]
    [InlineData("var t = context.GetType().Assembly;", "GetType")]
    [InlineData("var t = typeof(string).Assembly;", "System.Type")]
    [InlineData("var a = Activator.CreateInstance(typeof(object));", "System.Activator")]
    [InlineData("new System.Threading.Thread(() => { }).Start();", "System.Threading.Thread")]
    [InlineData("System.Threading.Tasks.Task.Run(() => { });", "System.Threading.Tasks.Task")]
    [InlineData("dynamic d = context; d.Anything();", "dynamic")]
    [InlineData("var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(10);", "System.Runtime.InteropServices.Marshal")]
    [InlineData("Console.WriteLine(\"leak\");", "System.Console")]
    [InlineData("AppDomain.CurrentDomain.SetData(\"x\", 1);", "System.AppDomain")]
    [InlineData("GC.Collect();", "System.GC")]
    [InlineData("var e = System.Linq.Expressions.Expression.Constant(1);", "System.Linq.Expressions")]
    [InlineData("var q = new[] { 1 }.AsParallel();", "AsParallel")]
    [InlineData("Func<int> f = () => 1; var r = f.DynamicInvoke();", "System.Delegate")]
    [InlineData("var leaked = Telc.Policies.PolicySources.For(\"/etc\", \"/\");", "Telc.Policies.PolicySources")]
    [InlineData("var worker = new Telc.Policies.PolicyWorkerSettings(\"/bin/sh\", null, TimeSpan.Zero, TimeSpan.Zero, 0);", "Telc.Policies.PolicyWorkerSettings")]
    [InlineData("var source = new Telc.Sources.WorkingTreeSource(\"/etc\", \"/\");", "Telc.Sources.WorkingTreeSource")]
    [InlineData("var r = new Regex(\"a\", RegexOptions.None, Regex.InfiniteMatchTimeout).Match(\"a\"); var t = System.Threading.Timeout.Infinite;", "System.Threading.Timeout")]
    public void Escapes_are_refused_at_their_line(string body, string named)
    {
        var text = Frame.Replace("BODY", body);

        var problems = Compile(text);

        // Refused by the sandbox, naming what it refuses; or, for assemblies a policy is not even compiled against, by the compiler.
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(7, LineOf(text, p)));
        Assert.True(problems.Any(p => p.Kind == "sandbox" && p.Message.Contains(named, StringComparison.Ordinal)) || problems.All(p => p.Kind == "compile"),
            string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Run(); static async void Run() { }", "async code is not allowed")]
    [InlineData("Action run = async () => { }; run();", "async code is not allowed")]
    [InlineData("try { throw new InvalidOperationException(); } catch (Exception e) { var where = e.StackTrace; }", "System.Exception.StackTrace")]
    [InlineData("var e = new InvalidOperationException(); var site = e.Source;", "System.Exception.Source")]
    [InlineData("try { throw new InvalidOperationException(); } catch (Exception e) { var text = $\"{e}\"; }", "only through its Message")]
    [InlineData("try { throw new InvalidOperationException(); } catch (Exception e) { var text = \"x\" + e; }", "only through its Message")]
    [InlineData("try { throw new InvalidOperationException(); } catch (Exception e) { object o = e; var text = o.ToString(); }", "only through its Message")]
    [InlineData("var all = new List<Exception> { new InvalidOperationException() }; var text = string.Join(\",\", all);", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(); var text = new System.Text.StringBuilder().Append(e).ToString();", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(); var text = string.Format(\"{0}\", e);", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(\"x\", new FormatException()); var text = $\"{e.InnerException}\";", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(); var text = (e, 1).ToString();", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(); var text = new { e }.ToString();", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(); var text = new KeyValuePair<string, Exception>(\"k\", e).ToString();", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(); var all = new[] { e }; var text = string.Join(\",\", all);", "only through its Message")]
    [InlineData("var e = new InvalidOperationException(); var text = new Held(e).ToString(); return []; } record Held(Exception E); IEnumerable<PolicyFinding> Unused() {", "only through its Message")]
    public void Code_that_would_run_or_tell_outside_the_policy_thread_is_refused(string body, string message)
    {
        var text = Frame.Replace("BODY", body);

        var problem = Assert.Single(Compile(text).Where(p => p.Message.Contains(message, StringComparison.Ordinal)).DistinctBy(p => p.Message));
        Assert.Equal("sandbox", problem.Kind);
        Assert.Equal(7, LineOf(text, problem));
    }

    [Fact]
    public void A_finalizer_is_refused()
    {
        var text = Frame.Replace("BODY", string.Empty).Replace("public override IEnumerable", "~Hostile() { }\n    public override IEnumerable");

        var problem = Assert.Single(Compile(text));
        Assert.Contains("a finalizer is not allowed", problem.Message);
    }

    [Fact]
    public void Unsafe_code_does_not_compile()
    {
        var problems = Compile(Frame.Replace("BODY", "unsafe { int x = 1; int* p = &x; }"));

        Assert.Contains(problems, p => p.Kind == "compile" && p.Message.Contains("CS0227", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("#r \"System.Net.Http.dll\"\n", "cannot reference assemblies")]
    [InlineData("#load \"../../etc/evil.csx\"\n", "outside the policy folder")]
    public void Directives_other_than_loading_a_policy_file_are_refused(string directive, string message)
    {
        var text = directive + Frame.Replace("BODY", string.Empty);

        var problem = Assert.Single(Compile(text));
        Assert.Equal("sandbox", problem.Kind);
        Assert.Contains(message, problem.Message);
        Assert.Equal(1, LineOf(text, problem));
    }

    [Fact]
    public void Loading_another_policy_file_and_the_whole_api_are_allowed()
    {
        var helper = new ProtocolFile("policies/helpers.csx", "/p/policies/helpers.csx",
            "public static class Helpers { public static bool Paging(string? s) => s is \"critical\" or \"page\"; }\n");
        var policy = new ProtocolFile("policies/ok.csx", "/p/policies/ok.csx", "#load \"helpers.csx\"\n" + Frame.Replace("BODY",
            "var names = context.Alerts.Where(a => Helpers.Paging(a.Rule.Severity)).Select(a => a.Rule.Name.Value.ToUpperInvariant()).ToImmutableSortedSet();\n"
            + "        var matches = Regex.IsMatch(string.Join(',', names), \"^[A-Z,]*$\");\n"
            + "        var total = context.Objects.Sum(o => o.Pod?.Containers.Length ?? 0) + Math.Max(1, names.Count);\n"
            + "        var builder = new System.Text.StringBuilder().Append(total).Append($\"{matches}\");\n"
            + "        if (builder.Length < 0 || new Uri(\"https://a.example\").Host.Length == 0) { throw new InvalidOperationException(); }\n"
            + "        try { throw new FormatException(\"bad\"); } catch (FormatException e) { var said = $\"failed: {e.Message}\"; Exception inner = e; var same = inner.InnerException?.Message; var none = e.InnerException == null || inner != e; }"));

        var result = PolicyCompiler.Compile([helper, policy], cacheDirectory: null);

        Assert.True(result.Problems.IsEmpty, string.Join("\n", result.Problems.Select(p => $"{p.Kind}: {p.Message}")));
        Assert.NotNull(result.Assembly);
    }

    private static ImmutableArray<PolicyProblem> Compile(string text) =>
        PolicyCompiler.Compile([new ProtocolFile("policies/hostile.csx", "/p/policies/hostile.csx", text)], cacheDirectory: null).Problems;

    private static int LineOf(string text, PolicyProblem problem) => text[..problem.At.Start].Count(c => c == '\n') + 1;
}
