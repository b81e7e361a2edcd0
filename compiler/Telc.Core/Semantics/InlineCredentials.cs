using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Spec;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// A credential written anywhere in the spec is an error (TELC216) that no policy level turns off: labels and
/// annotations go into rule files, URLs into Applications and Alertmanager configuration, and git keeps every
/// version. Every value of every document is read, so a field added tomorrow is covered too. The same walk refuses
/// ${…} in the values that reach the agents, which would expand it into another pipeline's Secret (TELC215).
/// </summary>
public static class InlineCredentials
{
    public static IEnumerable<Diagnostic> Check(SpecModel model)
    {
        var found = new List<Diagnostic>();
        foreach (var resource in model.Resources)
        {
            Visit(resource, resource.Document.Root, string.Empty, [], found);
        }

        return found;
    }

    /// <param name="path">The keys and item indexes down to the node; made into text only for a finding.</param>
    private static void Visit(Resource resource, YamlNode node, string key, List<object> path, List<Diagnostic> found)
    {
        if (node is YamlScalar { Type: ScalarType.String } text && text.Value.Contains("${", StringComparison.Ordinal) && path is ["spec", ..] && FeedsAgents(resource))
        {
            found.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, resource.File.Locate(text.Span),
                $"{Text(path)} of {resource.DisplayName} holds '${{', which the OpenTelemetry Collector and Fluent Bit expand from their environment, where the Secrets of every pipeline are",
                "write the value without ${…}; secret values come from the *SecretRef fields"));
        }

        switch (node)
        {
            case YamlScalar { Type: ScalarType.String or ScalarType.Int or ScalarType.Float } scalar when Describe(key, scalar.Value) is { } what:
                found.Add(Diagnostic.At(DiagnosticCatalogue.InlineCredential, resource.File.Locate(scalar.Span),
                    $"{Text(path)} of {resource.DisplayName} holds {what}; secret values are never written in the spec",
                    "put it in a Kubernetes Secret and reference it with the field's SecretRef form (a URL: urlSecretRef, or an auth setting backed by a Secret); "
                    + "in labels and annotations, link to where the credential is kept instead"));
                break;
            case YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    path.Add(entry.Key.Value);
                    Visit(resource, entry.Value, entry.Key.Value, path, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    path.Add(i);
                    Visit(resource, sequence.Items[i], key, path, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
        }
    }

    /// <summary>Documents whose values reach collector and Fluent Bit configs, which expand ${NAME} and ${env:NAME} when they load.</summary>
    private static bool FeedsAgents(Resource resource) => resource.Spec is Spec.Kinds.LogPipelineSpec or Spec.Kinds.TracePipelineSpec or Spec.Kinds.MetricPipelineSpec or Spec.Kinds.BackendSpec;

    private static string? Describe(string key, string value) =>
        key == "smarthost" && value.Contains('@', StringComparison.Ordinal)
            ? "user info in the smarthost (the login goes in authUsername and authPasswordSecretRef)"
            : Credentials.Describe(key, value);

    /// <summary>The path as policies and messages write it: spec.receivers[0].webhook.url.</summary>
    private static string Text(List<object> path) =>
        string.Concat(path.Select((step, i) => step is int index ? $"[{index}]" : i == 0 ? (string)step : $".{step}"));
}
