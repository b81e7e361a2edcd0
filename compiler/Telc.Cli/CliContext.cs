namespace Telc.Cli;

/// <summary>What a command may touch outside its arguments: injected so tests run the CLI in-process.</summary>
public sealed record CliContext(
    TextWriter Out, TextWriter Error, string WorkingDirectory, bool Color, IReadOnlyDictionary<string, string>? Environment = null, TextReader? Input = null)
{
    /// <summary>Credentials to mask in every message; commands add what they are given.</summary>
    public Redactions Secrets { get; } = new();

    /// <summary>
    /// A message as telc prints it outside the diagnostic formats: the credentials it was given masked, control
    /// characters shown as \uXXXX (messages quote what the user typed, and what servers answered).
    /// </summary>
    public string Shown(string text) => Diagnostics.Diagnostic.Shown(Secrets.Apply(text));

    public string? Variable(string name) => Environment is not null && Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The date waivers are checked against: TELC_TODAY (YYYY-MM-DD) when set, for reproducible runs; else today in UTC.</summary>
    public DateOnly Today => Spec.Values.CalendarDate.Parse(Variable("TELC_TODAY")) ?? DateOnly.FromDateTime(DateTime.UtcNow);

    public string FullPath(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));

    /// <summary>The policy worker's settings from the environment; a value out of range is a usage error.</summary>
    public Policies.PolicyWorkerSettings PolicySettings()
    {
        try
        {
            return Policies.PolicyWorkerSettings.FromEnvironment(Variable);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
