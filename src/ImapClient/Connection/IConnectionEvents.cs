using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Connection;

/// <summary>
/// What a connection tells the client that owns it: given once, to <see cref="ImapConnection.Start"/>, so that nothing
/// read by the reader loop can arrive before someone listens.
/// </summary>
internal interface IConnectionEvents : IDispatchEvents
{
    /// <summary>
    /// Every response, tagged or untagged, before it is attributed to a command, after <see cref="SessionState"/> has
    /// taken what it carries. Runs on the reader loop.
    /// </summary>
    void OnObserved(ImapResponse response);

    /// <summary>A malformed response was skipped while the framing held (docs/errors.md). Runs on the reader loop.</summary>
    void OnMalformed(ParseError error);
}
