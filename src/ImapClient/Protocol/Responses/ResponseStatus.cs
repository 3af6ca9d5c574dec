namespace Imap.Protocol.Responses;

/// <summary>The condition of a status response (RFC 9051 §7.1).</summary>
internal enum ResponseStatus
{
    /// <summary>OK.</summary>
    Ok,

    /// <summary>NO: the command failed.</summary>
    No,

    /// <summary>BAD: the command was not understood, or a protocol-level error.</summary>
    Bad,

    /// <summary>PREAUTH: greeting of an already authenticated connection.</summary>
    PreAuth,

    /// <summary>BYE: the server is closing the connection.</summary>
    Bye,
}
