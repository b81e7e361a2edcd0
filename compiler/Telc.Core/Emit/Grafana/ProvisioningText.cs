using System.Text;
using Telc.Output;

namespace Telc.Emit.Grafana;

/// <summary>
/// Text in Grafana's provisioning files. Grafana expands every string value there before use (values.go): it splits
/// the value at each "$$", expands ${NAME}, $__env{NAME}, $__file{PATH} and $NAME in each part, and joins the parts
/// with a single "$". So a literal "$" telc writes (a data link's ${__value.raw}, a regex anchor) goes in as "$$",
/// and only the credentials Grafana must read from its environment go in unescaped, as $VARIABLE.
/// </summary>
public static class ProvisioningText
{
    /// <summary>Every string of the tree with each "$" doubled; mapping keys stay, Grafana does not expand them.</summary>
    public static OutNode Escape(OutNode node) => node switch
    {
        OutScalar { Kind: OutScalarKind.String } text => OutScalar.String(Escape(text.Text)),
        OutMap map => new OutMap([.. map.Entries.Select(e => KeyValuePair.Create(e.Key, Escape(e.Value)))]),
        OutSeq seq => new OutSeq([.. seq.Items.Select(Escape)]),
        _ => node,
    };

    public static OutMap Escape(OutMap map) => (OutMap)Escape((OutNode)map);

    public static string Escape(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    /// <summary>What Grafana replaces with the value of the environment variable.</summary>
    public static string Reference(string variable) => "$" + variable;

    /// <summary>The environment variable a datasource's credential is read from: TELC_DATASOURCE_NAME_WHAT, the backend's name in capitals and underscores.</summary>
    public static string Variable(string backend, string what)
    {
        var name = new StringBuilder(backend.Length);
        foreach (var c in backend)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return $"TELC_DATASOURCE_{name}_{what}";
    }
}
