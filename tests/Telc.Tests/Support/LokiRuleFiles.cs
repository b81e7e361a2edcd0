using Telc.Output;

namespace Telc.Tests.Support;

/// <summary>
/// Loki reads Prometheus' rule file format (rulefmt) and then parses each expr as LogQL; with every expr swapped for a
/// PromQL one, promtool checks the rest of a Loki rule file: fields, durations, label names and templates.
/// </summary>
public static class LokiRuleFiles
{
    public static string WithPromQLExpressions(string ruleFile) => CanonicalYamlWriter.Write(Swap(CollectorConfigs.Parse(ruleFile)));

    private static OutNode Swap(OutNode node) => node switch
    {
        OutMap map => new OutMap([.. map.Entries.Select(e => KeyValuePair.Create(e.Key, e.Key == "expr" ? OutScalar.String("vector(1)") : Swap(e.Value)))]),
        OutSeq seq => new OutSeq([.. seq.Items.Select(Swap)]),
        _ => node,
    };
}
