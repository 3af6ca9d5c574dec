using System.Text.RegularExpressions;

namespace Imap.Tests.Docs;

/// <summary>
/// The code shown in README.md and docs/*.md compiles: every block marked <c>&lt;!-- snippet: name --&gt;</c> must be
/// exactly the region of that name in samples/Snippets, which the build compiles.
/// </summary>
public sealed partial class SnippetTests
{
    private static readonly string Root = FindRoot();

    public static IEnumerable<string> Pages() =>
        new[] { Path.Combine(Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .Select(p => Path.GetRelativePath(Root, p));

    [TestCaseSource(nameof(Pages))]
    public void Every_marked_block_is_the_compiled_region_of_the_same_name(string page)
    {
        var regions = Regions();
        string text = File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");
        foreach (Match block in MarkedBlock().Matches(text))
        {
            string name = block.Groups["name"].Value;
            Assert.That(regions.ContainsKey(name), Is.True, $"{page}: no region '{name}' in samples/Snippets");
            Assert.That(block.Groups["code"].Value.TrimEnd(), Is.EqualTo(regions[name]), $"{page}: snippet '{name}' differs from samples/Snippets");
        }
    }

    [Test]
    public void The_readme_example_is_a_compiled_snippet()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");

        Assert.That(MarkedBlock().Matches(readme).Select(m => m.Groups["name"].Value), Does.Contain("readme-example"));
    }

    [Test]
    public void Unmarked_csharp_blocks_are_not_left_in_the_readme_or_the_message_and_body_pages()
    {
        foreach (string page in new[] { "README.md", "docs/messages.md", "docs/bodies.md" })
        {
            string text = File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");
            int all = Regex.Count(text, "^```csharp$", RegexOptions.Multiline);
            Assert.That(MarkedBlock().Count(text), Is.EqualTo(all), $"{page}: a csharp block without a snippet marker");
        }
    }

    private static Dictionary<string, string> Regions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "samples", "Snippets"), "*.cs"))
        {
            string text = File.ReadAllText(file).ReplaceLineEndings("\n");
            foreach (Match region in Region().Matches(text))
            {
                regions.Add(region.Groups["name"].Value, Dedent(region.Groups["code"].Value));
            }
        }

        return regions;
    }

    private static string Dedent(string code)
    {
        string[] lines = code.TrimEnd().Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImapClient.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ImapClient.sln not found above the test directory.");
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[a-z0-9-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();

    [GeneratedRegex(@"#region (?<name>[a-z0-9-]+)\n(?<code>.*?)\n[ \t]*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();
}
