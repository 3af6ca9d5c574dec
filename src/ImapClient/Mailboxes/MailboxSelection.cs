namespace Imap;

/// <summary>
/// One selection of a mailbox, as the commands for it see it (docs/design.md, "Layers"): whether it is still the
/// selected one, and the message count that sequence numbers are checked against. The public
/// <see cref="SelectedMailbox"/> owns one and hands it to its commands, so that the internal layer never holds the
/// public object.
/// </summary>
internal sealed class MailboxSelection
{
    private readonly Func<uint> count;
    private volatile bool current = true;
    private volatile InvalidOperationException? endedBy;

    /// <summary>A selection of <paramref name="name"/>, current until <see cref="End()"/>; <paramref name="count"/> reads its live message count.</summary>
    public MailboxSelection(string name, Func<uint> count)
    {
        Name = name;
        this.count = count;
    }

    /// <summary>The mailbox's name.</summary>
    public string Name { get; }

    /// <summary>Whether this is still the selected mailbox.</summary>
    public bool IsCurrent => current;

    /// <summary>The number of messages, as the server has told so far.</summary>
    public uint Count => count();

    /// <summary>Another mailbox was selected, or this one closed or unselected.</summary>
    public void End() => current = false;

    /// <summary>Ends this selection for a reason its commands then fail with (UIDVALIDITY changed across a reconnect).</summary>
    public void End(InvalidOperationException reason)
    {
        endedBy = reason;
        current = false;
    }

    /// <summary>Null while this is the selected mailbox; otherwise the exception a command for it fails with.</summary>
    public InvalidOperationException? CheckStillSelected() =>
        current ? null : endedBy ?? new InvalidOperationException($"'{Name}' is no longer the selected mailbox.");

    /// <summary>
    /// For CLOSE, UNSELECT and its EXAMINE fallback as they go on the wire: leaves this mailbox (through
    /// <paramref name="deselect"/>) when it is still the selected one, else returns the error the command fails with.
    /// </summary>
    public InvalidOperationException? Leave(Action deselect)
    {
        if (CheckStillSelected() is { } error)
        {
            return error;
        }

        deselect();
        return null;
    }
}
