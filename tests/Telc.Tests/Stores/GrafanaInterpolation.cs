using System.Text;
using System.Text.RegularExpressions;

namespace Telc.Tests.Stores;

/// <summary>
/// What Grafana makes of a string value in a provisioning file, done as its sources do (grafana/grafana
/// pkg/services/provisioning/values/values.go interpolateValue, pkg/setting/expanders.go ExpandVar, and Go's os.Expand
/// in src/os/env.go): split at "$$"; in each part, replace ${NAME} and $__env{NAME} by the variable and $__file{PATH}
/// by the file's trimmed text (the env expander first, then the file expander, each replacing the first occurrence of
/// every match it found before it started), then expand $NAME, ${NAME} and the one-character specials as Go's
/// os.ExpandEnv does; join the parts with "$".
/// </summary>
public static partial class GrafanaInterpolation
{
    public static string Interpolate(string value, IReadOnlyDictionary<string, string> environment, Func<string, string>? readFile = null) =>
        string.Join("$", value.Split("$$").Select(part => ExpandEnv(ExpandVar(part, environment, readFile), environment)));

    /// <summary>setting.ExpandVar: the registered expanders in order, env (priority -10) then file (-5).</summary>
    private static string ExpandVar(string text, IReadOnlyDictionary<string, string> environment, Func<string, string>? readFile)
    {
        foreach (var (name, expand) in new (string, Func<string, string>)[]
                 {
                     ("env", variable => environment.GetValueOrDefault(variable, string.Empty)),
                     ("file", path => (readFile ?? throw new FileNotFoundException(path))(path).Trim()),
                 })
        {
            foreach (Match match in Expander().Matches(text))
            {
                if (match.Groups[1].Value == "__" + name || (match.Groups[1].Value.Length == 0 && name == "env"))
                {
                    var index = text.IndexOf(match.Value, StringComparison.Ordinal);
                    text = text[..index] + expand(match.Groups[2].Value) + text[(index + match.Value.Length)..];
                }
            }
        }

        return text;
    }

    /// <summary>Go's os.Expand with os.Getenv, byte for byte (the text is ASCII here).</summary>
    private static string ExpandEnv(string s, IReadOnlyDictionary<string, string> environment)
    {
        StringBuilder? buffer = null;
        var i = 0;
        for (var j = 0; j < s.Length; j++)
        {
            if (s[j] == '$' && j + 1 < s.Length)
            {
                buffer ??= new StringBuilder();
                buffer.Append(s, i, j - i);
                var (name, width) = ShellName(s[(j + 1)..]);
                if (name.Length == 0 && width > 0)
                {
                    // Bad syntax: the characters are eaten.
                }
                else if (name.Length == 0)
                {
                    buffer.Append(s[j]);
                }
                else
                {
                    buffer.Append(environment.GetValueOrDefault(name, string.Empty));
                }

                j += width;
                i = j + 1;
            }
        }

        return buffer is null ? s : buffer.Append(s[i..]).ToString();
    }

    private static (string Name, int Width) ShellName(string s)
    {
        if (s[0] == '{')
        {
            if (s.Length > 2 && IsSpecial(s[1]) && s[2] == '}')
            {
                return (s[1..2], 3);
            }

            for (var k = 1; k < s.Length; k++)
            {
                if (s[k] == '}')
                {
                    return k == 1 ? (string.Empty, 2) : (s[1..k], k + 1);
                }
            }

            return (string.Empty, 1);
        }

        if (IsSpecial(s[0]))
        {
            return (s[..1], 1);
        }

        var length = 0;
        while (length < s.Length && (s[length] == '_' || char.IsAsciiLetterOrDigit(s[length])))
        {
            length++;
        }

        return (s[..length], length);
    }

    private static bool IsSpecial(char c) => c is '*' or '#' or '$' or '@' or '!' or '?' or '-' || char.IsAsciiDigit(c);

    /// <summary>expanders.go's pattern, with Go's ASCII \w.</summary>
    [GeneratedRegex(@"\$(|__[A-Za-z0-9_]+)\{([^}]+)\}")]
    private static partial Regex Expander();
}
