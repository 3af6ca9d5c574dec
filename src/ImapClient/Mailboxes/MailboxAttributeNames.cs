namespace Imap;

/// <summary>
/// Maps mailbox name attributes between their wire form and <see cref="MailboxAttributes"/>, ignoring case (Cyrus
/// sends the special uses in lower case) and applying the implications of RFC 5258 §3 and §4.
/// </summary>
internal static class MailboxAttributeNames
{
    /// <summary>Every special use of RFC 6154 §2 and RFC 8457.</summary>
    public const MailboxAttributes SpecialUses =
        MailboxAttributes.All | MailboxAttributes.Archive | MailboxAttributes.Drafts | MailboxAttributes.Flagged
        | MailboxAttributes.Junk | MailboxAttributes.Sent | MailboxAttributes.Trash | MailboxAttributes.Important;

    private static readonly (MailboxAttributes Flag, string Name)[] Names =
    [
        (MailboxAttributes.NoInferiors, "\\Noinferiors"),
        (MailboxAttributes.NoSelect, "\\Noselect"),
        (MailboxAttributes.NonExistent, "\\NonExistent"),
        (MailboxAttributes.HasChildren, "\\HasChildren"),
        (MailboxAttributes.HasNoChildren, "\\HasNoChildren"),
        (MailboxAttributes.Marked, "\\Marked"),
        (MailboxAttributes.Unmarked, "\\Unmarked"),
        (MailboxAttributes.Subscribed, "\\Subscribed"),
        (MailboxAttributes.Remote, "\\Remote"),
        (MailboxAttributes.All, "\\All"),
        (MailboxAttributes.Archive, "\\Archive"),
        (MailboxAttributes.Drafts, "\\Drafts"),
        (MailboxAttributes.Flagged, "\\Flagged"),
        (MailboxAttributes.Junk, "\\Junk"),
        (MailboxAttributes.Sent, "\\Sent"),
        (MailboxAttributes.Trash, "\\Trash"),
        (MailboxAttributes.Important, "\\Important"),
    ];

    /// <summary>The typed attributes of a list of attributes as sent; unknown ones are ignored.</summary>
    public static MailboxAttributes Parse(IEnumerable<string> attributes)
    {
        var result = MailboxAttributes.None;
        foreach (string attribute in attributes)
        {
            result |= Parse(attribute);
        }

        // \NonExistent implies \Noselect (RFC 5258 §3.4); \Noinferiors implies \HasNoChildren (RFC 5258 §4).
        if ((result & MailboxAttributes.NonExistent) != 0)
        {
            result |= MailboxAttributes.NoSelect;
        }

        if ((result & MailboxAttributes.NoInferiors) != 0)
        {
            result |= MailboxAttributes.HasNoChildren;
        }

        return result;
    }

    /// <summary>The typed attribute of one attribute as sent, or <see cref="MailboxAttributes.None"/>.</summary>
    public static MailboxAttributes Parse(string attribute)
    {
        foreach (var (flag, name) in Names)
        {
            if (attribute.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return flag;
            }
        }

        return MailboxAttributes.None;
    }

    /// <summary>The RFC spelling of a single attribute, e.g. "\Sent".</summary>
    public static string NameOf(MailboxAttributes single)
    {
        foreach (var (flag, name) in Names)
        {
            if (flag == single)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(single), single, "Not a single attribute.");
    }

    /// <summary>The single attributes set in <paramref name="attributes"/>, in declaration order.</summary>
    public static IEnumerable<MailboxAttributes> Split(MailboxAttributes attributes)
    {
        foreach (var (flag, _) in Names)
        {
            if ((attributes & flag) != 0)
            {
                yield return flag;
            }
        }
    }
}
