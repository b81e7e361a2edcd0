using System.Collections.Immutable;

namespace Telc.Schema;

/// <summary>
/// What a spec field holds, derived once from the spec records. The binder checks and binds YAML with it,
/// and the schema generator writes it out as JSON Schema, so the two never disagree.
/// </summary>
public abstract record ValueShape(Type ClrType)
{
    public abstract string Describe { get; }
}

public sealed record StringShape() : ValueShape(typeof(string))
{
    public override string Describe => "a string";
}

public sealed record BoolShape() : ValueShape(typeof(bool))
{
    public override string Describe => "true or false";
}

public sealed record IntegerShape(Type Type) : ValueShape(Type)
{
    public override string Describe => "a whole number";
}

public sealed record NumberShape() : ValueShape(typeof(double))
{
    public override string Describe => "a number";
}

public sealed record EnumShape(Type Type, ImmutableArray<(string Name, object Value)> Members) : ValueShape(Type)
{
    public override string Describe => "one of " + string.Join(", ", Members.Select(m => m.Name));
}

/// <summary>A string parsed into a value type such as a duration or a size.</summary>
public sealed record ParsedShape(Type Type, string Pattern, string Example, Func<string, object?> Parse) : ValueShape(Type)
{
    public override string Describe => "a value like " + Example;
}

/// <summary>A value kept with its location; <paramref name="Create"/> wraps a bound inner value.</summary>
public sealed record LocatedShape(Type Type, ValueShape Inner, Func<object, Text.SourceLocation, object> Create) : ValueShape(Type)
{
    public override string Describe => Inner.Describe;
}

/// <summary>A list; <paramref name="Create"/> builds the typed immutable array from bound items.</summary>
public sealed record ListShape(Type Type, ValueShape Item, Func<System.Collections.IEnumerable, object> Create) : ValueShape(Type)
{
    public override string Describe => "a list";
}

/// <summary>A mapping of names to values; <paramref name="Create"/> builds the typed sorted dictionary from bound entries.</summary>
public sealed record MapShape(Type Type, ValueShape Value, Func<IEnumerable<KeyValuePair<string, object?>>, object> Create) : ValueShape(Type)
{
    public override string Describe => "a mapping";
}

public sealed record RecordShapeRef(Type Type) : ValueShape(Type)
{
    public override string Describe => "a mapping";
}
