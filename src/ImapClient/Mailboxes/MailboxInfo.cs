namespace Imap;

/// <summary>One mailbox from LIST (RFC 9051 §7.3.1): its name, hierarchy delimiter and attributes.</summary>
public sealed class MailboxInfo
{
    internal MailboxInfo(string name, char? delimiter, IReadOnlyList<string> attributes)
    {
        Name = name;
        Delimiter = delimiter;
        Attributes = attributes;
    }

    /// <summary>The name, decoded (modified UTF-7 or UTF-8); pass it back as is to select it.</summary>
    public string Name { get; }

    /// <summary>The hierarchy delimiter, or null for a flat name.</summary>
    public char? Delimiter { get; }

    /// <summary>The attributes as sent: \Noselect, \HasChildren, \Sent, \Trash ...</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>Whether the mailbox can be selected (no \Noselect or \NonExistent).</summary>
    public bool IsSelectable => !HasAttribute("\\Noselect") && !HasAttribute("\\NonExistent");

    /// <summary>The special use (RFC 6154) such as "\Sent" or "\Trash", or null.</summary>
    public string? SpecialUse => Attributes.FirstOrDefault(a => SpecialUses.Contains(a));

    /// <summary>Whether the mailbox has this attribute, ignoring case (Cyrus sends special uses in lower case).</summary>
    /// <param name="attribute">e.g. "\HasChildren".</param>
    public bool HasAttribute(string attribute) => Attributes.Contains(attribute, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static readonly HashSet<string> SpecialUses = new(StringComparer.OrdinalIgnoreCase)
    {
        "\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash", "\\Important",
    };
}
