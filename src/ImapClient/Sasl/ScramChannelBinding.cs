namespace Imap.Sasl;

/// <summary>
/// What a SCRAM client says about channel binding in its GS2 header (RFC 5802 §6, §7 <c>gs2-cbind-flag</c>), and the
/// binding data when it binds.
/// </summary>
internal sealed class ScramChannelBinding
{
    private ScramChannelBinding(string flag, byte[]? data)
    {
        Flag = flag;
        Data = data;
    }

    /// <summary>"n": the client cannot bind (no TLS).</summary>
    public static ScramChannelBinding NotSupported { get; } = new("n", null);

    /// <summary>
    /// "y": the client could bind but believes the server cannot (it offered no -PLUS mechanism). A server that can
    /// bind fails such an exchange, which is what detects a man in the middle who stripped -PLUS from the capabilities.
    /// </summary>
    public static ScramChannelBinding NotOfferedByServer { get; } = new("y", null);

    /// <summary>"p=tls-server-end-point" or "n" / "y"; the first field of the GS2 header.</summary>
    public string Flag { get; }

    /// <summary>The channel binding data (RFC 5929 §4), only for the "p=" flag.</summary>
    public byte[]? Data { get; }

    /// <summary>Whether the client binds to the channel: the mechanism is then a -PLUS one.</summary>
    public bool IsBound => Data is not null;

    /// <summary>"p=tls-server-end-point" with the hash of the server's certificate (RFC 5929 §4).</summary>
    public static ScramChannelBinding TlsServerEndPoint(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ScramChannelBinding("p=tls-server-end-point", data);
    }
}
