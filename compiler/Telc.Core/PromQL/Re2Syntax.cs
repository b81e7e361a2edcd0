using System.Globalization;
using System.Text;

namespace Telc.PromQL;

/// <summary>
/// The syntax of Go's regexp (RE2), which Prometheus uses: validates a pattern the way Go would, and translates a
/// valid one into .NET syntax so telc can evaluate it (e.g. to see whether it matches the empty string).
/// .NET accepts more than RE2 (lookaround, backreferences, \Z, (?x) …) and names some things differently
/// (\pL, (?P&lt;n&gt;…), \Q…\E, \x{41}), so neither engine can stand in for the other directly.
/// </summary>
public static class Re2Syntax
{
    private const int MaxRepeat = 1000;

    private static readonly HashSet<string> PosixClasses =
        ["alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit"];

    private static readonly HashSet<string> UnicodeCategories =
        ["L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
         "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Any"];

    /// <summary>The scripts Go's unicode package knows (Unicode 15).</summary>
    private static readonly HashSet<string> UnicodeScripts =
    [
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki",
        "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal", "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee",
        "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan",
        "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi",
        "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi",
        "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki",
        "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic",
        "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao",
        "Modi", "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
        "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian",
        "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician",
        "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian",
        "Sora_Sompeng", "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil",
        "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Warang_Citi",
        "Yezidi", "Yi", "Zanabazar_Square",
    ];

    /// <summary>Whether the pattern, anchored as Prometheus and Loki anchor matchers, matches the empty string; null when Go refuses it.</summary>
    public static bool? MatchesEmpty(string pattern) =>
        Anchored(pattern) is { } regex ? Matches(regex, string.Empty) : null;

    /// <summary>The names of the pattern's named groups, (?P&lt;name&gt;…) and (?&lt;name&gt;…), in order; empty when Go refuses it.</summary>
    public static IReadOnlyList<string> NamedCaptures(string pattern) =>
        Anchored(pattern) is { } regex ? [.. regex.GetGroupNames().Where(n => !int.TryParse(n, out _))] : [];

