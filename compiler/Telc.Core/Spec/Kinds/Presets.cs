using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

[Doc("A preset from the catalog, written as name@version (e.g. kubernetes@1) or as a mapping with parameters and overrides.")]
public sealed record PresetUse(
    [Doc("Preset name in the catalog."), Pattern(Names.KebabId, "kubernetes")] string Name,
    [Doc("Version or range: 1, 1.x, 1.2 or 1.2.3."), Pattern(PresetUse.VersionPattern, "1.x")] string Version,
    [Doc("Values for the preset's options, by option name.")] ImmutableSortedDictionary<string, string> Params,
    [Doc("Whether the preset's control-plane scrape jobs and alerts are on; off on managed control planes (eks, gke, aks) and on elsewhere when left out.")] bool? ControlPlane,
    [Doc("Overrides of the preset's alerts, by alert name.")] ImmutableSortedDictionary<string, AlertOverride> Alerts,
    [Doc("Overrides of the preset's dashboards, by dashboard name.")] ImmutableSortedDictionary<string, DashboardOverride> Dashboards)
    : SpecNode, IShorthand<PresetUse>
{
    public const string VersionPattern = "^[0-9]+(\\.([0-9]+|x))?(\\.([0-9]+|x))?$";

    public static string ShorthandPattern => "^[a-z][a-z0-9]*(-[a-z0-9]+)*@[0-9]+(\\.([0-9]+|x))?(\\.([0-9]+|x))?$";

    public static string ShorthandExample => "kubernetes@1";

    public static PresetUse FromShorthand(string text, Text.SourceLocation location)
    {
        var at = text.IndexOf('@');
        return new PresetUse(text[..at], text[(at + 1)..], ImmutableSortedDictionary<string, string>.Empty, null,
            ImmutableSortedDictionary<string, AlertOverride>.Empty, ImmutableSortedDictionary<string, DashboardOverride>.Empty);
    }
}

[Doc("Changes to one alert of a preset, in plain YAML.")]
public sealed record AlertOverride(
    [Doc("Set false to drop the alert."), Default(true)] bool Enabled,
    [Doc("New severity label.")] string? Severity,
    [Doc("New pending duration."), AllowZero] Values.Duration? For,
    [Doc("New threshold: the number the alert's expression compares with (the 0.05 of '... > 0.05').")] double? Threshold,
    [Doc("A query replacing the preset's.")] Located<string>? Expr,
    [Doc("Labels added to the alert, or replacing the preset's.")] ImmutableSortedDictionary<string, string> Labels,
    [Doc("Annotations added to the alert, or replacing the preset's (summary, description and runbook_url included).")] ImmutableSortedDictionary<string, string> Annotations) : SpecNode;

[Doc("Changes to one dashboard of a preset.")]
public sealed record DashboardOverride(
    [Doc("Set false to drop the dashboard."), Default(true)] bool Enabled) : SpecNode;
