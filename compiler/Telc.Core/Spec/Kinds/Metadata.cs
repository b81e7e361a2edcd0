using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

[Doc("Identity of the document: its name, owning team and free-form labels.")]
public sealed record Metadata(
    [Doc("Name of the document, unique per kind: lowercase letters, digits and '-', at most 63 characters."),
     Pattern(Names.DnsLabel, "payments-api")]
    Located<string> Name,
    [Doc("Team that owns this document. Required for documents under teams/<team>/, and must name that team."),
     Reference(SymbolKind.Team)]
    Located<string>? Team,
    [Doc("Free-form text describing the document.")]
    string? Description,
    [Doc("Labels copied onto every Kubernetes object rendered from this document (its telc.io/source annotation points here); telc's own keys (app.kubernetes.io/name, instance, part-of, managed-by, telc.io/*) are refused.")]
    ImmutableSortedDictionary<string, string> Labels,
    [Doc("Annotations copied onto every Kubernetes object rendered from this document; keys under telc.io/ are refused.")]
    ImmutableSortedDictionary<string, string> Annotations) : SpecNode;