    private static System.Text.RegularExpressions.Regex? Anchored(string pattern)
    {
        if (Validate(pattern, out var dotnet) is not null)
        {
            return null;
        }

        try
        {
            return new System.Text.RegularExpressions.Regex("^(?:" + dotnet + ")$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool? Matches(System.Text.RegularExpressions.Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Why Go would refuse the pattern, or null when it accepts it; <paramref name="dotnet"/> is the .NET equivalent.</summary>
    public static string? Validate(string pattern, out string dotnet)
    {
        var output = new StringBuilder();
        var depth = 0;
        var repeats = new Stack<long>([1]);
        long groupRepeat = 1;
        var canRepeat = false;
        var lastWasRepeat = false;
        var height = new Re2Height();
        dotnet = string.Empty;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    var escape = Escape(pattern, ref i, inClass: false, output);
                    if (escape is not null)
                    {
                        return escape;
                    }

                    height.Atom();
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
                case '[':
                    var problem = CharacterClass(pattern, ref i, output);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    height.Atom();
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
                case '(':
                    var capture = i + 1 < pattern.Length && (pattern[i + 1] != '?' || IsNamedGroup(pattern, i));
                    var group = Group(pattern, ref i, output, out var opens);
                    if (group is not null)
                    {
                        return group;
                    }

                    if (opens)
                    {
                        depth++;
                        repeats.Push(1);
                        height.Open(capture);
                    }

                    canRepeat = false;
                    lastWasRepeat = false;
                    continue;
                case ')':
                    if (--depth < 0)
                    {
                        return "unexpected ): missing opening parenthesis";
                    }

                    output.Append(c);
                    height.Close();
                    groupRepeat = repeats.Pop();
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
                case '*' or '+' or '?':
                    if (lastWasRepeat && c != '?')
                    {
                        return $"invalid nested repetition operator: `{pattern[(i - 1)..(i + 1)]}`";
                    }

                    if (lastWasRepeat && c == '?')
                    {
                        if (i >= 2 && pattern[i - 2] is '*' or '+' or '?' or '}' && pattern[i - 1] == '?')
                        {
                            return "invalid nested repetition operator: `??`";
                        }

                        output.Append(c);
                        lastWasRepeat = false;
                        canRepeat = false;
                        continue;
                    }

                    if (!canRepeat)
                    {
                        return $"missing argument to repetition operator: `{c}`";
                    }

                    height.Repeat(c == '+' ? 1 : 0, c == '?' ? 1 : -1);
                    output.Append(c);
                    lastWasRepeat = true;
                    continue;
                case '{':
                    if (Repeat(pattern, i) is { } repeat)
                    {
                        if (!canRepeat)
                        {
                            return $"missing argument to repetition operator: `{pattern[i..(i + repeat.Length)]}`";
                        }

                        if (lastWasRepeat)
                        {
                            return $"invalid nested repetition operator: `{pattern[i..(i + repeat.Length)]}`";
                        }

                        // Go refuses counts over 1000, also when nested repetitions multiply past it.
                        var count = Math.Max(repeat.Min, repeat.Max);
                        var nested = i > 0 && pattern[i - 1] == ')' ? groupRepeat : 1;
                        if (repeat.Min > MaxRepeat || repeat.Max > MaxRepeat || (repeat.Max >= 0 && repeat.Max < repeat.Min) || count * nested > MaxRepeat)
                        {
                            return $"invalid repeat count: `{pattern[i..(i + repeat.Length)]}`";
                        }

                        repeats.Push(Math.Max(repeats.Pop(), count * nested));
                        height.Repeat(repeat.Min, repeat.Max);

                        output.Append(pattern, i, repeat.Length);
                        i += repeat.Length - 1;
                        lastWasRepeat = true;
                        continue;
                    }

                    output.Append("\\{");
                    height.Literal();
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
                default:
                    if (c == '|')
                    {
                        height.Alternative();
                    }
                    else if (c is '.' or '^' or '$')
                    {
                        height.Atom();
                    }
                    else
                    {
                        height.Literal();
                    }

                    AppendLiteral(output, c);
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
            }
        }

        if (depth != 0)
        {
            return "missing closing ): " + pattern;
        }

        if (height.Total() > Re2Height.Limit)
        {
            return $"expression nests too deeply: Prometheus expands bounded repetitions like {{0,500}} into nested groups, and Go accepts at most {Re2Height.Limit} levels";
        }

        dotnet = output.ToString();
        return null;
    }

    private static void AppendLiteral(StringBuilder output, char c) =>
        output.Append(c is '#' or ' ' ? "\\" + c : c.ToString());

    private static (int Min, int Max, int Length)? Repeat(string pattern, int start)
    {
        var close = pattern.IndexOf('}', start);
        if (close < 0)
        {
            return null;
        }

        var body = pattern[(start + 1)..close];
        var parts = body.Split(',');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var min = int.TryParse(parts[0], out var m) ? m : int.MaxValue;
        var max = parts.Length == 1 ? min : parts[1].Length == 0 ? -1 : int.TryParse(parts[1], out var x) ? x : int.MaxValue;
        return (min, max, close - start + 1);
    }

    /// <summary>(?P&lt;name&gt;…), or (?&lt;name&gt;…) as Go 1.22 and later read it (not the lookbehinds (?&lt;= and (?&lt;!).</summary>
    private static bool IsNamedGroup(string pattern, int i) =>
        pattern.AsSpan(i).StartsWith("(?P<") || (pattern.AsSpan(i).StartsWith("(?<") && i + 3 < pattern.Length && pattern[i + 3] is not ('=' or '!'));

    private static string? Group(string pattern, ref int i, StringBuilder output, out bool opens)
    {
        opens = true;
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            output.Append('(');
            return null;
        }

        if (IsNamedGroup(pattern, i))
        {
            // Go 1.22 and later read (?<name>…) as (?P<name>…) does.
            var start = pattern[i + 2] == 'P' ? i + 4 : i + 3;
            var close = pattern.IndexOf('>', i);
            var name = close < 0 ? string.Empty : pattern[start..close];
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                return $"invalid named capture: `{pattern[i..(close < 0 ? pattern.Length : close + 1)]}`";
            }

            output.Append("(?<").Append(name).Append('>');
            i = close;
            return null;
        }

        // (?:…), and flags: (?i) (?-i) (?i-s) (?i:…) with i, m, s, U.
        var j = i + 2;
        var flags = new StringBuilder();
        while (j < pattern.Length && pattern[j] is 'i' or 'm' or 's' or 'U' or '-')
        {
            flags.Append(pattern[j]);
            j++;
        }

