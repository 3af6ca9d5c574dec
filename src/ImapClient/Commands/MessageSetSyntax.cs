using Imap.Protocol;

namespace Imap.Commands;

/// <summary>
/// The start every command on a message set shares: <c>UID NAME set</c> for UIDs, <c>NAME set</c> for sequence
/// numbers (RFC 9051 §6.4.9). Exactly one of the sets is given.
/// </summary>
internal static class MessageSetSyntax
{
    public static void WriteCommand(CommandWriter writer, ReadOnlySpan<byte> name, UidSet? uids, SequenceSet? numbers)
    {
        if (uids is not null)
        {
            writer.WriteAtom("UID"u8);
            writer.WriteSpace();
        }

        writer.WriteAtom(name);
        writer.WriteSpace();
        if (uids is not null)
        {
            writer.WriteSet(uids);
        }
        else
        {
            writer.WriteSet(numbers!);
        }
    }
}
