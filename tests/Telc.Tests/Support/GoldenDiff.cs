using System.Text;

namespace Telc.Tests.Support;

/// <summary>A short line diff for golden-file failures.</summary>
public static class GoldenDiff
{
    public static string Describe(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var text = new StringBuilder();
        for (var i = 0; i < Math.Max(a.Length, b.Length) && text.Length < 4000; i++)
        {
            var left = i < a.Length ? a[i] : "<missing>";
            var right = i < b.Length ? b[i] : "<missing>";
            if (left != right)
            {
                text.Append($"line {i + 1}:\n- {left}\n+ {right}\n");
            }
        }

        return text.ToString();
    }
}
