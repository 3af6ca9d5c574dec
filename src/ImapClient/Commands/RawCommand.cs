using System.Buffers;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// An <see cref="ImapCommand"/> built by the caller. It collects the untagged responses it names; collecting names
/// that other commands are matched by (FETCH, STATUS, ESEARCH, EXISTS ...) makes it a barrier, so it can never take
/// another command's data.
/// </summary>
internal sealed class RawCommand(ImapCommand command) : PendingCommand<ImapResult>
{
    private static readonly HashSet<string> Correlated = new(StringComparer.OrdinalIgnoreCase)
    {
        "FETCH", "STATUS", "ESEARCH", "EXISTS", "EXPUNGE", "RECENT", "VANISHED", "FLAGS", "OK", "NO", "BAD", "BYE", "CAPABILITY",
    };

    private readonly List<ImapUntaggedResponse> collected = [];

    public override string Name => command.Name;

    public override CommandTraits Traits =>
        command.CollectedResponses.Any(Correlated.Contains) ? command.Traits | CommandTraits.Barrier : command.Traits;

    public override UntaggedKinds Collects => command.CollectedResponses.Count > 0 ? UntaggedKinds.Other : UntaggedKinds.None;

    protected override bool CompletesOnFailure => true;

    /// <summary>A response thrown away for a limit is this command's when it collects that name.</summary>
    public override bool MayOwn(DroppedResponse dropped) => command.CollectedResponses.Contains(dropped.Name);

    public override void Write(CommandWriter writer)
    {
        foreach (var part in command.Parts)
        {
            part(writer);
        }
    }

    public override bool TryClaim(ImapResponse response, ReadOnlySequence<byte> frame)
    {
        if (command.CollectedResponses.Count == 0)
        {
            return false;
        }

        var (name, number) = ResponseNames.Of(response);
        if (!command.CollectedResponses.Contains(name))
        {
            return false;
        }

        // The frame without "* " and CRLF; a FETCH whose body was streamed has no whole frame to keep.
        byte[] raw = frame.Length >= 4 ? frame.Slice(2, frame.Length - 4).ToArray() : [];
        collected.Add(new ImapUntaggedResponse(name, number, raw));
        return true;
    }

    protected override ImapResult GetResult(TaggedResponse tagged) =>
        new(ToStatus(tagged.Status), tagged.Code?.Name, tagged.Text, collected);
}
