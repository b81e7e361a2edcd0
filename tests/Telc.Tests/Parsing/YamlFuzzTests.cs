using System.Text;
using Telc.Parsing;
using Telc.Tests.Support;
using Telc.Text;
using Xunit.Abstractions;

namespace Telc.Tests.Parsing;

/// <summary>
/// The YAML reader on character-level mutants of every example, invalid example and render case (characters replaced, cut, repeated,
/// deep flow and block nesting, anchors and aliases, tags, control characters, CRLF): each ends in documents or
/// diagnostics inside the text, never an exception; the credential masking every printed line goes through, too.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class YamlFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Fragments =
        ["[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "&a ", "*a", "<<: *a", "!!str ", "!!int ", "!!float ", "!custom ", "|", ">-", "'", "\"", "#",
         "\n", "\r\n", "\r", "\t", "  ", "---\n", "...\n", "%YAML 1.2\n", "\u0000", "\u001b[31m", "\u00e9", "\ud800", "\\", "https://u:p@h/", "password: x"];

    [Fact]
    public void Mutated_specs_end_in_documents_or_diagnostics()
    {
        var seeds = RenderCases.All.Select(c => RepoPaths.Combine(c, "telemetry")).Append(RepoPaths.Combine("examples", "invalid"))
            .SelectMany(folder => Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories))
            .Select(File.ReadAllText)
            .ToArray();
        var run = FuzzRun.Of(seed: 20261130, cases: 3_000);
        var random = run.Random();
        var documents = 0;
        for (var i = 0; i < run.Cases; i++)
        {
            var mutant = Mutate(seeds[random.Next(seeds.Length)], random);
            var file = new SourceFile("fuzz.yaml", "fuzz.yaml", mutant);

            var parsed = YamlParser.Parse(file);

            documents += parsed.Documents.Count;
            Assert.All(parsed.Diagnostics, d => Assert.True(d.Location is null || d.Location.Span.End <= mutant.Length, $"{run}: {d.Message}"));
            Assert.NotNull(Credentials.HideInLine(mutant));
        }

        output.WriteLine($"{run}: {documents:N0} documents read");
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(7))
            {
                case 0:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1:
                    text.Remove(at, Math.Min(text.Length - at, random.Next(1, 20)));
                    break;
                case 2 when text.Length > 0:
                    text[at] = (char)random.Next(0, 0x3000);
                    break;
                case 3:
                    var length = Math.Min(text.Length - at, random.Next(1, 40));
                    text.Insert(random.Next(text.Length + 1), text.ToString(at, length));
                    break;
                case 4:
                    var depth = random.Next(1, 300);
                    text.Insert(at, string.Concat(Enumerable.Repeat(random.Next(2) == 0 ? "[" : "{a: ", depth)));
                    break;
                case 5:
                    text.Insert(at, string.Concat(Enumerable.Repeat("- ", random.Next(1, 200))));
                    break;
                default:
                    text.Replace("\n", "\r\n");
                    break;
            }
        }

        return text.ToString();
    }
}
