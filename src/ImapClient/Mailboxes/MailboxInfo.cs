namespace Imap;

/// <summary>
/// One mailbox from LIST or LSUB (RFC 9051 §7.3.1, RFC 3501 §7.2.3): its name, hierarchy delimiter and attributes, with
/// the LIST-EXTENDED data (RFC 5258 CHILDINFO, RFC 9051 OLDNAME) and the STATUS data (RFC 5819) when asked for.
/// Immutable.
/// </summary>
public sealed class MailboxInfo
{
    internal MailboxInfo(string name, char? delimiter, IReadOnlyList<string> rawAttributes)
        : this(name, delimiter, rawAttributes, [], null, null)
    {
    }

    internal MailboxInfo(string name, char? delimiter, IReadOnlyList<string> rawAttributes, IReadOnlyList<string> childInfo, string? oldName, MailboxStatus? status)
    {
        Name = name;
        Delimiter = delimiter;
        RawAttributes = rawAttributes;
        Attributes = MailboxAttributeNames.Parse(rawAttributes);
        ChildInfo = childInfo;
        OldName = oldName;
        Status = status;
    }

    /// <summary>The name, decoded (modified UTF-7 or UTF-8); pass it back as is to select it.</summary>
    public string Name { get; }

    /// <summary>The hierarchy delimiter, or null for a flat name.</summary>
    public char? Delimiter { get; }

    /// <summary>
    /// The standard attributes and special uses, matched ignoring case, with the implications of RFC 5258 applied
    /// (\NonExistent implies \Noselect, \Noinferiors implies \HasNoChildren).
    /// </summary>
    public MailboxAttributes Attributes { get; }

    /// <summary>
    /// The attributes as the server sent them (\Noselect, \HasChildren, \Sent, extensions ...), plus \Subscribed when the
    /// client learnt it from LSUB because the server has no LIST-EXTENDED; from LSUB, without the \Noselect that marks an
    /// unsubscribed parent of subscribed names there (RFC 3501 §6.3.9).
    /// </summary>
    public IReadOnlyList<string> RawAttributes { get; }

    /// <summary>Whether the mailbox can be selected (neither \Noselect nor \NonExistent).</summary>
    public bool IsSelectable => (Attributes & (MailboxAttributes.NoSelect | MailboxAttributes.NonExistent)) == 0;

    /// <summary>Whether the name is subscribed (\Subscribed); known only when subscriptions were asked for.</summary>
    public bool IsSubscribed => (Attributes & MailboxAttributes.Subscribed) != 0;

    /// <summary>The special uses (RFC 6154) among <see cref="Attributes"/>, or <see cref="MailboxAttributes.None"/>.</summary>
    public MailboxAttributes SpecialUses => Attributes & MailboxAttributeNames.SpecialUses;

    /// <summary>The first special use (RFC 6154) in its RFC spelling, such as "\Sent" or "\Trash", or null.</summary>
    public string? SpecialUse => MailboxAttributeNames.Split(SpecialUses).Select(MailboxAttributeNames.NameOf).FirstOrDefault();

    /// <summary>
    /// CHILDINFO (RFC 5258 §3.5): why a parent was reported under RECURSIVEMATCH, e.g. "SUBSCRIBED" when it has
    /// subscribed children; also "SUBSCRIBED" for an unsubscribed parent that LSUB reported (RFC 3501 §6.3.9); empty
    /// otherwise.
    /// </summary>
    public IReadOnlyList<string> ChildInfo { get; }

    /// <summary>OLDNAME (RFC 9051 §7.3.1, RFC 5465): the name the mailbox had before it was renamed, or null.</summary>
    public string? OldName { get; }

    /// <summary>The STATUS data, when <see cref="MailboxListOptions.Status"/> asked for it and the server gave it.</summary>
    public MailboxStatus? Status { get; }

    /// <summary>
    /// The name of the parent in the hierarchy: <see cref="Name"/> up to its last delimiter; null for a top-level or
    /// flat name.
    /// </summary>
    public string? Parent
    {
        get
        {
            int last = LastDelimiter();
            return last > 0 ? Name[..last] : null;
        }
    }

    /// <summary>
    /// The last level of the name: <see cref="Name"/> after its last delimiter (all of it when there is none), without
    /// a trailing delimiter.
    /// </summary>
    public string LeafName
    {
        get
        {
            int last = LastDelimiter();
            int end = Delimiter is { } d && Name.Length > 1 && Name[^1] == d ? Name.Length - 1 : Name.Length;
            return Name[(last + 1)..end];
        }
    }

    /// <summary>Whether the mailbox has this attribute as sent, ignoring case (Cyrus sends special uses in lower case).</summary>
    /// <param name="attribute">e.g. "\HasChildren", or an extension attribute.</param>
    public bool HasAttribute(string attribute) => RawAttributes.Contains(attribute, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The same mailbox with STATUS data.</summary>
    internal MailboxInfo WithStatus(MailboxStatus? status) => new(Name, Delimiter, RawAttributes, ChildInfo, OldName, status);

    /// <summary>The same mailbox marked \Subscribed (learnt from LSUB).</summary>
    internal MailboxInfo WithSubscribed() =>
        IsSubscribed ? this : new(Name, Delimiter, [.. RawAttributes, "\\Subscribed"], ChildInfo, OldName, Status);

    private int LastDelimiter()
    {
        if (Delimiter is not { } delimiter || Name.Length == 0)
        {
            return -1;
        }

        // A trailing delimiter names the level itself (RFC 9051 §6.3.4), not an empty child.
        int end = Name[^1] == delimiter ? Name.Length - 2 : Name.Length - 1;
        return end < 0 ? -1 : Name.LastIndexOf(delimiter, end);
    }
}
