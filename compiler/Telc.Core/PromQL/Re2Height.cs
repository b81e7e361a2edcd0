namespace Telc.PromQL;

/// <summary>
/// The height of the syntax tree Go builds for a pattern once Prometheus has simplified it. Prometheus (2.53) parses a
/// matcher's pattern, simplifies it — <c>a{0,3}</c> becomes <c>(?:a(?:a(?:a)?)?)?</c>, two levels per optional copy —
/// and compiles the simplified text inside <c>^(?s:…)$</c>, which Go refuses when the tree is more than 1000 levels
/// high ("expression nests too deeply"). Fed by <see cref="Re2Syntax"/> as it reads the pattern.
/// </summary>
internal sealed class Re2Height
{
    public const int Limit = 1000;

    private readonly Stack<Frame> frames = new([new Frame(capture: false)]);

    private Frame Current => frames.Peek();

    /// <summary>A character; consecutive ones form one literal node.</summary>
    public void Literal()
    {
        var frame = Current;
        if (frame.LiteralRun > 0)
        {
            frame.LiteralRun++;
            return;
        }

        frame.Items.Add(1);
        frame.LiteralRun = 1;
    }

    /// <summary>A character class, an escape, '.', or an anchor: one node.</summary>
    public void Atom()
    {
        Current.Items.Add(1);
        Current.LiteralRun = 0;
    }

    public void Open(bool capture) => frames.Push(new Frame(capture));

    public void Close()
    {
        var frame = frames.Pop();
        var content = frame.Height();
        Current.Items.Add(frame.Capture ? 1 + content : content);
        Current.LiteralRun = 0;
    }

    public void Alternative()
    {
        var frame = Current;
        frame.Branches.Add(Concat(frame.Items));
        frame.Items.Clear();
        frame.LiteralRun = 0;
    }

    /// <summary>A repetition of the last item; <paramref name="max"/> is -1 for no upper bound.</summary>
    public void Repeat(int min, int max)
    {
        var frame = Current;
        if (frame.Items.Count == 0)
        {
            return;
        }

        if (frame.LiteralRun > 1)
        {
            // Only the last character repeats: it splits off the literal as a node of its own.
            frame.Items.Add(1);
        }

        frame.LiteralRun = 0;
        var operand = frame.Items[^1];
        frame.Items[^1] = Simplified(operand, min, max);
    }

    /// <summary>The height of <c>^(?s:pattern)$</c> as Go parses the simplified text.</summary>
    public int Total()
    {
        while (frames.Count > 1)
        {
            Close();
        }

        return 1 + frames.Peek().Height();
    }

    private static int Simplified(int operand, int min, int max)
    {
        if (max < 0)
        {
            // x*, x+, and x{n,} as n-1 copies followed by x+.
            return min <= 1 ? 1 + operand : 2 + operand;
        }

        if (max == 0)
        {
            return 1;
        }

        // min copies, then max-min optional copies, each nested in the one before: (?:x(?:x)?)?
        var optional = max - min;
        var chain = optional > 0 ? (2 * optional) - 1 + operand : 0;
        return (min, optional) switch
        {
            (0, _) => chain,
            (1, 0) => operand,
            (_, 0) => 1 + operand,
            _ => 1 + chain,
        };
    }

    private static int Concat(List<int> items) => items.Count switch
    {
        0 => 1,
        1 => items[0],
        _ => 1 + items.Max(),
    };

    private sealed class Frame(bool capture)
    {
        public bool Capture { get; } = capture;

        public List<int> Items { get; } = [];

        public List<int> Branches { get; } = [];

        public int LiteralRun { get; set; }

        public int Height()
        {
            var last = Concat(Items);
            return Branches.Count == 0 ? last : 1 + Math.Max(last, Branches.Max());
        }
    }
}
