using Imap.Protocol;

namespace Imap.Commands;

/// <summary>What every FETCH shares (RFC 9051 §6.4.5, §6.4.9; RFC 7162 §3.1.4): the set, the items, the modifiers.</summary>
internal static class FetchSyntax
{
    /// <summary>"UID FETCH set ".</summary>
    public static void WritePrefix(CommandWriter writer, UidSet uids)
    {
        MessageSetSyntax.WriteCommand(writer, "FETCH"u8, uids, null);
        writer.WriteSpace();
    }

    /// <summary>"FETCH set ".</summary>
    public static void WritePrefix(CommandWriter writer, SequenceSet numbers)
    {
        MessageSetSyntax.WriteCommand(writer, "FETCH"u8, null, numbers);
        writer.WriteSpace();
    }

    /// <summary>"(UID items... sections...)" and " (CHANGEDSINCE n)" or " (CHANGEDSINCE n VANISHED)" when asked.</summary>
    public static void WriteItems(CommandWriter writer, FetchRequest request)
    {
        var items = request.EffectiveItems;
        writer.WriteRaw("(UID"u8);
        WriteItem(writer, items, FetchItems.Flags, " FLAGS"u8);
        WriteItem(writer, items, FetchItems.InternalDate, " INTERNALDATE"u8);
        WriteItem(writer, items, FetchItems.Size, " RFC822.SIZE"u8);
        WriteItem(writer, items, FetchItems.Envelope, " ENVELOPE"u8);
        WriteItem(writer, items, FetchItems.BodyStructure, " BODYSTRUCTURE"u8);
        WriteItem(writer, items, FetchItems.ModSeq, " MODSEQ"u8);
        WriteItem(writer, items, FetchItems.ObjectIds, " EMAILID THREADID"u8);
        WriteItem(writer, items, FetchItems.Preview, " PREVIEW"u8);
        foreach (var section in request.Sections)
        {
            writer.WriteSpace();
            section.Write(writer, peek: !request.MarkSeen);
        }

        writer.WriteRaw(")"u8);
        if (request.ChangedSince is { } modSeq)
        {
            writer.WriteRaw(" (CHANGEDSINCE "u8);
            writer.WriteNumber(modSeq);
            writer.WriteRaw(request.IncludeVanished ? " VANISHED)"u8 : ")"u8);
        }
    }

    private static void WriteItem(CommandWriter writer, FetchItems items, FetchItems item, ReadOnlySpan<byte> text)
    {
        if ((items & item) != 0)
        {
            writer.WriteRaw(text);
        }
    }
}
