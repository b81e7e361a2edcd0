using System.Collections.Immutable;
using System.Reflection;

namespace Telc.Schema;

/// <summary>A spec record as YAML sees it: its fields, its choice constraints and how to build it.</summary>
public sealed record RecordShape(
    Type Type,
    string Doc,
    ImmutableArray<FieldShape> Fields,
    ImmutableArray<string> ExactlyOneOf,
    ImmutableArray<string> AtMostOneOf,
    ConstructorInfo Constructor,
    ShorthandShape? Shorthand)
{
    public FieldShape? Find(string yamlName) => Fields.FirstOrDefault(f => f.YamlName == yamlName);

    /// <summary>Whether the record must be written at all: it has a required field or a choice to make. A document's spec of such a kind is required.</summary>
    public bool MustBeWritten => Fields.Any(f => f.Required) || !ExactlyOneOf.IsEmpty;
}

/// <summary>How a record may also be written as one string.</summary>
public sealed record ShorthandShape(string Pattern, string Example, MethodInfo FromText);
