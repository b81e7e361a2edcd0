using System.Collections.Immutable;

namespace Telc.PromQL;

/// <summary>
/// A PromQL function: argument types, how many trailing arguments may be left out, whether the last repeats,
/// and the result type.
/// </summary>
public sealed record Function(string Name, ImmutableArray<ValueType> Arguments, int Optional, bool Variadic, ValueType Returns);

/// <summary>The functions of Prometheus 2.x and 3.x, as documented at prometheus.io/docs/prometheus/latest/querying/functions/.</summary>
public static class Functions
{
    private const ValueType S = ValueType.Scalar;
    private const ValueType V = ValueType.InstantVector;
    private const ValueType M = ValueType.RangeVector;
    private const ValueType Str = ValueType.String;

    private static readonly ImmutableDictionary<string, Function> Table = Build();

    public static Function? Find(string name) => Table.GetValueOrDefault(name);

    public static IEnumerable<string> Names => Table.Keys.Order(StringComparer.Ordinal);

    private static ImmutableDictionary<string, Function> Build()
    {
        var functions = new List<Function>();
        void Add(string name, ValueType returns, ValueType[] arguments, int optional = 0, bool variadic = false) =>
            functions.Add(new Function(name, [.. arguments], optional, variadic, returns));

        foreach (var name in new[]
        {
            "abs", "absent", "ceil", "exp", "floor", "ln", "log10", "log2", "sgn", "sort", "sort_desc", "sqrt", "timestamp", "deg", "rad",
            "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
            "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev", "histogram_stdvar", "start_timestamp",
        })
        {
            Add(name, V, [V]);
        }

        foreach (var name in new[]
        {
            "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta", "increase", "irate", "last_over_time",
            "first_over_time", "ts_of_first_over_time", "ts_of_last_over_time", "ts_of_min_over_time", "ts_of_max_over_time",
            "mad_over_time", "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time",
        })
        {
            Add(name, V, [M]);
        }

        foreach (var name in new[] { "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" })
        {
            Add(name, V, [V], optional: 1);
        }

        Add("clamp", V, [V, S, S]);
        Add("clamp_max", V, [V, S]);
        Add("clamp_min", V, [V, S]);
        Add("double_exponential_smoothing", V, [M, S, S]);
        Add("holt_winters", V, [M, S, S]);
        Add("histogram_fraction", V, [S, S, V]);
        Add("histogram_quantile", V, [S, V]);
        Add("info", V, [V, V], optional: 1);
        Add("label_join", V, [V, Str, Str, Str], variadic: true);
        Add("label_replace", V, [V, Str, Str, Str, Str]);
        Add("pi", S, []);
        Add("predict_linear", V, [M, S]);
        Add("quantile_over_time", V, [S, M]);
        Add("round", V, [V, S], optional: 1);
        Add("scalar", S, [V]);
        Add("sort_by_label", V, [V, Str], variadic: true);
        Add("sort_by_label_desc", V, [V, Str], variadic: true);
        Add("time", S, []);
        Add("step", S, []);
        Add("range", S, []);
        Add("start", S, []);
        Add("end", S, []);
        Add("min_of", S, [S, S]);
        Add("max_of", S, [S, S]);
        Add("histogram_quantiles", V, [V, Str, S, S], variadic: true);
        Add("vector", V, [S]);
        return functions.ToImmutableDictionary(f => f.Name, StringComparer.Ordinal);
    }
}

/// <summary>Aggregation operators and the parameter each takes, if any.</summary>
public static class Aggregators
{
    private static readonly ImmutableDictionary<string, ValueType> Table = new Dictionary<string, ValueType>(StringComparer.OrdinalIgnoreCase)
    {
        ["sum"] = ValueType.None, ["avg"] = ValueType.None, ["count"] = ValueType.None, ["min"] = ValueType.None, ["max"] = ValueType.None,
        ["group"] = ValueType.None, ["stddev"] = ValueType.None, ["stdvar"] = ValueType.None,
        ["topk"] = ValueType.Scalar, ["bottomk"] = ValueType.Scalar, ["quantile"] = ValueType.Scalar,
        ["limitk"] = ValueType.Scalar, ["limit_ratio"] = ValueType.Scalar, ["count_values"] = ValueType.String,
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsAggregator(string word) => Table.ContainsKey(word);

    /// <summary>The type of the aggregation's parameter, or <see cref="ValueType.None"/> when it takes none.</summary>
    public static ValueType Parameter(string word) => Table[word];
}
