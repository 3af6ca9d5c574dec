using Imap.Connection;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap;

public sealed partial class ImapClient
{
    /// <summary>What one of this client's connections reports, tied to that connection: after a reconnect, whatever
    /// the old connection still reports is known to be about the old one.</summary>
    private sealed class ConnectionEvents(ImapClient client, ImapConnection connection) : IConnectionEvents
    {
        public void OnObserved(ImapResponse response) => client.Observe(response);

        public void OnUnsolicited(ImapResponse response) => client.OnUnsolicited(connection, response);

        public void OnMalformed(ParseError error) => client.Publish(new MalformedResponseSkipped(error.Message));

        public void OnFaulted(Exception error)
        {
            // Event readers end when the connection does, instead of waiting forever (unless the client reconnects).
            if (!client.OnConnectionFaulted(connection, error))
            {
                client.events.TryComplete();
            }
        }
    }
}
