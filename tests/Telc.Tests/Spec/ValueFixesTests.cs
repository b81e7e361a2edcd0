using Telc.Spec;

namespace Telc.Tests.Spec;

public sealed class ValueFixesTests
{
    [Theory]
    [InlineData("15 days", "15d")]
    [InlineData("1m30h", "30h1m")]
    [InlineData("1.5h", "1h30m")]
    [InlineData("10M", "10m")]
    [InlineData("30", "30s")]
    [InlineData("2 weeks", "2w")]
    [InlineData("5 minutes", "5m")]
    [InlineData("soon", null)]
    [InlineData("5 fortnights", null)]
    public void Suggests_a_duration(string text, string? expected)
    {
        Assert.Equal(expected, ValueFixes.Duration(text));
    }

    [Theory]
    [InlineData("40 gigs", "40GB")]
    [InlineData("50gb", "50GB")]
    [InlineData("4 GiB", "4Gi")]
    [InlineData("1TB per day", null)]
    public void Suggests_a_size(string text, string? expected)
    {
        Assert.Equal(expected, ValueFixes.Size(text));
    }
}
