using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// GETMETADATA (RFC 5464 §4.2): entries of a mailbox, or of the server for the mailbox "". METADATA responses are
/// recognised by mailbox name and collected as an exclusive kind. A value larger than the MAXSIZE asked for breaks
/// RFC 5464 §4.2.1 and fails the command with <see cref="ImapProtocolException"/>.
/// </summary>
internal sealed class MetadataGetCommand(string mailbox, IReadOnlyList<string> entries, MetadataOptions options)
    : PendingCommand<MetadataResult>
{
    /// <summary>The name as the writer put it on the wire (what the server echoes); set when the command is built.</summary>
    private byte[] wireName = [];
    private readonly List<MetadataEntry> found = [];
    private string? violation;

    public override string Name => "GETMETADATA";

    public override CommandTraits Traits => CommandTraits.None;

    public override UntaggedKinds Collects => UntaggedKinds.Metadata;

    protected override bool CompletesOnFailure => true;

    // getmetadata = "GETMETADATA" [SP getmetadata-options] SP mailbox SP entries
    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("GETMETADATA"u8);
        if (options.MaxSize is not null || options.Depth != MetadataDepth.Zero)
        {
            writer.WriteSpace();
            writer.BeginList();
            if (options.MaxSize is { } max)
            {
                writer.WriteAtom("MAXSIZE"u8);
                writer.WriteSpace();
                writer.WriteNumber((ulong)max);
            }

            if (options.Depth != MetadataDepth.Zero)
            {
                if (options.MaxSize is not null)
                {
                    writer.WriteSpace();
                }

                writer.WriteAtom("DEPTH"u8);
                writer.WriteSpace();
                writer.WriteAtom(options.Depth == MetadataDepth.One ? "1"u8 : "infinity"u8);
            }

            writer.EndList();
        }

        writer.WriteSpace();
        wireName = writer.WriteMailboxReportingWire(mailbox);
        writer.WriteSpace();
        if (entries.Count == 1)
        {
            writer.WriteAstring(entries[0]);
            return;
        }

        writer.BeginList();
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteSpace();
            }

            writer.WriteAstring(entries[i]);
        }

        writer.EndList();
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not MetadataResponse metadata || !MetadataSyntax.SameMailbox(metadata.Mailbox.Wire, wireName))
        {
            return false;
        }

        foreach (var (name, value) in metadata.Entries)
        {
            if (value is not null && options.MaxSize is { } max && value.Length > max)
            {
                violation ??= $"The server returned metadata entry {name} of {value.Length} octets, more than the MAXSIZE {max} asked for (RFC 5464 §4.2.1).";
                continue;
            }

            found.Add(new MetadataEntry(name, value));
        }

        return true;
    }

    protected override MetadataResult GetResult(TaggedResponse tagged)
    {
        if (tagged.Status != ResponseStatus.Ok)
        {
            throw MetadataSyntax.ToException(Name, tagged);
        }

        if (violation is not null)
        {
            throw new ImapProtocolException(violation);
        }

        return new MetadataResult(mailbox, [.. found], MetadataSyntax.LongEntries(tagged.Code));
    }
}
