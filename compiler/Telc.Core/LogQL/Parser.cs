using System.Collections.Immutable;
using System.Globalization;
using Telc.PromQL;
using Telc.Text;

namespace Telc.LogQL;

/// <summary>
/// A recursive-descent parser for LogQL, after Loki's grammar (pkg/logql/syntax/syntax.y at v3.7.6): log queries
/// (selector, line filters, parsers, label filters, formatting, unwrap), range and vector aggregations, binary
/// operators with PromQL's precedence, label_replace, vector() and variants. It stops at the first syntax error, as
/// Loki does, then applies the checks Loki makes while building the tree (parameters, groupings, unwrap, regular
/// expressions and patterns, a selector that could match every stream).
/// </summary>
public sealed class Parser
{
    private const int MaxDepth = 200;

    private const int MaxChain = 1000;

    /// <summary>The range aggregations that read the number an unwrap stage extracts, and those that count lines or bytes.</summary>
    private static readonly HashSet<string> UnwrapAggregations =
        ["avg_over_time", "sum_over_time", "max_over_time", "min_over_time", "stddev_over_time", "stdvar_over_time", "quantile_over_time",
         "rate", "rate_counter", "absent_over_time", "first_over_time", "last_over_time"];

    private static readonly HashSet<string> LineAggregations = ["bytes_over_time", "bytes_rate", "count_over_time", "rate", "absent_over_time"];

    private static readonly HashSet<string> GroupingAggregations =
        ["avg_over_time", "stddev_over_time", "stdvar_over_time", "quantile_over_time", "max_over_time", "min_over_time", "first_over_time", "last_over_time"];

    private static readonly HashSet<string> VectorOperations =
        ["sum", "avg", "max", "min", "count", "stddev", "stdvar", "bottomk", "topk", "approx_topk", "sort", "sort_desc"];

    private static readonly HashSet<string> Parsers = ["json", "logfmt", "regexp", "pattern", "unpack", "line_format", "label_format", "decolorize", "drop", "keep"];

    private readonly List<Token> tokens;
    private readonly List<LogQLError> problems = [];
    private int index;
    private int depth;

    private Parser(List<Token> tokens) => this.tokens = tokens;

    public static ParseResult Parse(string text)
    {
        var lexer = new Lexer(text);
        var tokens = lexer.Tokenize();
        if (lexer.Error is { } lexical)
        {
            return new ParseResult(null, [new LogQLError(lexical.Message, lexical.Span)]);
        }

        var parser = new Parser(tokens);
        try
        {
            if (parser.Current.Kind == TokenKind.EndOfInput)
            {
                throw new SyntaxException("the query is empty", parser.Current.Span);
            }

            var root = parser.ParseExpression(0);
            if (parser.Current.Kind != TokenKind.EndOfInput)
            {
                throw parser.Unexpected("the end of the query");
            }

            parser.CheckTopLevel(root);
            return new ParseResult(root, parser.problems);
        }
        catch (SyntaxException e)
        {
            return new ParseResult(null, [new LogQLError(e.Message, e.Span)]);
        }
    }

    /// <summary>What an expression returns: log lines, a log range, a vector or a scalar.</summary>
    public static ResultType TypeOf(Expr expr) => expr switch
    {
        LogQuery => ResultType.Logs,
        LogRange => ResultType.LogRange,
        NumberLiteral => ResultType.Scalar,
        _ => ResultType.Vector,
    };

    /// <summary>Every stream selector of a query, in order.</summary>
    public static IEnumerable<Selector> Selectors(Expr expr) => expr switch
    {
        LogQuery query => [query.Selector],
        LogRange range => [range.Query.Selector],
        RangeAggregation aggregation => [aggregation.Range.Query.Selector],
        VectorAggregation aggregation => Selectors(aggregation.Inner),
        BinaryOperation binary => Selectors(binary.Left).Concat(Selectors(binary.Right)),
        LabelReplace replace => Selectors(replace.Inner),
        Variants variants => variants.Queries.SelectMany(Selectors).Append(variants.Range.Query.Selector),
        _ => [],
    };

    private Token Current => tokens[index];

    private Token Peek(int ahead = 1) => tokens[Math.Min(index + ahead, tokens.Count - 1)];