        var text = flags.ToString();
        var valid = j < pattern.Length && pattern[j] is ')' or ':' && !text.EndsWith('-') && text.Count(ch => ch == '-') <= 1
            && (text.Length > 0 || pattern[j] == ':');
        if (!valid)
        {
            return $"invalid or unsupported Perl syntax: `{pattern[i..Math.Min(pattern.Length, Math.Max(j + 1, i + 3))]}`";
        }

        // .NET has no ungreedy flag; dropping it keeps what matches the same, only the preference changes.
        var kept = text.Replace("U", string.Empty);
        kept = kept.Length == 0 || kept == "-" ? string.Empty : kept;
        if (pattern[j] == ':')
        {
            output.Append("(?").Append(kept).Append(':');
        }
        else
        {
            opens = false;
            if (kept.Length > 0)
            {
                output.Append("(?").Append(kept).Append(')');
            }
        }

        i = j;
        return null;
    }

    private static string? CharacterClass(string pattern, ref int i, StringBuilder output)
    {
        var start = i;
        output.Append('[');
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            output.Append('^');
            i++;
        }

        var first = true;
        int? previous = null;
        var endsRange = false;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == ']' && !first)
            {
                output.Append(']');
                return null;
            }

            first = false;
            if (c == '[' && System.Text.RegularExpressions.Regex.Match(pattern[i..], @"^\[:\^?([a-zA-Z]+):\]") is { Success: true } posix)
            {
                if (!PosixClasses.Contains(posix.Groups[1].Value))
                {
                    return $"invalid character class range: `{posix.Value}`";
                }

                output.Append(PosixToDotnet(posix.Value));
                i += posix.Length - 1;
                previous = null;
                continue;
            }

            if (c == '-' && previous is not null && i + 2 < pattern.Length && pattern[i + 1] == '\\' && pattern[i + 2] is 'd' or 'D' or 's' or 'S' or 'w' or 'W' or 'p' or 'P')
            {
                return $"invalid character class range: `{char.ConvertFromUtf32(previous.Value)}-\\{pattern[i + 2]}`";
            }

            int? code;
            if (c == '\\')
            {
                var before = output.Length;
                var escape = Escape(pattern, ref i, inClass: true, output);
                if (escape is not null)
                {
                    return escape;
                }

                var written = output.ToString(before, output.Length - before);
                code = written.Length == 1 ? written[0] : written.StartsWith("\\u", StringComparison.Ordinal) && written.Length == 6
                    ? int.Parse(written[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < pattern.Length)
            {
                code = char.ConvertToUtf32(c, pattern[i + 1]);
                output.Append(c).Append(pattern[i + 1]);
                i++;
            }
            else
            {
                code = c;
                output.Append(c is '[' ? "\\[" : c.ToString());
            }

            if (c == '-' && previous is not null && i + 1 < pattern.Length && pattern[i + 1] != ']')
            {
                var upper = pattern[i + 1];
                var upperCode = char.IsHighSurrogate(upper) && i + 2 < pattern.Length ? char.ConvertToUtf32(upper, pattern[i + 2]) : upper;
                if (upper != '\\' && upperCode < previous)
                {
                    return $"invalid character class range: `{char.ConvertFromUtf32(previous.Value)}-{char.ConvertFromUtf32(upperCode)}`";
                }

                previous = null;
                endsRange = true;
                continue;
            }

            // The upper end of a range cannot start another: in a-z-x the second '-' is a literal.
            previous = endsRange ? null : code;
            endsRange = false;
        }

        return $"missing closing ]: `{pattern[start..]}`";
    }

    /// <summary>Reads the escape at pattern[i] (a backslash) and writes its .NET form; null when Go accepts it.</summary>
    private static string? Escape(string pattern, ref int i, bool inClass, StringBuilder output)
    {
        if (i + 1 >= pattern.Length)
        {
            return "trailing backslash at end of expression";
        }

        var c = pattern[++i];
        switch (c)
        {
            case 'a': output.Append("\\a"); return null;
            case 'f': output.Append("\\f"); return null;
            case 't': output.Append("\\t"); return null;
            case 'n': output.Append("\\n"); return null;
            case 'r': output.Append("\\r"); return null;
            case 'v': output.Append("\\v"); return null;
            case 'd' or 'D' or 's' or 'S' or 'w' or 'W': output.Append('\\').Append(c); return null;
            case 'b' or 'B' or 'A' or 'z' when !inClass:
                output.Append("\\" + c);
                return null;
            case 'Q':
                var end = pattern.IndexOf("\\E", i + 1, StringComparison.Ordinal);
                // An unterminated \Q quotes the rest of the pattern (Prometheus parses the pattern before anchoring it).
                var literal = end < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..end];
                output.Append(System.Text.RegularExpressions.Regex.Escape(literal));
                i = end < 0 ? pattern.Length - 1 : end + 1;
                return null;
            case 'x':
                if (i + 1 < pattern.Length && pattern[i + 1] == '{')
                {
                    var close = pattern.IndexOf('}', i);
                    var hex = close < 0 ? string.Empty : pattern[(i + 2)..close];
                    if (hex.Length == 0 || !hex.All(char.IsAsciiHexDigit) || !int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
                    {
                        return $"invalid escape sequence: `\\x{{{hex}`";
                    }

                    AppendCode(output, code);
                    i = close;
                    return null;
                }

                if (i + 2 < pattern.Length && char.IsAsciiHexDigit(pattern[i + 1]) && char.IsAsciiHexDigit(pattern[i + 2]))
                {
                    AppendCode(output, int.Parse(pattern.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    return null;
                }

                return "invalid escape sequence: `\\x`";
            case 'p' or 'P':
                string name;
                if (i + 1 < pattern.Length && pattern[i + 1] == '{')
                {
                    var close = pattern.IndexOf('}', i);
                    if (close < 0)
                    {
                        return "invalid character class range: `\\p{`";
                    }

                    name = pattern[(i + 2)..close];
                    i = close;
                }
                else if (i + 1 < pattern.Length)
                {
                    name = pattern[i + 1].ToString();
                    i++;
                }
                else
                {
                    return "invalid character class range: `\\p`";
                }

                var negated = name.StartsWith('^');
                name = name.TrimStart('^');
                if (!UnicodeCategories.Contains(name) && !UnicodeScripts.Contains(name))
                {
                    return $"invalid character class range: `\\{c}{{{name}}}`";
                }

                var upperCase = c == 'P' ^ negated;
                output.Append(UnicodeCategories.Contains(name)
                    ? name == "Any" ? (upperCase ? "[^\\s\\S]" : "[\\s\\S]") : $"\\{(upperCase ? 'P' : 'p')}{{{name}}}"
                    : $"\\{(upperCase ? 'P' : 'p')}{{Is{name}}}");
                return null;
            case >= '0' and <= '7':
                var digits = 1;
                while (digits < 3 && i + digits < pattern.Length && pattern[i + digits] is >= '0' and <= '7')
                {
                    digits++;
                }

                if (c == '0' || digits > 1 || !inClass)
                {
                    if (c != '0' && digits == 1)
                    {
                        return $"invalid escape sequence: `\\{c}`";
                    }

                    AppendCode(output, Convert.ToInt32(pattern.Substring(i, digits), 8));
                    i += digits - 1;
                    return null;
                }

                return $"invalid escape sequence: `\\{c}`";
            default:
                if (c < 128 && !char.IsAsciiLetterOrDigit(c) && c != '_' || c == '_')
                {
                    AppendCode(output, c);
                    return null;
                }

                return $"invalid escape sequence: `\\{c}`";
        }
    }

    private static string PosixToDotnet(string posix)
    {
        var negated = posix.Contains('^');
        var name = posix.Trim('[', ']', ':', '^');
        var body = name switch
        {
            "alnum" => "0-9A-Za-z", "alpha" => "A-Za-z", "ascii" => "\\x00-\\x7F", "blank" => "\\t ", "cntrl" => "\\x00-\\x1F\\x7F",
            "digit" => "0-9", "graph" => "!-~", "lower" => "a-z", "print" => " -~", "punct" => "!-/:-@\\[-`{-~", "space" => "\\t\\n\\v\\f\\r ",
            "upper" => "A-Z", "word" => "0-9A-Za-z_", _ => "0-9A-Fa-f",
        };
        // Inside a .NET class a negated POSIX class becomes a subtraction-free approximation: only its positive form is exact.
        return negated ? string.Empty : body;
    }

    private static void AppendCode(StringBuilder output, int code) =>
        output.Append(code > 0xFFFF ? char.ConvertFromUtf32(code) : $"\\u{code:X4}");
}
