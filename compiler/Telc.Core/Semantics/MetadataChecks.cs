using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Spec;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// A document's metadata labels and annotations go onto the Kubernetes objects rendered from it, so they must be what
/// the API server accepts, and must not take the keys telc sets itself (selectors and provenance depend on those).
/// </summary>
public static partial class MetadataChecks
{
    /// <summary>The label keys every rendered object carries; workload selectors are made of the first two.</summary>
    public static readonly IReadOnlySet<string> LabelsTelcSets = new HashSet<string>(StringComparer.Ordinal)
    {
        "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by",
    };

    private const string TelcPrefix = "telc.io/";

    public static IEnumerable<Diagnostic> Check(Resource resource)
    {
        foreach (var (key, value) in Entries(resource, "labels"))
        {
            if (Problem(key.Value, "label") is { } keyProblem)
            {
                yield return At(resource, key, keyProblem.Message, keyProblem.Hint);
            }
            else if (LabelsTelcSets.Contains(key.Value))
            {
                yield return At(resource, key, $"label '{key.Value}' is set by telc on every object it renders", "choose another key; telc's workload selectors depend on this one");
            }

            if (value is YamlScalar text && (text.Value.Length > 63 || !LabelValue().IsMatch(text.Value)))
            {
                yield return At(resource, text, $"'{text.Value}' is not a Kubernetes label value",
                    "at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or empty)");
            }
        }

        foreach (var (key, _) in Entries(resource, "annotations"))
        {
            if (Problem(key.Value, "annotation") is { } keyProblem)
            {
                yield return At(resource, key, keyProblem.Message, keyProblem.Hint);
            }
        }
    }

    /// <summary>Why a key is not one Kubernetes accepts, or telc's own; null when it is fine.</summary>
    private static (string Message, string Hint)? Problem(string key, string what)
    {
        var slash = key.IndexOf('/');
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (name.Length is 0 or > 63 || !KeyName().IsMatch(name) || (prefix is not null && !Names.IsDnsSubdomain(prefix)))
        {
            return ($"'{key}' is not a Kubernetes {what} key",
                "an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', e.g. example.com/cost-center");
        }

        return key.StartsWith(TelcPrefix, StringComparison.Ordinal)
            ? ($"{what} '{key}' uses the prefix '{TelcPrefix}', which telc keeps for its own", "choose a key under your own prefix")
            : null;
    }

    /// <summary>The entries of metadata.labels or metadata.annotations as written, for their positions.</summary>
    private static IEnumerable<(YamlScalar Key, YamlNode Value)> Entries(Resource resource, string field) =>
        YamlPath.Find(resource.Document.Root, $"metadata.{field}")?.Value is YamlMapping entries
            ? entries.Entries.Select(e => (e.Key, e.Value))
            : [];

    private static Diagnostic At(Resource resource, YamlNode node, string message, string hint) =>
        Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, new SourceLocation(resource.File, node.Span), message, hint);

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex KeyName();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex LabelValue();
}
