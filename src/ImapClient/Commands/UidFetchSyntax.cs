using Imap.Protocol;

namespace Imap.Commands;

/// <summary>The start every UID FETCH shares: "UID FETCH set (UID" (RFC 9051 §6.4.9); the caller adds its items.</summary>
internal static class UidFetchSyntax
{
    public static void WritePrefix(CommandWriter writer, UidSet uids)
    {
        writer.WriteAtom("UID"u8);
        writer.WriteSpace();
        writer.WriteAtom("FETCH"u8);
        writer.WriteSpace();
        writer.WriteSet(uids);
        writer.WriteSpace();
        writer.WriteRaw("(UID"u8);
    }
}
