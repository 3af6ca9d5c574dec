using Imap;

namespace Rules;

/// <summary>
/// One line of a rules file: <c>FIELD TEXT -> ACTION ARGUMENT</c>, where FIELD is <c>from</c>, <c>to</c> or
/// <c>subject</c> (a case-insensitive substring, as IMAP SEARCH matches), and ACTION is <c>move MAILBOX</c> or
/// <c>flag FLAG</c> (<c>\Flagged</c>, <c>\Seen</c>, <c>\Answered</c>, <c>\Draft</c> or a keyword such as <c>$Invoice</c>).
/// </summary>
internal sealed record Rule(int Line, string Field, string Text, string Action, string Argument)
{
    private static readonly Dictionary<string, MessageFlag> SystemFlags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["\\Flagged"] = MessageFlag.Flagged,
        ["\\Seen"] = MessageFlag.Seen,
        ["\\Answered"] = MessageFlag.Answered,
        ["\\Draft"] = MessageFlag.Draft,
    };

    /// <summary>The messages the rule applies to and has not acted on yet (a flag rule skips those already flagged).</summary>
    public SearchQuery Query
    {
        get
        {
            SearchQuery match = Field switch
            {
                "from" => SearchQuery.From(Text),
                "to" => SearchQuery.To(Text),
                _ => SearchQuery.Subject(Text),
            };
            return Action == "flag" ? match & SearchQuery.Unkeyword(Flag) : match;
        }
    }

    /// <summary>The flag a <c>flag</c> rule sets.</summary>
    public MessageFlag Flag => SystemFlags.TryGetValue(Argument, out var flag) ? flag : MessageFlag.Keyword(Argument);

    public override string ToString() => $"line {Line}: {Field} \"{Text}\" -> {Action} {Argument}";

    /// <summary>Reads a rules file; blank lines and lines starting with # are skipped.</summary>
    /// <exception cref="FormatException">A line that is not a rule, with its number.</exception>
    public static IReadOnlyList<Rule> Load(string path)
    {
        var rules = new List<Rule>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] sides = line.Split("->", 2, StringSplitOptions.TrimEntries);
            string[] condition = sides[0].Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            string[] action = sides.Length == 2 ? sides[1].Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            if (condition.Length != 2 || action.Length != 2
                || condition[0].ToLowerInvariant() is not ("from" or "to" or "subject")
                || action[0].ToLowerInvariant() is not ("move" or "flag"))
            {
                throw new FormatException($"{path}:{i + 1}: expected \"from|to|subject TEXT -> move MAILBOX|flag FLAG\", got \"{line}\"");
            }

            var rule = new Rule(i + 1, condition[0].ToLowerInvariant(), condition[1], action[0].ToLowerInvariant(), action[1]);
            if (rule.Action == "flag")
            {
                try
                {
                    _ = SearchQuery.Keyword(rule.Flag);
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"{path}:{i + 1}: \"{rule.Argument}\" is not a flag or keyword: {e.Message}", e);
                }
            }

            rules.Add(rule);
        }

        return rules;
    }
}
