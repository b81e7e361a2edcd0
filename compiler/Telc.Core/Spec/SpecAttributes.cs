namespace Telc.Spec;

/// <summary>Field text shown in editors and in the JSON Schema. Every field of the spec model has one.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Class | AttributeTargets.Field)]
public sealed class DocAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>A regular expression the string must match, with an example shown when it does not.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PatternAttribute(string pattern, string example) : Attribute
{
    public string Pattern { get; } = pattern;

    public string Example { get; } = example;
}

/// <summary>Inclusive bounds of a number.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RangeAttribute(double minimum, double maximum = double.MaxValue) : Attribute
{
    public double Minimum { get; } = minimum;

    public double Maximum { get; } = maximum;
}

/// <summary>The value used when the field is left out; it makes the field optional.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}

/// <summary>A duration that may be zero; every other duration must be longer than 0s.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class AllowZeroAttribute : Attribute;

/// <summary>Exactly one of the named fields must be set (a choice such as the type of a backend).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ExactlyOneOfAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>The field must be set whenever the named field is (a service port wherever services are selected).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RequiredWithAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}

/// <summary>At most one of the named fields may be set.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AtMostOneOfAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>The string names something declared elsewhere; the semantic checks resolve it.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ReferenceAttribute(SymbolKind target) : Attribute
{
    public SymbolKind Target { get; } = target;
}

/// <summary>The YAML name of an enum member or field when it is not the camelCase of the C# name.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class YamlNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>A record that may also be written as one string, e.g. a preset as <c>kubernetes@1</c>.</summary>
public interface IShorthand<TSelf>
    where TSelf : SpecNode
{
    static abstract string ShorthandPattern { get; }

    static abstract string ShorthandExample { get; }

    static abstract TSelf FromShorthand(string text, Text.SourceLocation location);
}
