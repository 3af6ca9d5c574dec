using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// SETMETADATA (RFC 5464 §4.3): sets entries of a mailbox, or of the server for the mailbox ""; a NIL value removes
/// the entry. Values are binary-safe (see <see cref="MetadataSyntax.WriteValue"/>). A refusal with a METADATA code
/// becomes <see cref="MetadataException"/>.
/// </summary>
internal sealed class MetadataSetCommand(string mailbox, IReadOnlyList<MetadataEntry> entries) : PendingCommand<bool>
{
    public override string Name => "SETMETADATA";

    public override CommandTraits Traits => CommandTraits.None;

    protected override bool CompletesOnFailure => true;

    // setmetadata = "SETMETADATA" SP mailbox SP entry-values; entry-values = "(" entry-value *(SP entry-value) ")"
    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("SETMETADATA"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
        writer.WriteSpace();
        writer.BeginList();
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteSpace();
            }

            writer.WriteAstring(entries[i].Name);
            writer.WriteSpace();
            MetadataSyntax.WriteValue(writer, entries[i].Value);
        }

        writer.EndList();
    }

    protected override bool GetResult(TaggedResponse tagged) =>
        tagged.Status == ResponseStatus.Ok ? true : throw MetadataSyntax.ToException(Name, tagged);
}
