using System.Collections.Immutable;
using System.Globalization;
using Telc.Text;

namespace Telc.PromQL;

/// <summary>
/// A recursive-descent parser for PromQL with Prometheus' operator precedence (or &lt; and/unless &lt; comparisons &lt;
/// +,- &lt; *,/,%,atan2 &lt; ^, which is right-associative; unary minus binds like * so that -2^2 is -4). It stops at
/// the first syntax error, as Prometheus does, and hands a complete tree to the <see cref="TypeChecker"/>.
/// </summary>
public sealed class Parser
{
    private const int MaxDepth = 200;

    /// <summary>Operators in one chain such as a or b or c …: each adds a level to the tree the checks walk.</summary>
    private const int MaxChain = 1000;

    // Words that can never be a metric name; and, or, unless, by, without, offset and the aggregation names can, as in Prometheus.
    private static readonly string[] Keywords = ["atan2", "on", "ignoring", "group_left", "group_right", "bool"];

    private readonly string text;
    private readonly List<Token> tokens;
    private int index;
    private int depth;

    private Parser(string text, List<Token> tokens)
    {
        this.text = text;
        this.tokens = tokens;
    }

    public static ParseResult Parse(string text)
    {
        var lexer = new Lexer(text);
        var tokens = lexer.Tokenize();
        if (lexer.Error is { } lexical)
        {
            return new ParseResult(null, [new PromQLError(lexical.Message, lexical.Span)]);
        }

        var parser = new Parser(text, tokens);
        try
        {
            var root = parser.ParseExpression(0);
            if (parser.Current.Kind != TokenKind.EndOfInput)
            {
                throw parser.Unexpected("the end of the query");
            }

            var errors = TypeChecker.Check(root);
            return new ParseResult(errors.Count == 0 ? root : root, errors);
        }
        catch (SyntaxException e)
        {
            return new ParseResult(null, [new PromQLError(e.Message, e.Span)]);
        }
    }

    private Token Current => tokens[index];

    private Token Peek(int ahead = 1) => tokens[Math.Min(index + ahead, tokens.Count - 1)];

    private Token Take() => tokens[index++];

    private Expr ParseExpression(int minimumPrecedence)
    {
        if (++depth > MaxDepth)
        {
            throw new SyntaxException($"the query nests more than {MaxDepth} levels deep", Current.Span);
        }

        var left = ParseUnary();
        var chained = 0;
        while (BinaryPrecedence(Current) is { } precedence && precedence >= minimumPrecedence)
        {
            if (++chained > MaxChain)
            {
                throw new SyntaxException($"the query chains more than {MaxChain} operators", Current.Span);
            }

            var operatorToken = Take();
            var op = operatorToken.Kind == TokenKind.Identifier ? operatorToken.Value.ToLowerInvariant() : operatorToken.Value;
            var returnBool = false;
            if (Current.IsKeyword("bool"))
            {
                Take();
                returnBool = true;
            }

            var matching = ParseVectorMatching();
            var fill = ParseFill();
            var right = ParseExpression(op == "^" ? precedence : precedence + 1);
            left = new BinaryExpr(op, left, right, returnBool, matching, operatorToken.Span, TextSpan.FromBounds(left.Span.Start, right.Span.End), fill);
        }

        depth--;
        return left;
    }

    private static int? BinaryPrecedence(Token token) => token.Kind switch
    {
        TokenKind.Identifier when token.IsKeyword("or") => 1,
        TokenKind.Identifier when token.IsKeyword("and") || token.IsKeyword("unless") => 2,
        TokenKind.Eql or TokenKind.Neq or TokenKind.Lss or TokenKind.Lte or TokenKind.Gtr or TokenKind.Gte or TokenKind.TrimUpper or TokenKind.TrimLower => 3,
        TokenKind.Add or TokenKind.Sub => 4,
        TokenKind.Mul or TokenKind.Div or TokenKind.Mod => 5,
        TokenKind.Identifier when token.IsKeyword("atan2") => 5,
        TokenKind.Pow => 6,
        _ => null,
    };

