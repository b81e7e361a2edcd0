using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Diagnostics.Formatting;
using Telc.Tests.Support;

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

    [Fact]
    public void Every_code_has_help_to_serve_as_a_hint()
    {
        Assert.All(DiagnosticCatalogue.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Help)));
    }

    [Fact]
    public void A_finding_without_a_hint_of_its_own_takes_the_help_of_its_code()
    {
        var compilation = Specs.Compile(Specs.Header + "kind: Backend\nmetadata: { name: m }\nspec: { prometheus: { replicas: 0 } }\n");

        var diagnostic = compilation.Single("TELC135");
        Assert.Equal(DiagnosticCatalogue.OutOfRange.Help, diagnostic.Hint);
        var text = new StringWriter();
        new TextFormatter(color: false).Write(new DiagnosticReport(compilation.Diagnostics, 1, 1), text);
        Assert.Contains("= hint: " + DiagnosticCatalogue.OutOfRange.Help, text.ToString());
    }

    [Fact]
    public void A_hint_of_its_own_wins_over_the_help_of_the_code()
    {
        var compilation = Specs.Compile(Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { enviroment: prd }\n");

        Assert.Equal("did you mean 'environment'?", compilation.Single("TELC130").Hint);
    }
}
