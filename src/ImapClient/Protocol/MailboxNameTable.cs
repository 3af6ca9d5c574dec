using System.Collections.Concurrent;

namespace Imap.Protocol;

/// <summary>
/// The wire bytes of mailbox names that do not survive a round trip through their decoded form: names that are not
/// valid modified UTF-7 (a server sending raw UTF-8 or Latin-1 without UTF8=ACCEPT), or not valid UTF-8 once UTF-8 is
/// in force. Such a name, passed back as the library gave it, is sent as the server's own bytes, so it names the same
/// mailbox. One table per connection, filled by the parser and read by the command writer; bounded, so a server
/// cannot grow it without limit (past the bound, further odd names are re-encoded as usual). Nothing is allocated
/// until the first such name arrives: most servers never send one.
/// </summary>
internal sealed class MailboxNameTable
{
    /// <summary>Most names kept.</summary>
    public const int Capacity = 4096;

    private ConcurrentDictionary<string, byte[]>? wire;

    /// <summary>Remembers that <paramref name="name"/> stands for <paramref name="bytes"/> on the wire.</summary>
    public void Remember(string name, byte[] bytes)
    {
        var names = Volatile.Read(ref wire);
        if (names is null)
        {
            Interlocked.CompareExchange(ref wire, new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal), null);
            names = wire;
        }

        if (names.Count < Capacity)
        {
            names[name] = bytes;
        }
    }

    /// <summary>The server's bytes for a name it sent that does not round-trip, if there is one.</summary>
    public bool TryGetWire(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? bytes)
    {
        if (Volatile.Read(ref wire) is { } names)
        {
            return names.TryGetValue(name, out bytes);
        }

        bytes = null;
        return false;
    }
}
