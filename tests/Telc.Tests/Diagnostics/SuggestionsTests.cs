using Telc.Diagnostics;

namespace Telc.Tests.Diagnostics;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("metrix", "metrics")]
    [InlineData("gek", "gke")]
    [InlineData("retension", "retention")]
    [InlineData("Metrics", "metrics")]
    [InlineData("completely-different", null)]
    [InlineData("x", null)]
    public void Suggests_only_close_names(string word, string? expected)
    {
        Assert.Equal(expected, Suggestions.Closest(word, ["metrics", "gke", "retention", "replicas"]));
    }
}
