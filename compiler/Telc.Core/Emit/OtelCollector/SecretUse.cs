using Telc.Output;
using Telc.Spec.Kinds;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The Secrets one pipeline part's output reads, collected while its config is built: keys mounted as files under
/// <see cref="Exporters.SecretsDirectory"/>, and keys passed as environment variables the config refers to in its
/// own syntax (the collector's ${env:NAME}, Fluent Bit's ${NAME}). No value ever reaches the config.
/// </summary>
/// <param name="reference">How the config refers to an environment variable by name.</param>
public sealed class SecretUse(string part, Func<string, string> reference)
{
    /// <summary>The collector's auth extensions the exporter names (basicauth, bearertokenauth).</summary>
    public List<(string Id, OutMap Config)> AuthExtensions { get; } = [];

    public List<SecretEnvironment> Variables { get; } = [];

    public SortedSet<string> Mounted { get; } = new(StringComparer.Ordinal);

    public string File(string secret, string key)
    {
        Mounted.Add(secret);
        return $"{Exporters.SecretsDirectory}/{secret}/{key}";
    }

    /// <summary>An environment variable named after the pipeline part and the value's use, read from the Secret key.</summary>
    public string Environment(string use, SecretKeyRef key)
    {
        var name = string.Concat($"TELC_{part}_{use}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
        Variables.Add(new SecretEnvironment(name, key.Name, key.Key));
        return reference(name);
    }
}
