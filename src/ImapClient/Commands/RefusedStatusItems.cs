namespace Imap.Commands;

/// <summary>
/// The STATUS items one connection's server refuses although it advertises them: Cyrus 3.6 offers APPENDLIMIT
/// (RFC 7889) yet answers BAD to it in STATUS and in <c>LIST ... RETURN (STATUS ...)</c>. A command with such an item
/// that gets BAD is tried once more without it; when that succeeds the item is remembered, left out of later
/// commands up front, and reported as unknown (null). Thread-safe: pipelined STATUS commands learn it together.
/// </summary>
internal sealed class RefusedStatusItems
{
    /// <summary>The items a server may refuse while advertising them; any other item in a BAD fails the call.</summary>
    public const StatusItems Retriable = StatusItems.AppendLimit;

    private int refused;

    /// <summary>The items known to be refused on this connection.</summary>
    public StatusItems Known => (StatusItems)Volatile.Read(ref refused);

    /// <summary>The items still worth asking for.</summary>
    public StatusItems Filter(StatusItems items) => items & ~Known;

    /// <summary>The items to leave out of a retry after <paramref name="error"/>, or none when a retry is pointless.</summary>
    public static StatusItems ToDropAfter(ImapCommandException error, StatusItems asked) =>
        error.Status == ImapStatus.Bad ? asked & Retriable : StatusItems.None;

    /// <summary>Remembers that the server refuses <paramref name="items"/>.</summary>
    public void Remember(StatusItems items) => Interlocked.Or(ref refused, (int)items);
}
