using System.Reflection;
using Telc.Spec;

namespace Telc.Schema;

/// <summary>One field of a spec record as YAML sees it.</summary>
public sealed record FieldShape(
    string YamlName,
    ValueShape Value,
    string Doc,
    bool Required,
    object? Default,
    PatternAttribute? Pattern,
    Spec.RangeAttribute? Range,
    ParameterInfo Parameter);