    private VectorMatching? ParseVectorMatching()
    {
        if (!Current.IsKeyword("on") && !Current.IsKeyword("ignoring"))
        {
            if (Current.IsKeyword("group_left") || Current.IsKeyword("group_right"))
            {
                throw new SyntaxException($"'{Current.Value}' needs 'on' or 'ignoring' before it", Current.Span);
            }

            return null;
        }

        var start = Current.Span.Start;
        var on = Take().IsKeyword("on");
        var labels = ParseLabelList();
        string? group = null;
        var include = ImmutableArray<string>.Empty;
        if (Current.IsKeyword("group_left") || Current.IsKeyword("group_right"))
        {
            group = Take().Value.ToLowerInvariant();
            if (Current.Kind == TokenKind.LeftParen)
            {
                include = ParseLabelList();
            }
        }

        return new VectorMatching(on, labels, group, include, TextSpan.FromBounds(start, tokens[index - 1].Span.End));
    }

    /// <summary>fill(v), fill_left(v), fill_right(v): the experimental modifiers for series missing on one side.</summary>
    private FillModifier? ParseFill()
    {
        double? left = null;
        double? right = null;
        var start = Current.Span.Start;
        var any = false;
        while ((Current.IsKeyword("fill") || Current.IsKeyword("fill_left") || Current.IsKeyword("fill_right")) && Peek().Kind == TokenKind.LeftParen)
        {
            var which = Take().Value.ToLowerInvariant();
            Take();
            var negative = false;
            if (Current.Kind is TokenKind.Sub or TokenKind.Add)
            {
                negative = Take().Kind == TokenKind.Sub;
            }

            var value = Current.Kind == TokenKind.Number ? ParseNumber(Take())
                : Current.IsKeyword("inf") ? (Take() is var _ ? double.PositiveInfinity : 0)
                : Current.IsKeyword("nan") ? (Take() is var _ ? double.NaN : 0)
                : throw Unexpected("a number in " + which + "()");
            value = negative ? -value : value;
            Expect(TokenKind.RightParen, "')'");
            left = which is "fill" or "fill_left" ? value : left;
            right = which is "fill" or "fill_right" ? value : right;
            any = true;
        }

        return any ? new FillModifier(left, right, TextSpan.FromBounds(start, tokens[index - 1].Span.End)) : null;
    }

    private ImmutableArray<string> ParseLabelList()
    {
        Expect(TokenKind.LeftParen, "'(' and a list of label names");
        var labels = ImmutableArray.CreateBuilder<string>();
        while (Current.Kind != TokenKind.RightParen)
        {
            if (Current.IsKeyword("inf") || Current.IsKeyword("nan") || Current.IsKeyword("without"))
            {
                throw new SyntaxException($"'{Current.Value}' cannot be a label name here", Current.Span);
            }

            labels.Add(ParseLabelName());
            if (Current.Kind == TokenKind.Comma)
            {
                Take();
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected("',' or ')' in the label list");
            }
        }

        Take();
        return labels.ToImmutable();
    }

    private string ParseLabelName()
    {
        var token = Current;
        if (token.Kind is TokenKind.Identifier or TokenKind.String)
        {
            Take();
            return token.Value;
        }

        throw Unexpected("a label name");
    }

    private Expr ParseUnary()
    {
        if (Current.Kind is TokenKind.Add or TokenKind.Sub)
        {
            var op = Take();
            var operand = ParseExpression(6);
            if (operand is NumberLiteral number && op.Kind == TokenKind.Sub)
            {
                // -1 is a number, as in Prometheus.
                return new NumberLiteral(-number.Value, "-" + number.Text, TextSpan.FromBounds(op.Span.Start, number.Span.End));
            }

            return new UnaryExpr(op.Value, operand, TextSpan.FromBounds(op.Span.Start, operand.Span.End));
        }

        return ParsePostfix(ParsePrimary());
    }

