using Telc.Spec.Values;

namespace Telc.Tests.Spec;

public sealed class AlertmanagerMatcherTests
{
    [Theory]
    [InlineData("severity=\"critical\"", "severity", "=", "critical")]
    [InlineData(" team =~ \"pay.*\" ", "team", "=~", "pay.*")]
    [InlineData("job!~\"\\\\d+\"", "job", "!~", "\\d+")]
    [InlineData("job=~\"\\d+\"", "job", "=~", "\\d+")]
    [InlineData("env!=prod", "env", "!=", "prod")]
    public void Parses_label_operator_and_value(string text, string label, string op, string value)
    {
        var matcher = AlertmanagerMatcher.Parse(text);

        Assert.NotNull(matcher);
        Assert.Equal((label, op, value), (matcher.Label, matcher.Operator, matcher.Value));
    }

    [Theory]
    [InlineData("severity")]
    [InlineData("severity==critical")]
    [InlineData("severity=~~critical")]
    [InlineData("9x=\"a\"")]
    [InlineData("a=\"unclosed")]
    public void Refuses_what_is_not_a_matcher(string text)
    {
        Assert.Null(AlertmanagerMatcher.Parse(text));
    }

    [Fact]
    public void Matches_as_Alertmanager_does_with_anchored_regexes_and_missing_labels_empty()
    {
        var labels = new Dictionary<string, string> { ["severity"] = "critical", ["job"] = "api-7" };

        Assert.True(AlertmanagerMatcher.Parse("severity=\"critical\"")!.Matches(labels));
        Assert.True(AlertmanagerMatcher.Parse("job=~\"api-\\d+\"")!.Matches(labels));
        Assert.False(AlertmanagerMatcher.Parse("job=~\"api\"")!.Matches(labels));
        Assert.True(AlertmanagerMatcher.Parse("team!~\".+\"")!.Matches(labels));
        Assert.True(AlertmanagerMatcher.Parse("team=\"\"")!.Matches(labels));
    }
}
