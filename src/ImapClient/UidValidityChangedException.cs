namespace Imap;

/// <summary>
/// A <see cref="SelectedMailbox"/> from before a reconnect was used although the mailbox's UIDVALIDITY changed while
/// the client was away: its UIDs and sequence numbers mean nothing any more. Use <see cref="ImapClient.Selected"/> (the
/// mailbox as selected again) and start the local copy over. Derives from <see cref="InvalidOperationException"/>,
/// which any other use of a mailbox that is no longer selected throws.
/// </summary>
public sealed class UidValidityChangedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="mailbox">The mailbox's name.</param>
    /// <param name="oldUidValidity">UIDVALIDITY before the drop.</param>
    /// <param name="newUidValidity">UIDVALIDITY after the reconnect.</param>
    public UidValidityChangedException(string mailbox, uint oldUidValidity, uint newUidValidity)
        : base($"'{mailbox}' was selected again after a reconnect, but its UIDVALIDITY changed from {oldUidValidity} to {newUidValidity} " +
            "while the client was away: this object's UIDs are void. Use ImapClient.Selected and start the local copy over.")
    {
        Mailbox = mailbox;
        OldUidValidity = oldUidValidity;
        NewUidValidity = newUidValidity;
    }

    /// <summary>The mailbox's name.</summary>
    public string Mailbox { get; }

    /// <summary>UIDVALIDITY before the drop.</summary>
    public uint OldUidValidity { get; }

    /// <summary>UIDVALIDITY after the reconnect.</summary>
    public uint NewUidValidity { get; }
}
