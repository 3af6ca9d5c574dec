using System.Text;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// AUTHENTICATE PLAIN (RFC 9051 §6.2.2, RFC 4616), with the initial response inline when the server offers SASL-IR
/// (RFC 4959), otherwise sent after the server's empty challenge.
/// </summary>
internal sealed class AuthenticatePlainCommand : PendingCommand<bool>
{
    private readonly byte[] initialResponse;
    private readonly bool inline;
    private bool sent;

    public AuthenticatePlainCommand(string user, string password, bool saslInitialResponse)
    {
        if (user.Contains('\0', StringComparison.Ordinal) || password.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A user name or password for PLAIN cannot contain NUL.", nameof(user));
        }

        // authzid NUL authcid NUL passwd, base64 (RFC 4616 §2)
        initialResponse = Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + user + "\0" + password)));
        inline = saslInitialResponse;
        sent = inline;
    }

    public override string Name => "AUTHENTICATE";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool ExpectsChallenges => !inline;

    public override bool RedactsExchange => true;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("AUTHENTICATE"u8);
        writer.WriteSpace();
        writer.WriteAtom("PLAIN"u8);
        if (inline)
        {
            writer.WriteSpace();
            writer.BeginSecret();
            writer.WriteAtom(initialResponse.Length == 0 ? "="u8 : initialResponse);
            writer.EndSecret();
        }
    }

    public override byte[]? OnChallenge(ContinuationResponse challenge)
    {
        if (sent)
        {
            // A second challenge for PLAIN: answer "*" to cancel the exchange (RFC 9051 §6.2.2); the server then
            // completes the command with BAD.
            return "*\r\n"u8.ToArray();
        }

        sent = true;
        return [.. initialResponse, (byte)'\r', (byte)'\n'];
    }

    /// <summary>Whether the OK carried the new capabilities (most servers send them there, RFC 9051 §6.2.3).</summary>
    protected override bool GetResult(TaggedResponse tagged) => tagged.Code?.Kind == ResponseCodeKind.Capability;
}
