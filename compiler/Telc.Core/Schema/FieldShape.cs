using System.Reflection;
using System.Text.RegularExpressions;
using Telc.Spec;

namespace Telc.Schema;

/// <summary>One field of a spec record as YAML sees it, with what checks and binding need precomputed.</summary>
public sealed record FieldShape(
    string YamlName,
    ValueShape Value,
    string Doc,
    bool Required,
    object? Default,
    PatternAttribute? Pattern,
    Regex? PatternRegex,
    Spec.RangeAttribute? Range,
    ReferenceAttribute? Reference,
    bool AllowZero,
    string? RequiredWith,
    ParameterInfo Parameter,
    PropertyInfo Property);
