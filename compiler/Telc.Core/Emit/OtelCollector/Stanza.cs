using Telc.Output;
using Telc.Spec.Kinds;
using static Telc.Output.OutTree;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The stanza operators of the log receivers: the container operator (CRI, containerd and docker formats, found per
/// file, partial lines joined), then the pipeline's parsers in the order the spec lists them.
/// </summary>
public static class Stanza
{
    public static OutMap Container() => Map(("type", "container"), ("add_metadata_from_filepath", true));

    /// <summary>The parsers as operators; a record a parser cannot read is passed on unparsed, never dropped.</summary>
    public static IEnumerable<OutMap> Parsers(IEnumerable<LogParser> parsers, string sourceIdentifier) => parsers.Select((parser, index) => parser.Type switch
    {
        LogParserType.Json => Map(("type", "json_parser"), ("id", $"parse-{index}"), ("parse_from", Ottl.StanzaField(parser.Field)), ("on_error", "send_quiet")),
        LogParserType.Regex => Map(("type", "regex_parser"), ("id", $"parse-{index}"), ("regex", parser.Pattern), ("parse_from", Ottl.StanzaField(parser.Field)), ("on_error", "send_quiet")),
        _ => Map(("type", "recombine"), ("id", $"parse-{index}"), ("combine_field", Ottl.StanzaField(parser.Field)),
            ("is_first_entry", $"{Ottl.StanzaField(parser.Field)} matches {Ottl.Quote(parser.Pattern ?? ".")}"), ("source_identifier", sourceIdentifier), ("on_error", "send_quiet")),
    });
}
