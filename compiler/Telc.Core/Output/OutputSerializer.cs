using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Telc.Output;

/// <summary>
/// Turns typed output records into <see cref="OutNode"/> trees: properties in declaration order, named in camelCase
/// (snake_case for <see cref="ISnakeCaseOutput"/> records) unless <see cref="OutputNameAttribute"/> says otherwise;
/// nulls and empty collections left out, dictionaries sorted by key.
/// </summary>
public static class OutputSerializer
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Properties = new();

    public static OutNode ToNode(object value) => Convert(value) ?? new OutMap([]);

    private static OutNode? Convert(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case OutNode node:
                return node;
            case string text:
                return OutScalar.String(text);
            case bool flag:
                return new OutScalar(flag ? "true" : "false", OutScalarKind.Bool);
            case int or long:
                return new OutScalar(System.Convert.ToString(value, CultureInfo.InvariantCulture)!, OutScalarKind.Number);
            case double number:
                return new OutScalar(number.ToString("R", CultureInfo.InvariantCulture), OutScalarKind.Number);
            case Enum member:
                return OutScalar.String(char.ToLowerInvariant(member.ToString()[0]) + member.ToString()[1..]);
            case IDictionary dictionary:
                var entries = dictionary.Keys.Cast<string>().Order(StringComparer.Ordinal)
                    .Select(key => (key, Convert(dictionary[key])))
                    .Where(e => e.Item2 is not null)
                    .Select(e => KeyValuePair.Create(e.key, e.Item2!))
                    .ToImmutableArray();
                return entries.IsEmpty ? null : new OutMap(entries);
            case IEnumerable when IsDefaultImmutableArray(value):
                return null;
            case IEnumerable sequence:
                var items = sequence.Cast<object?>().Select(Convert).Where(i => i is not null).Select(i => i!).ToImmutableArray();
                return items.IsEmpty ? null : new OutSeq(items);
            default:
                var fields = Describe(value.GetType())
                    .Select(p => (p.Name, Node: Convert(p.Property.GetValue(value))))
                    .Where(p => p.Node is not null)
                    .Select(p => KeyValuePair.Create(p.Name, p.Node!))
                    .ToImmutableArray();
                return new OutMap(fields);
        }
    }

    /// <summary>
    /// A boxed <c>default(ImmutableArray&lt;T&gt;)</c> of any T, found without reflection (which trimming would break):
    /// its structural comparison with another default array is true, while an initialized array never equals one.
    /// </summary>
    private static bool IsDefaultImmutableArray(object value) =>
        value is IStructuralEquatable structural && value.GetType().IsGenericType
        && value.GetType().GetGenericTypeDefinition() == typeof(ImmutableArray<>)
        && structural.Equals(default(ImmutableArray<object>), EqualityComparer<object>.Default);

    /// <summary>Reflection metadata per output type, memoized: it depends only on the type, never on data.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingRoots.Justification)]
    private static (string Name, PropertyInfo Property)[] Describe(Type type) =>
        Properties.GetOrAdd(type, t =>
        {
            var snake = typeof(ISnakeCaseOutput).IsAssignableFrom(t);
            var order = DeclarationOrder(t);
            return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .OrderBy(p => p.Name switch { "ApiVersion" => 0, "Kind" => 1, _ => 2 })
                .ThenBy(p => order.GetValueOrDefault(p.Name, int.MaxValue))
                .ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => (p.GetCustomAttribute<OutputNameAttribute>()?.Name ?? (snake ? SnakeCase(p.Name) : char.ToLowerInvariant(p.Name[0]) + p.Name[1..]), p))
                .ToArray();
        });

    /// <summary>
    /// Positions of a record's primary-constructor parameters, which are its properties in declaration order; metadata
    /// tokens would say the same on the JIT but do not exist in a native build.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingRoots.Justification)]
    private static Dictionary<string, int> DeclarationOrder(Type type) =>
        type.GetConstructors()
            .Where(c => c.GetParameters() is not [{ } only] || only.ParameterType != type)
            .MaxBy(c => c.GetParameters().Length)?
            .GetParameters().ToDictionary(p => p.Name!, p => p.Position, StringComparer.Ordinal)
        ?? [];

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
