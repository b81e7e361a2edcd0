using Telc.Diagnostics.Formatting;
using Xunit;

namespace Telc.Tests.Diagnostics;

public sealed class SourceExcerptTests
{
    [Fact]
    public void Short_line_is_shown_whole_with_the_caret_at_the_column()
    {
        var excerpt = SourceExcerpt.Of("expr: rate(x[5m])   ", 7, 4);

        Assert.Equal(new SourceExcerpt("expr: rate(x[5m])", 6, 4), excerpt);
    }

    [Fact]
    public void Long_line_is_cut_to_a_window_whose_caret_still_points_at_the_span()
    {
        var line = new string('a', 5000) + "BROKEN" + new string('b', 5000);

        var excerpt = SourceExcerpt.Of(line, 5001, 6);

        Assert.StartsWith("…", excerpt.Text);
        Assert.EndsWith("…", excerpt.Text);
        Assert.Equal(SourceExcerpt.MaxWidth + 2, excerpt.Text.Length);
        Assert.Equal("BROKEN", excerpt.Text.Substring(excerpt.CaretOffset, excerpt.CaretWidth));
    }

    [Fact]
    public void Span_at_the_start_of_a_long_line_keeps_its_beginning()
    {
        var excerpt = SourceExcerpt.Of("XY" + new string('c', 1000), 1, 2);

        Assert.Equal(0, excerpt.CaretOffset);
        Assert.StartsWith("XY", excerpt.Text);
        Assert.EndsWith("…", excerpt.Text);
    }

    [Fact]
    public void Span_at_the_end_of_a_long_line_shows_the_end_and_a_caret_no_wider_than_the_window()
    {
        var line = new string('d', 1000) + "END";

        var excerpt = SourceExcerpt.Of(line, 1001, 500);

        Assert.EndsWith("END", excerpt.Text);
        Assert.Equal("END", excerpt.Text.Substring(excerpt.CaretOffset, excerpt.CaretWidth));
    }
}
