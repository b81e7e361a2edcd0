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
}

/// <summary>How a record may also be written as one string.</summary>
public sealed record ShorthandShape(string Pattern, string Example, MethodInfo FromText);
