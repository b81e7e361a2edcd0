using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

/// <summary>What an environment is, whatever it is called: what policies and diff's risk classes hold it to.</summary>
public enum EnvironmentTier
{
    Development,
    Staging,
    Production,
}

[Doc("An environment clusters may belong to, with its tier. Written as a bare name when the name says the tier: dev, development, test, qa and sandbox are development; stage, staging, preprod and uat are staging; prod and production are production. Any other name needs a tier.")]
public sealed record EnvironmentDeclaration(
    [Doc("Name that clusters and RetentionPolicy rules refer to."), Pattern(Names.DnsLabel, "production")] Located<string> Name,
    [Doc("What the environment is; the built-in policies and diff's risk classes go by this, not by the name.")] EnvironmentTier? Tier)
    : SpecNode, IShorthand<EnvironmentDeclaration>
{
    /// <summary>The environments of a Project that declares none.</summary>
    public static readonly ImmutableArray<string> DefaultNames = ["dev", "stage", "prod"];

    private static readonly ImmutableDictionary<string, EnvironmentTier> WellKnown = new Dictionary<string, EnvironmentTier>
    {
        ["dev"] = EnvironmentTier.Development, ["development"] = EnvironmentTier.Development, ["test"] = EnvironmentTier.Development,
        ["qa"] = EnvironmentTier.Development, ["sandbox"] = EnvironmentTier.Development,
        ["stage"] = EnvironmentTier.Staging, ["staging"] = EnvironmentTier.Staging, ["preprod"] = EnvironmentTier.Staging, ["uat"] = EnvironmentTier.Staging,
        ["prod"] = EnvironmentTier.Production, ["production"] = EnvironmentTier.Production,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public static string ShorthandPattern => Names.DnsLabel;

    public static string ShorthandExample => "production";

    public static EnvironmentDeclaration FromShorthand(string text, Text.SourceLocation location) => new(new Located<string>(text, location), null);

    /// <summary>The tier written, else the one the name says; null when neither says one (an error the checker reports).</summary>
    public EnvironmentTier? EffectiveTier => Tier ?? WellKnownTier(Name.Value);

    public static EnvironmentTier? WellKnownTier(string name) => WellKnown.TryGetValue(name, out var tier) ? tier : null;

    /// <summary>Each environment's name and tier (dev, stage and prod when none are declared); a name without a tier is left out.</summary>
    public static ImmutableSortedDictionary<string, EnvironmentTier> Tiers(ImmutableArray<EnvironmentDeclaration> declared) =>
        declared.IsDefaultOrEmpty
            ? DefaultNames.ToImmutableSortedDictionary(n => n, n => WellKnownTier(n)!.Value, StringComparer.Ordinal)
            : declared.Where(e => e.EffectiveTier is not null).DistinctBy(e => e.Name.Value)
                .ToImmutableSortedDictionary(e => e.Name.Value, e => e.EffectiveTier!.Value, StringComparer.Ordinal);
}
