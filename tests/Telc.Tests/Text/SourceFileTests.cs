using Telc.Text;

namespace Telc.Tests.Text;

public sealed class SourceFileTests
{
    [Theory]
    [InlineData("a\nbc\nd", 3, 2, 2)]
    [InlineData("a\r\nbc\r\nd", 4, 2, 2)]
    [InlineData("a\rbc\rd", 3, 2, 2)]
    [InlineData("a\r\nbc\r\nd", 7, 3, 1)]
    [InlineData("abc", 0, 1, 1)]
    [InlineData("abc", 3, 1, 4)]
    [InlineData("ab\ncd\n", 6, 2, 3)]
    [InlineData("ab\r\ncd\r\n", 8, 2, 3)]
    public void Maps_offsets_to_one_based_line_and_column(string text, int offset, int line, int column)
    {
        var file = new SourceFile("f.yaml", "f.yaml", text);

        Assert.Equal(new LinePosition(line, column), file.GetPosition(offset));
    }

    [Fact]
    public void Line_text_excludes_the_line_break_for_crlf_files()
    {
        var file = new SourceFile("f.yaml", "f.yaml", "first\r\nsecond\r\n");

        Assert.Equal("first", file.GetLineText(1));
        Assert.Equal("second", file.GetLineText(2));
        Assert.Equal(string.Empty, file.GetLineText(9));
    }
}
