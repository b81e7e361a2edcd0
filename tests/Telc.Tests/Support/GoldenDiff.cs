using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace Telc.Tests.Support;

/// <summary>A unified diff (three lines of context) for golden-file failures, cut at a readable length.</summary>
public static class GoldenDiff
{
    private const int Context = 3;
    private const int MaxLength = 6000;

    public static string Describe(string expected, string actual, string name = "expected")
    {
        var diff = Differ.Instance.CreateDiffs(expected, actual, ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
        var (a, b) = (diff.PiecesOld, diff.PiecesNew);
        var text = new StringBuilder($"--- {name}\n+++ actual\n");
        foreach (var hunk in Hunks(diff.DiffBlocks))
        {
            var first = hunk[0];
            var last = hunk[^1];
            var startA = Math.Max(0, first.DeleteStartA - Context);
            var endA = Math.Min(a.Count, last.DeleteStartA + last.DeleteCountA + Context);
            var startB = Math.Max(0, first.InsertStartB - Context);
            var endB = Math.Min(b.Count, last.InsertStartB + last.InsertCountB + Context);
            text.Append($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
            var lineA = startA;
            foreach (var block in hunk)
            {
                for (; lineA < block.DeleteStartA; lineA++)
                {
                    text.Append(' ').Append(a[lineA]).Append('\n');
                }

                for (var i = 0; i < block.DeleteCountA; i++, lineA++)
                {
                    text.Append('-').Append(a[lineA]).Append('\n');
                }

                for (var i = 0; i < block.InsertCountB; i++)
                {
                    text.Append('+').Append(b[block.InsertStartB + i]).Append('\n');
                }
            }

            for (; lineA < endA; lineA++)
            {
                text.Append(' ').Append(a[lineA]).Append('\n');
            }

            if (text.Length > MaxLength)
            {
                return text.ToString(0, MaxLength) + "\n… (diff cut)\n";
            }
        }

        return text.ToString();
    }

    /// <summary>Blocks close enough to share context lines form one hunk.</summary>
    private static IEnumerable<List<DiffBlock>> Hunks(IList<DiffBlock> blocks)
    {
        var hunk = new List<DiffBlock>();
        foreach (var block in blocks)
        {
            if (hunk.Count > 0 && block.DeleteStartA - (hunk[^1].DeleteStartA + hunk[^1].DeleteCountA) > 2 * Context)
            {
                yield return hunk;
                hunk = [];
            }

            hunk.Add(block);
        }

        if (hunk.Count > 0)
        {
            yield return hunk;
        }
    }
}