    private Token Take() => tokens[index++];

    private Token Expect(TokenKind kind, string what) => Current.Kind == kind ? Take() : throw Unexpected(what);

    private void CheckTopLevel(Expr root)
    {
        switch (root)
        {
            case LogRange range:
                throw new SyntaxException("a log range is not a query on its own; put it in a range aggregation such as count_over_time(…) or rate(…)", range.Span);
            case LogQuery { Unwrap: { } unwrap }:
                throw new SyntaxException("unwrap only works inside a range aggregation such as avg_over_time(… | unwrap latency [5m])", unwrap);
        }

        foreach (var selector in Selectors(root).Where(s => s.Matchers.All(m => m.MatchesEmpty)))
        {
            Problem("a stream selector needs at least one matcher that cannot match an empty value, such as {app=\"api\"} or {app=~\".+\"}; "
                + "Loki refuses selectors like {} or {app=~\".*\"}, which would read every stream", selector.Span);
        }
    }

    private Expr ParseExpression(int minimumPrecedence)
    {
        if (++depth > MaxDepth)
        {
            throw new SyntaxException($"the query nests more than {MaxDepth} levels deep", Current.Span);
        }

        var left = ParseOperand();
        var chained = 0;
        while (BinaryPrecedence(Current) is { } precedence && precedence >= minimumPrecedence)
        {
            if (++chained > MaxChain)
            {
                throw new SyntaxException($"the query chains more than {MaxChain} operators", Current.Span);
            }

            var operatorToken = Take();
            if (Current.Is("bool"))
            {
                Take();
            }

            var matching = Current.Is("on") || Current.Is("ignoring");
            if (matching)
            {
                Take();
                ParseLabelList();
            }

            if (Current.Is("group_left") || Current.Is("group_right"))
            {
                if (!matching)
                {
                    throw new SyntaxException($"'{Current.Value}' needs on(…) or ignoring(…) before it", Current.Span);
                }

                Take();
                if (Current.Kind == TokenKind.LeftParen)
                {
                    ParseLabelList();
                }
            }

            var right = ParseExpression(operatorToken.Kind == TokenKind.Pow ? precedence : precedence + 1);
            left = Binary(operatorToken, left, right);
        }

        depth--;
        return left;
    }

    private static int? BinaryPrecedence(Token token) => token.Kind switch
    {
        TokenKind.Keyword when token.Value == "or" => 1,
        TokenKind.Keyword when token.Value is "and" or "unless" => 2,
        TokenKind.CmpEq or TokenKind.Neq or TokenKind.Gt or TokenKind.Gte or TokenKind.Lt or TokenKind.Lte => 3,
        TokenKind.Add or TokenKind.Sub => 4,
        TokenKind.Mul or TokenKind.Div or TokenKind.Mod => 5,
        TokenKind.Pow => 6,
        _ => null,
    };

    private Expr Binary(Token operatorToken, Expr left, Expr right)
    {
        var op = operatorToken.Value;
        var span = TextSpan.FromBounds(left.Span.Start, right.Span.End);
        foreach (var (leg, side) in new[] { (left, "left"), (right, "right") })
        {
            switch (TypeOf(leg))
            {
                case ResultType.Logs:
                    Problem($"the {side} side of '{op}' is a log query, which has no values to compare or combine; "
                        + "count its lines with a range aggregation such as count_over_time(… [5m])", leg.Span);
                    break;
                case ResultType.LogRange:
                    Problem($"the {side} side of '{op}' is a log range; put it in a range aggregation such as rate(… [5m]) first", leg.Span);
                    break;
                case ResultType.Scalar when op is "or" or "and" or "unless":
                    Problem($"the {side} side of '{op}' is a number; '{op}' combines two metric queries", leg.Span);
                    break;
            }
        }

        return left is NumberLiteral a && right is NumberLiteral b
            ? new NumberLiteral(Fold(op, a.Value, b.Value), span)
            : new BinaryOperation(op, left, right, span);
    }

    private static double Fold(string op, double a, double b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        "%" => a % b,
        "^" => Math.Pow(a, b),
        "==" => a == b ? 1 : 0,
        "!=" => a != b ? 1 : 0,
        ">" => a > b ? 1 : 0,
        ">=" => a >= b ? 1 : 0,
        "<" => a < b ? 1 : 0,
        _ => a <= b ? 1 : 0,
    };