    /// <summary>Range selectors, subqueries, offset and @, which bind tighter than any operator.</summary>
    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            if (Current.Kind == TokenKind.LeftBracket)
            {
                expr = ParseRange(expr);
            }
            else if (Current.IsKeyword("offset"))
            {
                expr = ParseOffset(expr);
            }
            else if (Current.Kind == TokenKind.At)
            {
                expr = ParseAt(expr);
            }
            else if (expr is VectorSelector { Extension: null } selector && (Current.IsKeyword("anchored") || Current.IsKeyword("smoothed")))
            {
                expr = WithExtension(selector);
            }
            else if (expr is MatrixSelector { Extension: null } matrix && (Current.IsKeyword("anchored") || Current.IsKeyword("smoothed")))
            {
                var extension = Take();
                expr = matrix with { Extension = extension.Value.ToLowerInvariant(), Span = TextSpan.FromBounds(matrix.Span.Start, extension.Span.End) };
            }
            else
            {
                return expr;
            }
        }
    }

    private Expr ParseRange(Expr expr)
    {
        var open = Take();
        var range = ParseDurationExpression("a range such as 5m");
        if (Current.Kind == TokenKind.Colon)
        {
            Take();
            DurationLiteral? step = null;
            if (Current.Kind != TokenKind.RightBracket)
            {
                step = ParseDurationExpression("a subquery step such as 1m");
            }

            var close = Expect(TokenKind.RightBracket, "']'");
            return new SubqueryExpr(expr, range, step, null, false, null, TextSpan.FromBounds(expr.Span.Start, close.Span.End));
        }

        var end = Expect(TokenKind.RightBracket, "']' or ':'");
        if (expr is not VectorSelector { Offset: null, At: null or { Preprocessor: not null } } selector)
        {
            throw new SyntaxException(
                expr is VectorSelector ? "a range must come before offset and @ modifiers" : "ranges are only allowed on vector selectors; for other expressions use a subquery such as [5m:1m]",
                TextSpan.FromBounds(open.Span.Start, end.Span.End));
        }

        string? extension = null;
        if (Current.IsKeyword("anchored") || Current.IsKeyword("smoothed"))
        {
            extension = Take().Value.ToLowerInvariant();
        }

        return new MatrixSelector(selector, range, extension, TextSpan.FromBounds(expr.Span.Start, tokens[index - 1].Span.End));
    }

    private Expr ParseOffset(Expr expr)
    {
        var keyword = Take();
        var negative = false;
        if (Current.Kind is TokenKind.Sub or TokenKind.Add)
        {
            negative = Take().Kind == TokenKind.Sub;
        }

        var duration = ParseDurationTerm("a duration such as 5m after 'offset'");
        var span = TextSpan.FromBounds(expr.Span.Start, duration.Span.End);
        return expr switch
        {
            VectorSelector { Offset: null } v => v with { Offset = duration, NegativeOffset = negative, Span = span },
            MatrixSelector { Selector.Offset: null } m => m with { Selector = m.Selector with { Offset = duration, NegativeOffset = negative }, Span = span },
            SubqueryExpr { Offset: null } s => s with { Offset = duration, NegativeOffset = negative, Span = span },
            VectorSelector or MatrixSelector or SubqueryExpr => throw new SyntaxException("offset may only be set once", keyword.Span),
            _ => throw new SyntaxException("offset is only allowed on vector selectors, range selectors and subqueries", keyword.Span),
        };
    }

    private Expr ParseAt(Expr expr)
    {
        var at = Take();
        AtModifier modifier;
        if (Current.IsKeyword("start") || Current.IsKeyword("end"))
        {
            var name = Take();
            Expect(TokenKind.LeftParen, "'(' after " + name.Value);
            var close = Expect(TokenKind.RightParen, "')'");
            modifier = new AtModifier(null, name.Value.ToLowerInvariant(), TextSpan.FromBounds(at.Span.Start, close.Span.End));
        }
        else
        {
            var negative = false;
            if (Current.Kind is TokenKind.Sub or TokenKind.Add)
            {
                negative = Take().Kind == TokenKind.Sub;
            }

            if (Current.Kind is not (TokenKind.Number or TokenKind.Duration))
            {
                throw Unexpected("a timestamp, start() or end() after '@'");
            }

            var number = Take();
            var value = number.Kind == TokenKind.Duration ? DurationValue(number.Value).TotalSeconds : ParseNumber(number);
            if (!double.IsFinite(value) || Math.Abs(value) >= long.MaxValue)
            {
                throw new SyntaxException($"timestamp {number.Value} is out of bounds for the @ modifier", number.Span);
            }

            modifier = new AtModifier(negative ? -value : value, null, TextSpan.FromBounds(at.Span.Start, number.Span.End));
        }

        var span = TextSpan.FromBounds(expr.Span.Start, modifier.Span.End);
        return expr switch
        {
            VectorSelector { At: null } v => v with { At = modifier, Span = span },
            MatrixSelector { Selector.At: null } m => m with { Selector = m.Selector with { At = modifier }, Span = span },
            SubqueryExpr { At: null } s => s with { At = modifier, Span = span },
            VectorSelector or MatrixSelector or SubqueryExpr => throw new SyntaxException("@ may only be set once", at.Span),
            _ => throw new SyntaxException("@ modifier must be preceded by a vector selector, a range selector or a subquery", at.Span),
        };
    }

    /// <summary>A duration inside [ ]: a literal, a number of seconds, or arithmetic over them with step(), range(), min_of and max_of.</summary>
    private DurationLiteral ParseDurationExpression(string expected)
    {
        var start = Current.Span.Start;
        var (seconds, dynamic) = DurationArithmetic(0, expected);
        return MakeDuration(start, seconds, dynamic);
    }

    /// <summary>A duration after offset: one literal, call or parenthesised expression, optionally negated.</summary>
    private DurationLiteral ParseDurationTerm(string expected)
    {
        var start = Current.Span.Start;
        var (seconds, dynamic) = DurationPrimary(expected);
        return MakeDuration(start, seconds, dynamic);
    }

    /// <summary>Prometheus keeps durations as int64 nanoseconds: about 292 years.</summary>
    private const double MaxDurationSeconds = long.MaxValue / 1e9;

    private DurationLiteral MakeDuration(int start, double seconds, bool dynamic)
    {
        var span = TextSpan.FromBounds(start, tokens[index - 1].Span.End);
        if (!dynamic && (!double.IsFinite(seconds) || Math.Abs(seconds) >= MaxDurationSeconds))
        {
            throw new SyntaxException($"duration '{text.Substring(span.Start, span.Length)}' is out of range (at most about 292 years)", span);
        }

        return new DurationLiteral(dynamic ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds), text.Substring(span.Start, span.Length), span, dynamic);
    }

    private (double Seconds, bool Dynamic) DurationArithmetic(int minimumPrecedence, string expected)
    {
        if (++depth > MaxDepth)
        {
            throw new SyntaxException($"the query nests more than {MaxDepth} levels deep", Current.Span);
        }

        var left = DurationPrimary(expected);
        while (Current.Kind is TokenKind.Add or TokenKind.Sub or TokenKind.Mul or TokenKind.Div or TokenKind.Mod or TokenKind.Pow
            && BinaryPrecedence(Current) is { } precedence && precedence >= minimumPrecedence)
        {
            var op = Take().Kind;
            var right = DurationArithmetic(op == TokenKind.Pow ? precedence : precedence + 1, "a duration");
            var value = op switch
            {
                TokenKind.Add => left.Seconds + right.Seconds,
                TokenKind.Sub => left.Seconds - right.Seconds,
                TokenKind.Mul => left.Seconds * right.Seconds,
                TokenKind.Div => right.Seconds == 0 ? double.NaN : left.Seconds / right.Seconds,
                TokenKind.Mod => right.Seconds == 0 ? double.NaN : left.Seconds % right.Seconds,
                _ => Math.Pow(left.Seconds, right.Seconds),
            };
            left = (value, left.Dynamic || right.Dynamic);
        }

        depth--;
        return left;
    }

    private (double Seconds, bool Dynamic) DurationPrimary(string expected)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Duration:
                Take();
                return (DurationValue(token.Value).TotalSeconds, false);
            case TokenKind.Number:
                Take();
                return (ParseNumber(token), false);
            case TokenKind.Sub or TokenKind.Add:
                Take();
                var operand = DurationArithmetic(6, expected);
                return (token.Kind == TokenKind.Sub ? -operand.Seconds : operand.Seconds, operand.Dynamic);
            case TokenKind.LeftParen:
                Take();
                var inner = DurationArithmetic(0, expected);
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier when (token.IsKeyword("step") || token.IsKeyword("range")) && Peek().Kind == TokenKind.LeftParen:
                Take();
                Take();
                Expect(TokenKind.RightParen, "')'");
                return (0, true);
            case TokenKind.Identifier when (token.IsKeyword("min_of") || token.IsKeyword("max_of")) && Peek().Kind == TokenKind.LeftParen:
                Take();
                Take();
                var first = DurationArithmetic(0, "a duration");
                Expect(TokenKind.Comma, "',' and a second duration");
                var second = DurationArithmetic(0, "a duration");
                Expect(TokenKind.RightParen, "')'");
                var pick = token.IsKeyword("min_of") ? Math.Min(first.Seconds, second.Seconds) : Math.Max(first.Seconds, second.Seconds);
                return (pick, first.Dynamic || second.Dynamic);
            default:
                throw Unexpected(expected);
        }
    }

    /// <summary>The lexer has checked the form; a duration too long for a TimeSpan is reported as out of range by its users.</summary>
    private static TimeSpan DurationValue(string text) => Spec.Values.Duration.TryParse(text)?.Value ?? TimeSpan.MaxValue / 2;

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Take();
                return new NumberLiteral(ParseNumber(token), token.Value, token.Span);
            case TokenKind.String:
                Take();
                return new StringLiteral(token.Value, token.Span);
            case TokenKind.LeftParen:
                Take();
                var inner = ParseExpression(0);
                var close = Expect(TokenKind.RightParen, "')'");
                return new ParenExpr(inner, TextSpan.FromBounds(token.Span.Start, close.Span.End));
            case TokenKind.LeftBrace:
                return WithExtension(ParseSelector(null, token.Span.Start));
            case TokenKind.Duration:
                // A duration where a number is expected stands for its seconds, as in predict_linear(x[1h], 30m).
                Take();
                return new NumberLiteral(DurationValue(token.Value).TotalSeconds, token.Value, token.Span);
            case TokenKind.Identifier or TokenKind.MetricIdentifier:
                return ParseIdentifierExpression();
            default:
                throw Unexpected("an expression");
        }
    }

    private Expr ParseIdentifierExpression()
    {
        var token = Current;
        var word = token.Value;
        if (token.Kind == TokenKind.Identifier && (string.Equals(word, "inf", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "nan", StringComparison.OrdinalIgnoreCase)))
        {
            Take();
            return new NumberLiteral(string.Equals(word, "inf", StringComparison.OrdinalIgnoreCase) ? double.PositiveInfinity : double.NaN, word, token.Span);
        }

        if (token.Kind == TokenKind.Identifier && Aggregators.IsAggregator(word) && (Peek().Kind == TokenKind.LeftParen || Peek().IsKeyword("by") || Peek().IsKeyword("without")))
        {
            return ParseAggregation();
        }

        if (Peek().Kind == TokenKind.LeftParen)
        {
            if (token.Kind == TokenKind.Identifier && Functions.Find(word) is { } function)
            {
                return ParseCall(function);
            }

            throw new SyntaxException($"unknown function with name \"{word}\"", token.Span);
        }

        if (token.Kind == TokenKind.Identifier && Keywords.Any(k => token.IsKeyword(k)))
        {
            throw new SyntaxException($"unexpected '{word}': it is a keyword, not a metric name", token.Span);
        }

        Take();
        var selector = Current.Kind == TokenKind.LeftBrace ? ParseSelector(word, token.Span.Start) : new VectorSelector(word, [], null, false, null, token.Span);
        return WithExtension(selector);
    }

    /// <summary>The experimental anchored / smoothed modifiers of a selector.</summary>
    private VectorSelector WithExtension(VectorSelector selector) =>
        Current.IsKeyword("anchored") || Current.IsKeyword("smoothed")
            ? selector with { Extension = Take().Value.ToLowerInvariant(), Span = TextSpan.FromBounds(selector.Span.Start, tokens[index - 1].Span.End) }
            : selector;

    private Expr ParseCall(Function function)
    {
        var name = Take();
        Take();
        var arguments = ImmutableArray.CreateBuilder<Expr>();
        while (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseExpression(0));
            if (Current.Kind == TokenKind.Comma)
            {
                Take();
                if (Current.Kind == TokenKind.RightParen)
                {
                    throw Unexpected("an argument after ','");
                }
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected("',' or ')' in the call of " + function.Name);
            }
        }

        var close = Take();
        return new Call(function, arguments.ToImmutable(), name.Span, TextSpan.FromBounds(name.Span.Start, close.Span.End));
    }

    private Expr ParseAggregation()
    {
        var name = Take();
        var op = name.Value.ToLowerInvariant();
        var grouping = ImmutableArray<string>.Empty;
        var without = false;
        var hasGrouping = false;
        if (Current.IsKeyword("by") || Current.IsKeyword("without"))
        {
            without = Take().IsKeyword("without");
            grouping = ParseLabelList();
            hasGrouping = true;
        }

        Expect(TokenKind.LeftParen, $"'(' after {op}");
        var arguments = new List<Expr>();
        while (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseExpression(0));
            if (Current.Kind == TokenKind.Comma)
            {
                Take();
                if (Current.Kind == TokenKind.RightParen)
                {
                    throw new SyntaxException("trailing commas are not allowed in function call arguments", tokens[index - 1].Span);
                }
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected($"',' or ')' in {op}(…)");
            }
        }

        var close = Take();
        if (Current.IsKeyword("by") || Current.IsKeyword("without"))
        {
            if (hasGrouping)
            {
                throw new SyntaxException("by or without may appear only once in an aggregation", Current.Span);
            }

            without = Take().IsKeyword("without");
            grouping = ParseLabelList();
            hasGrouping = true;
            close = tokens[index - 1];
            if (Current.IsKeyword("by") || Current.IsKeyword("without"))
            {
                throw new SyntaxException("by or without may appear only once in an aggregation", Current.Span);
            }
        }

        var span = TextSpan.FromBounds(name.Span.Start, close.Span.End);
        var takesParameter = Aggregators.Parameter(op) != ValueType.None;
        if (arguments.Count != (takesParameter ? 2 : 1))
        {
            throw new SyntaxException(
                takesParameter ? $"{op} takes a parameter and an expression, e.g. {op}(5, metric)" : $"{op} takes exactly one expression", span);
        }

        return new Aggregation(op, arguments[^1], takesParameter ? arguments[0] : null, grouping, without, hasGrouping, span);
    }

    private VectorSelector ParseSelector(string? name, int start)
    {
        Take();
        var matchers = ImmutableArray.CreateBuilder<LabelMatcher>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            var labelToken = Current;
            if (labelToken.Kind == TokenKind.String && Peek().Kind is TokenKind.Comma or TokenKind.RightBrace)
            {
                // {"metric.name"}: a quoted metric name, as Prometheus 3 allows.
                Take();
                if (name is not null)
                {
                    throw new SyntaxException("the metric name is set twice", labelToken.Span);
                }

                name = labelToken.Value;
            }
            else
            {
                var label = ParseLabelName();
                var op = Current.Kind switch
                {
                    TokenKind.Assign => MatchOperator.Equal,
                    TokenKind.Neq => MatchOperator.NotEqual,
                    TokenKind.EqlRegex => MatchOperator.Regex,
                    TokenKind.NeqRegex => MatchOperator.NotRegex,
                    TokenKind.Eql => throw new SyntaxException("use '=' to match a label, not '=='", Current.Span),
                    _ => throw Unexpected("a label matching operator (=, !=, =~, !~)"),
                };
                Take();
                var value = Current;
                if (value.Kind != TokenKind.String)
                {
                    throw Unexpected("a quoted label value");
                }

                Take();
                matchers.Add(new LabelMatcher(label, op, value.Value, TextSpan.FromBounds(labelToken.Span.Start, value.Span.End)));
            }

            if (Current.Kind == TokenKind.Comma)
            {
                Take();
            }
            else if (Current.Kind != TokenKind.RightBrace)
            {
                throw Unexpected("',' or '}' in the label matchers");
            }
        }

        var close = Take();
        var nameMatchers = matchers.Where(m => m.Name == "__name__").ToArray();
        if (name is not null && nameMatchers.Length > 0)
        {
            throw new SyntaxException($"metric name '{name}' is set twice, also by a __name__ matcher", nameMatchers[0].Span);
        }

        return new VectorSelector(name, matchers.ToImmutable(), null, false, null, TextSpan.FromBounds(start, close.Span.End));
    }

    private static double ParseNumber(Token token)
    {
        var text = token.Value;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0 && text.Length > 2
                ? hex
                : throw new SyntaxException($"'{text}' is not a valid number", token.Span);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new SyntaxException($"'{text}' is not a valid number: out of range", token.Span);
    }

    private Token Expect(TokenKind kind, string expected)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(expected);
        }

        return Take();
    }

    private SyntaxException Unexpected(string expected)
    {
        var token = Current;
        var found = token.Kind switch
        {
            TokenKind.EndOfInput => "end of the query",
            TokenKind.String => $"string {text.Substring(token.Span.Start, token.Span.Length)}",
            _ => $"'{token.Value}'",
        };
        return new SyntaxException($"unexpected {found}, expected {expected}", token.Span);
    }

    private sealed class SyntaxException(string message, TextSpan span) : Exception(message)
    {
        public TextSpan Span { get; } = span;
    }
}
