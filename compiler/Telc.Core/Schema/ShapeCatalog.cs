using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.RegularExpressions;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;
using Telc.Text;

namespace Telc.Schema;

/// <summary>
/// The shapes of every record reachable from the spec kinds, read from the records and their attributes once.
/// A field is required when it is non-nullable, has no default and is not a list or a mapping.
/// </summary>
public sealed class ShapeCatalog
{
    private static readonly Lazy<ShapeCatalog> Lazy = new(() => new ShapeCatalog());

    private readonly Dictionary<Type, RecordShape> records = [];
    private readonly NullabilityInfoContext nullability = new();

    private ShapeCatalog()
    {
        Record(typeof(Metadata));
        foreach (var kind in SpecKinds.All)
        {
            Record(kind.SpecType);
        }
    }

    public static ShapeCatalog Instance => Lazy.Value;

    public IReadOnlyDictionary<Type, RecordShape> Records => records;

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingRoots.Justification)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimmingRoots.Justification)]
    public RecordShape Record(Type type)
    {
        if (records.TryGetValue(type, out var known))
        {
            return known;
        }

        var constructor = type.GetConstructors().Single(c => c.GetParameters().Length > 0 && c.GetParameters()[0].ParameterType != type);
        var doc = type.GetCustomAttribute<DocAttribute>()?.Text ?? throw new InvalidOperationException($"{type.Name} has no [Doc]");
        var shorthand = type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IShorthand<>))
            ? new ShorthandShape(
                (string)type.GetProperty(nameof(PresetUse.ShorthandPattern))!.GetValue(null)!,
                (string)type.GetProperty(nameof(PresetUse.ShorthandExample))!.GetValue(null)!,
                type.GetMethod(nameof(PresetUse.FromShorthand))!)
            : null;

        // Placeholder first, so recursive records (routes within routes) terminate.
        var shape = new RecordShape(type, doc, [], [], [], constructor, shorthand);
        records[type] = shape;
        var fields = constructor.GetParameters().Select(Field).ToImmutableArray();
        shape = shape with
        {
            Fields = fields,
            ExactlyOneOf = [.. type.GetCustomAttribute<ExactlyOneOfAttribute>()?.Fields ?? []],
            AtMostOneOf = [.. type.GetCustomAttribute<AtMostOneOfAttribute>()?.Fields ?? []],
        };
        foreach (var name in shape.ExactlyOneOf.Concat(shape.AtMostOneOf).Concat(fields.Select(f => f.RequiredWith).OfType<string>()).Where(n => shape.Find(n) is null))
        {
            throw new InvalidOperationException($"{type.Name} names unknown field '{name}' in a choice");
        }

        records[type] = shape;
        return shape;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingRoots.Justification)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimmingRoots.Justification)]
    private FieldShape Field(ParameterInfo parameter)
    {
        var doc = parameter.GetCustomAttribute<DocAttribute>()?.Text
            ?? throw new InvalidOperationException($"{parameter.Member.DeclaringType!.Name}.{parameter.Name} has no [Doc]");
        var name = parameter.GetCustomAttribute<YamlNameAttribute>()?.Name ?? CamelCase(parameter.Name!);
        var type = parameter.ParameterType;
        var underlying = Nullable.GetUnderlyingType(type);
        var value = Value(underlying ?? type);
        var defaultValue = parameter.GetCustomAttribute<DefaultAttribute>()?.Value;
        var isNullable = underlying is not null || (!type.IsValueType && nullability.Create(parameter).WriteState == NullabilityState.Nullable);
        var required = !isNullable && defaultValue is null && value is not (ListShape or MapShape);
        var pattern = parameter.GetCustomAttribute<PatternAttribute>();
        return new FieldShape(name, value, doc, required, defaultValue,
            pattern, pattern is null ? null : new Regex(pattern.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            parameter.GetCustomAttribute<Spec.RangeAttribute>(), parameter.GetCustomAttribute<ReferenceAttribute>(),
            parameter.GetCustomAttribute<AllowZeroAttribute>() is not null, parameter.GetCustomAttribute<RequiredWithAttribute>()?.Field, parameter,
            parameter.Member.DeclaringType!.GetProperty(parameter.Name!)!);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingRoots.Justification)]
    private ValueShape Value(Type type)
    {
        if (type == typeof(string))
        {
            return new StringShape();
        }

        if (type == typeof(bool))
        {
            return new BoolShape();
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new IntegerShape(type);
        }

        if (type == typeof(double))
        {
            return new NumberShape();
        }

        if (type == typeof(Duration))
        {
            return new ParsedShape(type, Duration.Pattern, Duration.Example, Duration.TryParse);
        }

        if (type == typeof(ByteSize))
        {
            return new ParsedShape(type, ByteSize.Pattern, ByteSize.Example, ByteSize.TryParse);
        }

        if (type.IsEnum)
        {
            return new EnumShape(type, [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (f.GetCustomAttribute<YamlNameAttribute>()?.Name ?? CamelCase(f.Name), f.GetValue(null)!))]);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(Located<>))
            {
                return new LocatedShape(type, Value(arguments[0]), Factory<Func<object, SourceLocation, object>>(nameof(CreateLocated), arguments[0]));
            }

            if (definition == typeof(ImmutableArray<>))
            {
                return new ListShape(type, Value(arguments[0]), Factory<Func<IEnumerable, object>>(nameof(CreateList), arguments[0]));
            }

            if (definition == typeof(ImmutableSortedDictionary<,>))
            {
                return new MapShape(type, Value(arguments[1]), Factory<Func<IEnumerable<KeyValuePair<string, object?>>, object>>(nameof(CreateMap), arguments[1]));
            }
        }

        if (typeof(SpecNode).IsAssignableFrom(type))
        {
            Record(type);
            return new RecordShapeRef(type);
        }

        throw new InvalidOperationException($"spec field type {type} is not supported");
    }

    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = TrimmingRoots.Justification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only reference-type arguments (checked), whose instantiations share the one compiled body.")]
    private static TDelegate Factory<TDelegate>(string method, Type argument)
        where TDelegate : Delegate
    {
        if (argument.IsValueType)
        {
            // A value-type instantiation would need code that a native (AOT) build does not have.
            throw new InvalidOperationException($"spec lists, maps and located values hold records or strings, not {argument}");
        }

        return typeof(ShapeCatalog).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(argument).CreateDelegate<TDelegate>();
    }

    private static object CreateLocated<T>(object value, SourceLocation location) => new Located<T>((T)value, location);

    private static object CreateList<T>(IEnumerable items) => items.Cast<T>().ToImmutableArray();

    private static object CreateMap<T>(IEnumerable<KeyValuePair<string, object?>> items) =>
        items.ToImmutableSortedDictionary(item => item.Key, item => (T)item.Value!, StringComparer.Ordinal);

    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