    private Expr ParseOperand()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.LeftBrace:
                return ParseLogQueryOrRange();
            case TokenKind.Number:
                Take();
                return new NumberLiteral(Number(token), token.Span);
            case TokenKind.Add or TokenKind.Sub when Peek().Kind == TokenKind.Number:
                Take();
                var number = Take();
                return new NumberLiteral(token.Kind == TokenKind.Sub ? -Number(number) : Number(number), TextSpan.FromBounds(token.Span.Start, number.Span.End));
            case TokenKind.Add or TokenKind.Sub:
                throw new SyntaxException($"LogQL has no unary '{token.Value}' before an expression, only before a number; write 0 {token.Value} (…) instead", token.Span);
            case TokenKind.Function:
                return ParseFunction();
            case TokenKind.Keyword when token.Value == "variants":
                return ParseVariants();
            case TokenKind.Identifier when Lexer.Functions.Contains(token.Value.ToLowerInvariant()):
                throw new SyntaxException($"'{token.Value}' is a function: its arguments go in parentheses, e.g. {token.Value.ToLowerInvariant()}(…)", token.Span);
            case TokenKind.Identifier:
                throw new SyntaxException($"unexpected name '{token.Value}'; a LogQL query starts with a stream selector such as {{app=\"api\"}}, "
                    + "a function such as rate(…) or sum(…), or a number (a PromQL metric name is not LogQL)", token.Span);
            case TokenKind.Range:
                throw new SyntaxException("a range such as [5m] must follow a stream selector or its pipeline", token.Span);
            case TokenKind.Duration or TokenKind.Bytes:
                throw new SyntaxException($"'{token.Value}' is a {(token.Kind == TokenKind.Duration ? "duration" : "byte size")}, not a query; it only compares with a label in a label filter such as | latency > {token.Value}", token.Span);
            default:
                throw Unexpected("a stream selector {…}, a function or a number");
        }
    }

    /// <summary>( … ): a grouped expression, or ( selector pipeline ) [5m], the one place a range may follow a parenthesis.</summary>
    private Expr ParseParenthesized()
    {
        var open = Take();
        var startsWithSelector = Current.Kind == TokenKind.LeftBrace;
        var inner = ParseExpression(0);
        Expect(TokenKind.RightParen, "')'");
        if (Current.Kind != TokenKind.Range)
        {
            return inner;
        }

        if (inner is not LogQuery query || !startsWithSelector)
        {
            throw new SyntaxException("a range such as [5m] can follow a stream selector and its pipeline, in parentheses or not, but nothing else", Current.Span);
        }

        var range = Take();
        ParseOffset();
        if (query is { Stages.IsEmpty: true, Unwrap: null } && Current.Kind == TokenKind.Pipe && Peek().Is("unwrap"))
        {
            // ({app="api"})[5m] | unwrap latency: after a bare selector in parentheses an unwrap stage may follow the range.
            var stages = ImmutableArray.CreateBuilder<Stage>();
            query = query with { Unwrap = ParsePipeline(stages), Stages = stages.ToImmutable() };
        }

        return new LogRange(query, range.Length, TextSpan.FromBounds(open.Span.Start, Previous.Span.End));
    }

    /// <summary>
    /// A selector and what follows it: a pipeline with an optional unwrap, then a range and offset; or a range and
    /// offset first, then the pipeline (count_over_time({app="api"}[5m] |= "error")).
    /// </summary>
    private Expr ParseLogQueryOrRange()
    {
        var selector = ParseSelector();
        var stages = ImmutableArray.CreateBuilder<Stage>();
        var unwrap = ParsePipeline(stages);
        if (Current.Kind != TokenKind.Range)
        {
            if (Current.Is("offset"))
            {
                throw new SyntaxException("offset must follow a range such as [5m]", Current.Span);
            }

            return new LogQuery(selector, stages.ToImmutable(), unwrap, TextSpan.FromBounds(selector.Span.Start, Previous.Span.End));
        }

        var range = Take();
        ParseOffset();
        if (stages.Count == 0 && unwrap is null)
        {
            unwrap = ParsePipeline(stages);
        }

        var end = Previous.Span.End;
        var query = new LogQuery(selector, stages.ToImmutable(), unwrap, TextSpan.FromBounds(selector.Span.Start, end));
        return new LogRange(query, range.Length, TextSpan.FromBounds(selector.Span.Start, end));
    }

    private Token Previous => tokens[Math.Max(0, index - 1)];

    private TextSpan? ParseOffset()
    {
        if (!Current.Is("offset"))
        {
            return null;
        }

        Take();
        return Expect(TokenKind.Duration, "a duration after offset, such as offset 1h").Span;
    }

    private Selector ParseSelector()
    {
        var open = Take();
        var matchers = ImmutableArray.CreateBuilder<Matcher>();
        if (Current.Kind != TokenKind.RightBrace)
        {
            while (true)
            {
                matchers.Add(ParseMatcher("a label matcher such as app=\"api\""));
                if (Current.Kind == TokenKind.Comma)
                {
                    Take();
                    if (Current.Kind == TokenKind.RightBrace)
                    {
                        throw new SyntaxException("a ',' with no matcher after it; remove the trailing comma", Previous.Span);
                    }

                    continue;
                }

                break;
            }
        }

        var close = Expect(TokenKind.RightBrace, "',' or '}'");
        return new Selector(matchers.ToImmutable(), TextSpan.FromBounds(open.Span.Start, close.Span.End));
    }

    private Matcher ParseMatcher(string what)
    {
        var name = LabelName(what);
        var op = Current;
        var type = op.Kind switch
        {
            TokenKind.Eq => MatchType.Equal,
            TokenKind.Neq => MatchType.NotEqual,
            TokenKind.Re => MatchType.Regexp,
            TokenKind.Nre => MatchType.NotRegexp,
            TokenKind.CmpEq => throw new SyntaxException("a label matcher compares with a single '=': app=\"api\"", op.Span),
            _ => throw Unexpected("=, !=, =~ or !~"),
        };
        Take();
        var value = Expect(TokenKind.String, "a quoted value such as \"api\"");
        var matchesEmpty = type switch
        {
            MatchType.Equal => value.Value.Length == 0,
            MatchType.NotEqual => value.Value.Length != 0,
            _ => CheckRegex(value) is { } whole && (type == MatchType.Regexp ? whole : !whole),
        };
        return new Matcher(name.Value, type, value.Value, matchesEmpty, name.Span, TextSpan.FromBounds(name.Span.Start, value.Span.End));
    }

    /// <summary>Reports a regular expression Go would refuse; whether it matches the empty string.</summary>
    private bool? CheckRegex(Token value)
    {
        if (Re2Syntax.Validate(value.Value, out _) is { } problem)
        {
            Problem($"invalid regular expression: {problem}", value.Span);
            return null;
        }

        return Re2Syntax.MatchesEmpty(value.Value);
    }

    private Token LabelName(string what) => Current.Kind switch
    {
        TokenKind.Identifier => Take(),
        TokenKind.Keyword or TokenKind.Function => throw new SyntaxException($"'{Current.Value}' is a LogQL keyword and cannot be a label name here", Current.Span),
        _ => throw Unexpected(what),
    };

    /// <summary>Stages up to a range, the end of the query or anything that is not a stage; the span of an unwrap stage, if any.</summary>
    private TextSpan? ParsePipeline(ImmutableArray<Stage>.Builder stages)
    {
        TextSpan? unwrap = null;
        while (true)
        {
            var start = Current;
            if (start.Kind is TokenKind.PipeExact or TokenKind.PipeMatch or TokenKind.PipePattern or TokenKind.Neq or TokenKind.Nre or TokenKind.Npa)
            {
                if (unwrap is not null)
                {
                    throw new SyntaxException("after unwrap only label filters may follow, such as | __error__=\"\"", start.Span);
                }

                ParseLineFilter();
                stages.Add(new Stage("line filter", TextSpan.FromBounds(start.Span.Start, Previous.Span.End)));
                continue;
            }

            if (start.Kind != TokenKind.Pipe)
            {
                return unwrap;
            }

            Take();
            var stage = Current;
            if (stage.Is("unwrap"))
            {
                if (unwrap is not null)
                {
                    throw new SyntaxException("a query has one unwrap stage", stage.Span);
                }

                ParseUnwrap();
                unwrap = TextSpan.FromBounds(start.Span.Start, Previous.Span.End);
                continue;
            }

            if (unwrap is not null && stage.Kind == TokenKind.Keyword && Parsers.Contains(stage.Value))
            {
                throw new SyntaxException($"after unwrap only label filters may follow, not {stage.Value}; move it before the unwrap stage", stage.Span);
            }

            var name = stage.Kind == TokenKind.Keyword && Parsers.Contains(stage.Value) ? stage.Value : "label filter";
            ParseStage(name);
            stages.Add(new Stage(name, TextSpan.FromBounds(start.Span.Start, Previous.Span.End)));
        }
    }

    private void ParseLineFilter()
    {
        var op = Take();
        ParseLineFilterValue(op);
        while (Current.Is("or"))
        {
            Take();
            ParseLineFilterValue(op);
        }
    }

    private void ParseLineFilterValue(Token op)
    {
        if (Current.IsFunction("ip"))
        {
            ParseIp();
            return;
        }

        var value = Expect(TokenKind.String, "a quoted string or ip(\"…\") after the line filter");
        switch (op.Kind)
        {
            case TokenKind.PipeMatch or TokenKind.Nre:
                CheckRegex(value);
                break;
            case TokenKind.PipePattern or TokenKind.Npa:
                if (LinePattern.LineFilterProblem(value.Value) is { } problem)
                {
                    Problem(problem, value.Span);
                }

                break;
        }
    }

    private void ParseIp()
    {
        Take();
        Expect(TokenKind.LeftParen, "'(' after ip");
        Expect(TokenKind.String, "a quoted address or range such as ip(\"10.0.0.0/8\")");
        Expect(TokenKind.RightParen, "')'");
    }

    private void ParseUnwrap()
    {
        Take();
        if (Current.Kind == TokenKind.Function && Current.Value is "bytes" or "duration" or "duration_seconds")
        {
            Take();
            Expect(TokenKind.LeftParen, "'('");
            LabelName("the label to unwrap");
            Expect(TokenKind.RightParen, "')'");
        }
        else
        {
            LabelName("the label to unwrap, e.g. | unwrap latency or | unwrap duration(took)");
        }
    }

    private void ParseStage(string name)
    {
        var keyword = Current;
        switch (name)
        {
            case "json":
                Take();
                ParseExtractions();
                break;
            case "logfmt":
                Take();
                while (Current.Kind == TokenKind.Flag)
                {
                    Take();
                }

                ParseExtractions();
                break;
            case "regexp":
                Take();
                var regex = Expect(TokenKind.String, "a quoted regular expression with named captures, e.g. \"(?P<status>\\\\d+)\"");
                if (CheckRegex(regex) is not null && RegexCaptureProblem(regex.Value) is { } captures)
                {
                    Problem($"invalid regexp parser: {captures}", regex.Span);
                }

                break;
            case "pattern":
                Take();
                var pattern = Expect(TokenKind.String, "a quoted pattern such as \"<ip> - - <_> \\\"<method> <path> <_>\\\"\"");
                if (LinePattern.ParserProblem(pattern.Value) is { } problem)
                {
                    Problem($"invalid pattern parser: {problem}", pattern.Span);
                }

                break;
            case "line_format":
                Take();
                Expect(TokenKind.String, "a quoted template after line_format");
                break;
            case "label_format":
                Take();
                do
                {
                    LabelName("a label to set, e.g. label_format level=severity");
                    Expect(TokenKind.Eq, "'='");
                    if (Current.Kind is not (TokenKind.Identifier or TokenKind.String))
                    {
                        throw Unexpected("a label name or a quoted template");
                    }

                    Take();
                }
                while (TakeComma());
                break;
            case "drop" or "keep":
                Take();
                do
                {
                    if (Peek().Kind is TokenKind.Eq or TokenKind.Neq or TokenKind.Re or TokenKind.Nre)
                    {
                        ParseMatcher("a label name or matcher");
                    }
                    else
                    {
                        LabelName($"the labels to {keyword.Value}, e.g. {keyword.Value} pod, container");
                    }
                }
                while (TakeComma());
                break;
            case "unpack" or "decolorize":
                Take();
                break;
            default:
                ParseLabelFilter();
                break;
        }
    }

    private bool TakeComma()
    {
        if (Current.Kind != TokenKind.Comma)
        {
            return false;
        }

        Take();
        return true;
    }

    /// <summary>json or logfmt's optional list: name, or name="path".</summary>
    private void ParseExtractions()
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            return;
        }

        do
        {
            LabelName("a label to extract, e.g. json status, level=\"log.level\"");
            if (Current.Kind == TokenKind.Eq)
            {
                Take();
                Expect(TokenKind.String, "a quoted path such as \"log.level\"");
            }
        }
        while (TakeComma());
    }

    /// <summary>Label filters joined by and, or, ',' or a space, with parentheses.</summary>
    private void ParseLabelFilter()
    {
        ParseLabelFilterAll();
        while (Current.Is("or"))
        {
            Take();
            ParseLabelFilterAll();
        }
    }

    private void ParseLabelFilterAll()
    {
        ParseLabelFilterTerm();
        while (true)
        {
            if (Current.Is("and") || Current.Kind == TokenKind.Comma)
            {
                Take();
                ParseLabelFilterTerm();
            }
            else if (Current.Kind is TokenKind.Identifier or TokenKind.LeftParen)
            {
                ParseLabelFilterTerm();
            }
            else
            {
                return;
            }
        }
    }

    private void ParseLabelFilterTerm()
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            if (++depth > MaxDepth)
            {
                throw new SyntaxException($"the query nests more than {MaxDepth} levels deep", Current.Span);
            }

            Take();
            ParseLabelFilter();
            Expect(TokenKind.RightParen, "')'");
            depth--;
            return;
        }

        var name = Current;
        LabelName("a label filter such as level=\"error\" or status >= 500");
        var op = Current;
        switch (op.Kind)
        {
            case TokenKind.Re or TokenKind.Nre:
                Take();
                CheckRegex(Expect(TokenKind.String, "a quoted regular expression"));
                return;
            case TokenKind.Eq or TokenKind.Neq when Peek().Kind == TokenKind.String:
                Take();
                Take();
                return;
            case TokenKind.Eq or TokenKind.Neq when Peek().IsFunction("ip"):
                Take();
                ParseIp();
                return;
            case TokenKind.Eq or TokenKind.Neq or TokenKind.CmpEq or TokenKind.Gt or TokenKind.Gte or TokenKind.Lt or TokenKind.Lte:
                Take();
                ParseComparedValue();
                return;
            default:
                // A misspelt stage reads as a label filter missing its comparison: name the stage it resembles.
                throw Diagnostics.Suggestions.Closest(name.Value, Parsers) is { } stage
                    ? new SyntaxException($"'{name.Value}' is not a pipeline stage, and as a label filter it lacks a comparison; did you mean '{stage}'?", name.Span)
                    : Unexpected("a comparison such as =, !=, =~, !~, >, >=, <, <= or ==");
        }
    }

    private void ParseComparedValue()
    {
        switch (Current.Kind)
        {
            case TokenKind.Duration or TokenKind.Bytes or TokenKind.Number:
                Take();
                return;
            case TokenKind.Add or TokenKind.Sub when Peek().Kind == TokenKind.Number:
                Take();
                Take();
                return;
            default:
                throw Unexpected("a number, a duration such as 250ms or a byte size such as 10KB");
        }
    }

    private Expr ParseFunction()
    {
        var function = Current;
        if (VectorOperations.Contains(function.Value))
        {
            return ParseVectorAggregation();
        }

        switch (function.Value)
        {
            case "label_replace":
                return ParseLabelReplace();
            case "vector":
                Take();
                Expect(TokenKind.LeftParen, "'('");
                var value = Expect(TokenKind.Number, "a number, e.g. vector(0)");
                var close = Expect(TokenKind.RightParen, "')'");
                return new VectorLiteral(Number(value), TextSpan.FromBounds(function.Span.Start, close.Span.End));
            case "bytes" or "duration" or "duration_seconds":
                throw new SyntaxException($"{function.Value}(…) converts an unwrapped label: | unwrap {function.Value}(label)", function.Span);
            case "ip":
                throw new SyntaxException("ip(…) filters lines or labels: |= ip(\"10.0.0.0/8\") or | addr = ip(\"10.0.0.0/8\")", function.Span);
            default:
                return ParseRangeAggregation();
        }
    }

    private Expr ParseRangeAggregation()
    {
        var function = Take();
        var name = function.Value;
        Expect(TokenKind.LeftParen, "'('");
        Token? parameter = null;
        if (Current.Kind == TokenKind.Number && Peek().Kind == TokenKind.Comma)
        {
            parameter = Take();
            Take();
        }

        var argument = ParseExpression(0);
        var close = Expect(TokenKind.RightParen, "')'");
        var grouping = ParseGrouping();
        var span = TextSpan.FromBounds(function.Span.Start, Previous.Span.End);
        if (argument is not LogRange range)
        {
            throw new SyntaxException(argument is LogQuery
                ? $"{name} needs a log range: add a range such as [5m] after the selector or its pipeline"
                : $"{name} takes a log range such as {{app=\"api\"}} |= \"error\" [5m]", argument.Span);
        }

        if (parameter is { } given && name != "quantile_over_time")
        {
            Problem($"{name} takes no parameter; only quantile_over_time does", given.Span);
        }
        else if (parameter is null && name == "quantile_over_time")
        {
            Problem("quantile_over_time needs the quantile first: quantile_over_time(0.99, … | unwrap latency [5m])", function.Span);
        }

        if (grouping is not null && !GroupingAggregations.Contains(name))
        {
            Problem($"grouping not allowed for {name}; group the result with an aggregation such as sum by (…) ({name}(…))", TextSpan.FromBounds(close.Span.End, Previous.Span.End));
        }

        if (range.Query.Unwrap is { } unwrap && !UnwrapAggregations.Contains(name))
        {
            Problem($"{name} counts log lines or bytes and cannot use an unwrapped value; use sum_over_time, avg_over_time, rate or another *_over_time", unwrap);
        }
        else if (range.Query.Unwrap is null && !LineAggregations.Contains(name))
        {
            Problem($"{name} aggregates an unwrapped value: add | unwrap <label> before the range, e.g. {name}({{app=\"api\"}} | logfmt | unwrap latency [5m])", function.Span);
        }

        return new RangeAggregation(name, range, span);
    }

    private Expr ParseVectorAggregation()
    {
        var function = Take();
        var name = function.Value;
        var before = ParseGrouping();
        Expect(TokenKind.LeftParen, "'('");
        Token? parameter = null;
        if (Current.Kind == TokenKind.Number && Peek().Kind == TokenKind.Comma)
        {
            parameter = Take();
            Take();
        }

        var inner = ParseExpression(0);
        Expect(TokenKind.RightParen, "')'");
        var after = before is null ? ParseGrouping() : null;
        if (before is not null && (Current.Is("by") || Current.Is("without")))
        {
            throw new SyntaxException("the grouping is given twice, before and after the arguments; keep one", Current.Span);
        }

        var grouping = before ?? after;
        var span = TextSpan.FromBounds(function.Span.Start, Previous.Span.End);
        CheckMetricArgument(name, inner);
        if (name is "topk" or "bottomk" or "approx_topk")
        {
            if (parameter is not { } k)
            {
                Problem($"{name} needs the number of series first: {name}(10, …)", function.Span);
            }
            else if (!int.TryParse(k.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                Problem($"{name} needs a whole number greater than 0, not {k.Value}", k.Span);
            }

            if (name == "approx_topk" && grouping is not null)
            {
                Problem("grouping not allowed for approx_topk", function.Span);
            }
        }
        else if (parameter is { } given)
        {
            Problem($"{name} takes no parameter", given.Span);
        }

        if (name is "sort" or "sort_desc" && grouping is { Length: > 0 })
        {
            Problem($"{name} does not group; remove by (…)", function.Span);
        }

        return new VectorAggregation(name, inner, grouping ?? [], span);
    }

    private void CheckMetricArgument(string function, Expr argument)
    {
        if (TypeOf(argument) == ResultType.Logs)
        {
            throw new SyntaxException($"{function} needs a metric query; turn log lines into numbers with a range aggregation such as count_over_time(… [5m])", argument.Span);
        }

        if (TypeOf(argument) == ResultType.LogRange)
        {
            throw new SyntaxException($"{function} needs a metric query; put the log range in a range aggregation such as rate(… [5m]) first", argument.Span);
        }
    }

    private Expr ParseLabelReplace()
    {
        var function = Take();
        Expect(TokenKind.LeftParen, "'('");
        var inner = ParseExpression(0);
        CheckMetricArgument("label_replace", inner);
        Token regex = default;
        for (var i = 0; i < 4; i++)
        {
            Expect(TokenKind.Comma, "',' and the next argument: label_replace(query, \"dst\", \"replacement\", \"src\", \"regex\")");
            regex = Expect(TokenKind.String, "a quoted string");
        }

        var close = Expect(TokenKind.RightParen, "')'");
        if (Re2Syntax.Validate(regex.Value, out _) is { } problem)
        {
            Problem($"invalid regex in label_replace: {problem}", regex.Span);
        }

        return new LabelReplace(inner, TextSpan.FromBounds(function.Span.Start, close.Span.End));
    }

    private Expr ParseVariants()
    {
        var keyword = Take();
        Expect(TokenKind.LeftParen, "'('");
        var queries = ImmutableArray.CreateBuilder<Expr>();
        do
        {
            var query = ParseExpression(0);
            CheckMetricArgument("variants", query);
            queries.Add(query);
        }
        while (TakeComma());

        Expect(TokenKind.RightParen, "')'");
        if (!Current.Is("of"))
        {
            throw Unexpected("of (…) with the log range the variants read");
        }

        Take();
        Expect(TokenKind.LeftParen, "'('");
        var argument = ParseExpression(0);
        var close = Expect(TokenKind.RightParen, "')'");
        if (argument is not LogRange range)
        {
            throw new SyntaxException("variants read a log range such as {app=\"api\"}[5m]", argument.Span);
        }

        return new Variants(queries.ToImmutable(), range, TextSpan.FromBounds(keyword.Span.Start, close.Span.End));
    }

    /// <summary>by (…) or without (…), or null; the labels of by, none for without.</summary>
    private ImmutableArray<string>? ParseGrouping()
    {
        if (!Current.Is("by") && !Current.Is("without"))
        {
            return null;
        }

        var without = Take().Value == "without";
        var labels = ParseLabelList();
        return without ? [] : labels;
    }

    private ImmutableArray<string> ParseLabelList()
    {
        Expect(TokenKind.LeftParen, "'(' and a list of labels");
        var labels = ImmutableArray.CreateBuilder<string>();
        if (Current.Kind != TokenKind.RightParen)
        {
            do
            {
                labels.Add(LabelName("a label name").Value);
            }
            while (TakeComma());
        }

        Expect(TokenKind.RightParen, "',' or ')'");
        return labels.ToImmutable();
    }

    private static double Number(Token token) =>
        token.Value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(token.Value.AsSpan(2).ToString().Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : double.Parse(token.Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Why Loki's regexp parser refuses a valid regular expression: it needs named captures, with unique label names.</summary>
    private static string? RegexCaptureProblem(string pattern)
    {
        var names = Re2Syntax.NamedCaptures(pattern);
        if (names.Count == 0)
        {
            return "at least one named capture such as (?P<status>\\d+) must be supplied";
        }

        return names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate
            ? $"duplicate extracted label name '{duplicate.Key}'"
            : null;
    }

    private void Problem(string message, TextSpan span) => problems.Add(new LogQLError(message, span));

    private SyntaxException Unexpected(string expected)
    {
        var token = Current;
        var found = token.Kind switch
        {
            TokenKind.EndOfInput => "the end of the query",
            TokenKind.String => $"the string {GoStringLiteral.Quote(token.Value)}",
            _ => $"'{token.Value}'",
        };
        return new SyntaxException($"unexpected {found}; expected {expected}", token.Span);
    }

    private sealed class SyntaxException(string message, TextSpan span) : Exception(message)
    {
        public TextSpan Span { get; } = span;
    }
}
