using System.Text;
using Telc.Parsing;
using Telc.Tests.Support;

namespace Telc.Tests.Parsing;

public sealed class YamlParserTests
{
    [Fact]
    public void Builds_mappings_lists_and_typed_scalars_with_spans()
    {
        var result = Specs.Parse("a: 1\nb: [x, 'y']\nc: true\nd: ~\ne: 1.5\nf: yes\n");

        var root = Assert.IsType<YamlMapping>(Assert.Single(result.Documents).Root);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(ScalarType.Int, ((YamlScalar)root.Find("a")!.Value).Type);
        Assert.Equal(2, ((YamlSequence)root.Find("b")!.Value).Items.Length);
        Assert.Equal(ScalarType.Bool, ((YamlScalar)root.Find("c")!.Value).Type);
        Assert.Equal(ScalarType.Null, ((YamlScalar)root.Find("d")!.Value).Type);
        Assert.Equal(ScalarType.Float, ((YamlScalar)root.Find("e")!.Value).Type);
        Assert.Equal(ScalarType.String, ((YamlScalar)root.Find("f")!.Value).Type);
        Assert.Equal(8, root.Find("b")!.Value.Span.Start);
    }

    [Fact]
    public void Quoted_numbers_stay_strings()
    {
        var root = (YamlMapping)Specs.Parse("a: \"2\"\n").Documents[0].Root;

        Assert.Equal(ScalarType.String, ((YamlScalar)root.Find("a")!.Value).Type);
    }

    [Fact]
    public void Reports_duplicate_keys_at_the_second_key()
    {
        var result = Specs.Parse("name: a\nother: b\nname: c\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TELC112", diagnostic.Code);
        Assert.Equal("3:1", diagnostic.Start.ToString());
        Assert.Contains("first at 1:1", diagnostic.Message);
    }

    [Fact]
    public void Reports_a_tab_in_indentation_at_the_tab()
    {
        var result = Specs.Parse("spec:\n  a: 1\n\tb: 2\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TELC111", diagnostic.Code);
        Assert.Equal(3, diagnostic.Start.Line);
        Assert.NotNull(diagnostic.Hint);
    }

    [Fact]
    public void Malformed_yaml_is_a_syntax_diagnostic_with_position()
    {
        var result = Specs.Parse("a: [1, 2\nb: 3\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TELC110", diagnostic.Code);
        Assert.True(diagnostic.Start.Line >= 1);
        Assert.DoesNotContain("Line:", diagnostic.Message);
    }

    [Fact]
    public void Keeps_documents_before_a_syntax_error()
    {
        var result = Specs.Parse("a: 1\n---\nb: [\n");

        Assert.Single(result.Documents);
        Assert.Equal("TELC110", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Positions_are_right_in_crlf_files()
    {
        var result = Specs.Parse("a: 1\r\nb:\r\n  c: 2\r\n  c: 3\r\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("4:3", diagnostic.Start.ToString());
    }

    [Fact]
    public void Block_scalars_span_their_lines_and_later_nodes_keep_their_positions()
    {
        var result = Specs.Parse("expr: |\n  sum(rate(x[5m]))\n    / 2\nnext: here\nnext: again\n");

        var root = (YamlMapping)result.Documents[0].Root;
        Assert.Equal("sum(rate(x[5m]))\n  / 2\n", ((YamlScalar)root.Find("expr")!.Value).Value);
        Assert.Equal("5:1", Assert.Single(result.Diagnostics).Start.ToString());
    }

    [Fact]
    public void Aliases_share_nodes_and_merge_keys_merge()
    {
        var result = Specs.Parse("base: &b { x: 1, y: 2 }\nchild:\n  <<: *b\n  y: 3\n");

        var child = (YamlMapping)((YamlMapping)result.Documents[0].Root).Find("child")!.Value;
        Assert.Empty(result.Diagnostics);
        Assert.Equal("1", ((YamlScalar)child.Find("x")!.Value).Value);
        Assert.Equal("3", ((YamlScalar)child.Find("y")!.Value).Value);
    }

    [Fact]
    public void Billion_laughs_is_rejected_without_expanding()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var before = GC.GetTotalAllocatedBytes();
        var result = Specs.Parse(text.ToString());

        Assert.Equal("TELC113", Assert.Single(result.Diagnostics).Code);
        Assert.Empty(result.Documents);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 50_000_000, "alias bomb must not allocate its expansion");
    }

    [Fact]
    public void Deep_nesting_is_rejected_without_overflowing_the_stack()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);

