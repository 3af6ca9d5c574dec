using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// How APPEND, MULTIAPPEND and CATENATE end: the UIDs of an OK's APPENDUID (RFC 4315), and for a refusal a typed
/// <see cref="ImapMessageTooLargeException"/> when the server says <c>[TOOBIG]</c>, else the usual
/// <see cref="ImapCommandException"/> (with <c>[BADURL]</c> in its code for a CATENATE URL the server cannot use).
/// </summary>
internal static class AppendOutcome
{
    public static AppendResult Result(TaggedResponse tagged) =>
        tagged.Code is { Kind: ResponseCodeKind.AppendUid, Number: > 0 and <= uint.MaxValue, DestinationSet: { IsBounded: true, IsEmpty: false } set } code
            ? new AppendResult((uint)code.Number, set)
            : new AppendResult(null, null);

    public static ImapCommandException Failure(TaggedResponse tagged, ImapStatus status, string command, string mailbox, long? size, long? limit) =>
        tagged.Code is { Kind: ResponseCodeKind.TooBig } code
            ? new ImapMessageTooLargeException(command, mailbox, size, limit, code, tagged.Text)
            : new ImapCommandException(command, status, tagged.Code, tagged.Text);
}
