using System.Text.RegularExpressions;
using Telc.Diagnostics;

namespace Telc.Tests.Diagnostics;

public sealed class DiagnosticCatalogueTests
{
    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = DiagnosticCatalogue.All.Select(d => d.Code).ToArray();

        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches(new Regex("^TELC[1-5][0-9]{2}$"), code));
        Assert.All(DiagnosticCatalogue.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Title)));
    }

    [Fact]
    public void Codes_sit_in_the_range_of_their_stage()
    {
        var semantic = new[] { DiagnosticCatalogue.DuplicateName, DiagnosticCatalogue.UnresolvedReference, DiagnosticCatalogue.UnknownEnvironment };
        var syntax = new[] { DiagnosticCatalogue.YamlSyntax, DiagnosticCatalogue.UnknownProperty, DiagnosticCatalogue.WrongType };

        Assert.All(semantic, d => Assert.StartsWith("TELC2", d.Code));
        Assert.All(syntax, d => Assert.StartsWith("TELC1", d.Code));
    }
}
