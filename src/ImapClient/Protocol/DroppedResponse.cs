using System.Buffers;
using System.Text;
using Imap.Protocol.Responses;

namespace Imap.Protocol;

/// <summary>
/// An untagged response thrown away: unread because it exceeded a limit, or unreadable because it broke the grammar.
/// What little is known of it (its name, its message number, the UID of a FETCH when it came before the bad part)
/// serves to find the command it may belong to, and the limit or the parse error to make that command's exception
/// (<see cref="ImapLimitExceededException"/> or <see cref="ImapProtocolException"/>).
/// </summary>
/// <param name="Name">The response's name in upper case (FETCH, LIST, ESEARCH ...), or empty when unknown.</param>
/// <param name="Number">The message number before a FETCH, EXPUNGE or EXISTS.</param>
/// <param name="Uid">The UID of a FETCH, when it was read before the bad part.</param>
/// <param name="LimitName">The <see cref="ImapLimits"/> property exceeded; null when the response was malformed.</param>
/// <param name="Limit">Its value.</param>
/// <param name="Reason">What was wrong, for the message.</param>
internal sealed record DroppedResponse(string Name, uint? Number, uint? Uid, string? LimitName, long Limit, string Reason)
{
    /// <summary>An untagged response that did not parse.</summary>
    public static DroppedResponse Unreadable(ReadOnlySequence<byte> frame, string reason) =>
        From(frame, fetch: null, limitName: null, limit: 0, reason);

    /// <summary>
    /// Reads what is known from the response's first bytes (up to the oversized literal), or from the FETCH items
    /// parsed before it when <paramref name="fetch"/> is given.
    /// </summary>
    public static DroppedResponse From(ReadOnlySequence<byte> head, FetchResponse? fetch, string? limitName, long limit, string reason)
    {
        if (fetch is not null)
        {
            return new DroppedResponse("FETCH", fetch.SequenceNumber, fetch.Uid, limitName, limit, reason);
        }

        // "*" SP [number SP] name: enough to tell LIST from FETCH from STATUS.
        var reader = new SequenceReader<byte>(head);
        uint? number = null;
        if (!reader.IsNext("* "u8, advancePast: true))
        {
            return new DroppedResponse(string.Empty, null, null, limitName, limit, reason);
        }

        if (reader.TryReadTo(out ReadOnlySequence<byte> first, (byte)' ') && first.Length is > 0 and < 11
            && uint.TryParse(Encoding.ASCII.GetString(first), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint parsed))
        {
            number = parsed;
        }
        else
        {
            reader = new SequenceReader<byte>(head);
            reader.Advance(2);
        }

        var name = new StringBuilder();
        while (name.Length < 32 && reader.TryRead(out byte b) && (char)b is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.')
        {
            name.Append(char.ToUpperInvariant((char)b));
        }

        return new DroppedResponse(name.ToString(), number, null, limitName, limit, reason);
    }

    /// <summary>The failure for <paramref name="command"/>, which completed OK without this response.</summary>
    public ImapException ToException(string command)
    {
        string which = Uid is { } uid ? $" for UID {uid}" : Number is { } n ? $" for message {n}" : string.Empty;
        string response = Name.Length == 0 ? "response" : Name + " response";
        if (LimitName is null)
        {
            return new ImapProtocolException(
                $"{command} completed, but a {response}{which} could not be read ({Reason}) and was skipped. Its result " +
                "would be incomplete. The connection is still usable.");
        }

        return new ImapLimitExceededException(
            $"{command} completed, but a {response}{which} was thrown away unread: " +
            $"{Reason}. Its result would be incomplete. Raise ImapLimits.{LimitName} to receive such data.",
            LimitName,
            Limit);
    }
}
