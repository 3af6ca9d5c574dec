using System.Net.Security;
using Imap.Sasl;

namespace Imap.Connection;

/// <summary>The TLS channel binding that SCRAM -PLUS mechanisms bind to.</summary>
internal sealed partial class ImapConnection
{
    /// <summary>
    /// The tls-server-end-point channel binding data of this connection (RFC 5929 §4), or null when it is not TLS or
    /// the platform and certificate give none.
    /// </summary>
    public byte[]? GetTlsServerEndPoint() => stream is SslStream tls ? TlsServerEndPoint.From(tls) : null;
}