        var result = Specs.Parse(text);

        Assert.Contains(result.Diagnostics, d => d.Code is "TELC114" or "TELC110");
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void Reading_stops_at_the_nesting_limit_so_the_cost_stays_linear()
    {
        // YamlDotNet's scanner does work per open flow level for every token, so 40,000 open brackets once took 45 s;
        // the parser stops reading the file at the limit. The second document's duplicate key is never reached.
        var text = "a: " + new string('[', 40_000) + "\n---\nb: 1\nb: 2\n";

        var result = Specs.Parse(text);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TELC114", diagnostic.Code);
        Assert.Contains("the rest of this file is skipped", diagnostic.Hint);
        Assert.Empty(result.Documents);
    }

    [Theory]
    [InlineData("a: { <<: 5 }", "not an integer value")]
    [InlineData("a: { <<: [[1]] }", "not a list holding other things than mappings")]
    [InlineData("a: { <<: ~ }", "not a null value")]
    public void A_merge_of_something_else_than_mappings_is_an_error_not_a_silent_drop(string text, string message)
    {
        var diagnostic = Assert.Single(Specs.Parse(text).Diagnostics);

        Assert.Equal("TELC110", diagnostic.Code);
        Assert.Contains(message, diagnostic.Message);
    }

    [Theory]
    [InlineData("a: !!float abc", "'abc' is not a number, as its tag '!!float' says")]
    [InlineData("a: !!bool yes", "'yes' is not a boolean, as its tag '!!bool' says")]
    [InlineData("a: !!int 1.5", "'1.5' is not an integer, as its tag '!!int' says")]
    [InlineData("a: !!null x", "'x' is not a null, as its tag '!!null' says")]
    public void A_tag_that_does_not_fit_its_value_is_an_error(string text, string message) =>
        Assert.Equal(message, Assert.Single(Specs.Parse(text).Diagnostics).Message);

    [Theory]
    [InlineData("a: !!float 1")]
    [InlineData("a: !!int 0x1F")]
    [InlineData("a: !!bool false")]
    [InlineData("a: !!str 5")]
    public void A_tag_that_fits_its_value_is_fine(string text) => Assert.Empty(Specs.Parse(text).Diagnostics);

    [Fact]
    public void A_document_that_is_only_null_is_a_warning_and_an_empty_one_between_separators_is_not()
    {
        Assert.Equal("TELC105", Assert.Single(Specs.Parse("null\n").Diagnostics).Code);
        Assert.Empty(Specs.Parse("a: 1\n---\n---\nb: 2\n").Diagnostics);
    }

    [Fact]
    public void Two_merge_keys_in_one_mapping_are_a_duplicate() =>
        Assert.Equal("TELC112", Assert.Single(Specs.Parse("a: { <<: { x: 1 }, <<: { y: 2 } }").Diagnostics).Code);

    [Fact]
    public void Deep_block_nesting_is_rejected()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 150; i++)
        {
            text.Append(new string(' ', i * 2)).Append("k:\n");
        }

        var result = Specs.Parse(text.ToString());

        Assert.Equal("TELC114", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Unknown_tags_are_reported()
    {
        var result = Specs.Parse("a: !!python/object x\nb: !!str 1\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TELC115", diagnostic.Code);
        Assert.Equal(ScalarType.String, ((YamlScalar)((YamlMapping)result.Documents[0].Root).Find("b")!.Value).Type);
    }

    [Fact]
    public void Mapping_keys_must_be_plain()
    {
        var result = Specs.Parse("? [a, b]\n: c\n");

        Assert.Equal("TELC116", Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("\n\n")]
    public void Empty_files_are_a_warning(string text)
    {
        var result = Specs.Parse(text);

        Assert.Equal("TELC105", Assert.Single(result.Diagnostics).Code);
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void Undefined_alias_is_a_diagnostic()
    {
        var result = Specs.Parse("a: *nothing\n");

        Assert.Single(result.Diagnostics);
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void Control_characters_are_a_diagnostic_not_an_exception()
    {
        var result = Specs.Parse("a: b\u0000c\n");

        Assert.Equal("TELC110", Assert.Single(result.Diagnostics).Code);
    }
}
