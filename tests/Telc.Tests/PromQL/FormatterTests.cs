using System.Collections;
using System.Reflection;
using System.Text;
using Telc.PromQL;
using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.PromQL;

public sealed class FormatterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sum   by(job)(rate( x[5m] ))", "sum by (job) (rate(x[5m]))")]
    [InlineData("sum(x) without (a,b)", "sum without (a, b) (x)")]
    [InlineData("a/on(job)group_left(t)b", "a / on(job) group_left(t) b")]
    [InlineData("x{a='b'} offset -5m @ start()", "x{a=\"b\"} offset -5m @ start()")]
    [InlineData("1>bool 2 # comment", "1 > bool 2")]
    [InlineData("{\"my.metric\", \"a.b\"=\"x\"}", "{\"my.metric\", \"a.b\"=\"x\"}")]
    public void Formats_canonically(string query, string expected)
    {
        Assert.Equal(expected, Formatter.Format(Parser.Parse(query).Root!));
    }

    [SkippableFact]
    public void Every_corpus_expression_formats_to_text_that_parses_back_to_the_same_tree()
    {
        var expressions = File.ReadAllLines(Corpus.File("promql", "expressions.txt"))
            .Concat(File.ReadAllLines(Corpus.File("promql-testdata", "promqltest-queries.tsv")).Skip(1).Select(l => l.Split('\t')[4]))
            .Where(e => e.Length > 0)
            .ToArray();

        var formatted = 0;
        foreach (var expression in expressions)
        {
            var original = Parser.Parse(expression);
            if (!original.Success)
            {
                continue;
            }

            var text = Formatter.Format(original.Root!);
            var again = Parser.Parse(text);
            Assert.True(again.Success, $"{expression}\n  formatted: {text}\n  {string.Join("; ", again.Errors)}");
            Assert.True(Shape(original.Root!) == Shape(again.Root!), $"{expression}\n  formatted: {text}");
            Assert.Equal(text, Formatter.Format(again.Root!));
            formatted++;
        }

        output.WriteLine($"{formatted} corpus expressions format and parse back to the same tree");
        Assert.True(formatted > 2_500);
    }

    /// <summary>The tree without positions, so the original and the formatted text compare.</summary>
    private static string Shape(object? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();

        static void Write(object? value, StringBuilder text)
        {
            switch (value)
            {
                case null:
                    text.Append("null");
                    break;
                case string or double or bool or int or Enum or TimeSpan or Function:
                    text.Append(value is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : value.ToString());
                    break;
                case IEnumerable items:
                    text.Append('[');
                    foreach (var item in items)
                    {
                        Write(item, text);
                        text.Append(',');
                    }

                    text.Append(']');
                    break;
                default:
                    text.Append(value.GetType().Name).Append('(');
                    foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                        .Where(p => p.PropertyType != typeof(Telc.Text.TextSpan) && p.Name is not ("EqualityContract" or "Text"))
                        .OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        text.Append(property.Name).Append('=');
                        Write(property.GetValue(value), text);
                        text.Append(';');
                    }

                    text.Append(')');
                    break;
            }
        }
    }
}
