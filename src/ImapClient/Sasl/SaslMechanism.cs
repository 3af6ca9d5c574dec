namespace Imap.Sasl;

/// <summary>
/// The client side of one SASL mechanism (RFC 4422 §5), as a small state machine: an optional initial response, then
/// one response per server challenge, then a check of the outcome when the server says OK. A mechanism knows nothing
/// of IMAP: base64, "+" lines, rounds and size limits are the <c>AuthenticateCommand</c>'s job.
/// </summary>
/// <remarks>
/// Every method throws <see cref="ImapProtocolException"/> when the server's data is malformed or out of turn; the
/// command then cancels the exchange with "*" and the call fails with that exception.
/// </remarks>
internal abstract class SaslMechanism
{
    /// <summary>The registered mechanism name, e.g. "SCRAM-SHA-256".</summary>
    public abstract string Name { get; }

    /// <summary>Whether the client sends first (RFC 4422 §5 item 2a); only then is there an initial response.</summary>
    public abstract bool IsClientFirst { get; }

    /// <summary>The initial response of a client-first mechanism (raw bytes, not base64); asked for once.</summary>
    public virtual byte[] GetInitialResponse() =>
        throw new InvalidOperationException($"{Name} is not a client-first mechanism.");

    /// <summary>The response to one server challenge (raw bytes, already base64-decoded).</summary>
    /// <param name="challenge">The challenge's data.</param>
    /// <exception cref="ImapProtocolException">The challenge is malformed or comes when none is due.</exception>
    public abstract byte[] Respond(ReadOnlySpan<byte> challenge);

    /// <summary>
    /// Called when the server completed the exchange with OK. Mechanisms with mutual authentication (SCRAM) throw
    /// unless the server proved itself; the others throw if the exchange ended in a way that cannot be a success.
    /// </summary>
    /// <exception cref="ImapProtocolException">The OK cannot be trusted.</exception>
    public virtual void CheckSuccess()
    {
    }

    /// <summary>The exception for a challenge that came when the mechanism expected none.</summary>
    protected ImapProtocolException UnexpectedChallenge() =>
        new($"The server sent a challenge {Name} does not expect at this point.");
}
