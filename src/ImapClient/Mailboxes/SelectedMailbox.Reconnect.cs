using Imap.Commands;

namespace Imap;

/// <summary>A selection carried across a reconnect (docs/reconnect.md).</summary>
public sealed partial class SelectedMailbox
{
    /// <summary>How this mailbox was opened, so that a reconnect opens it the same way (read-only or not, CONDSTORE).</summary>
    internal SelectOptions? OpenedWith { get; init; }

    /// <summary>
    /// Binds this object to the same mailbox selected again on a new connection: the state is what the new SELECT
    /// reported, and commands through this object go on as before.
    /// </summary>
    internal void Rebind(SelectState state, bool isReadOnly)
    {
        lock (sync)
        {
            Apply(state, isReadOnly);
        }
    }

    /// <summary>Ends this object for good because UIDVALIDITY changed while the client was away.</summary>
    internal void InvalidateForUidValidity(uint newUidValidity) =>
        Selection.End(new UidValidityChangedException(Name, UidValidity ?? 0, newUidValidity));
}
