using System.Text;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;
using Imap.Sasl;

namespace Imap.Commands;

/// <summary>
/// AUTHENTICATE (RFC 9051 §6.2.2) driving any <see cref="SaslMechanism"/>: the initial response inline when the
/// server offers SASL-IR (RFC 4959; an empty one is "="), otherwise after the server's empty first challenge; then one
/// base64 line per "+" challenge. Server data that is malformed, too large, out of turn or past the round limit
/// cancels the exchange with "*", and the command then fails with that <see cref="ImapProtocolException"/>
/// whatever the server answers.
/// </summary>
internal sealed class AuthenticateCommand : PendingCommand<bool>
{
    private static readonly byte[] CancelLine = "*\r\n"u8.ToArray();

    private readonly SaslMechanism mechanism;
    private readonly byte[]? inlineResponse;
    private readonly int maxRounds;
    private readonly int maxChallengeSize;
    private bool initialResponsePending;
    private int rounds;
    private ImapProtocolException? failure;

    /// <summary>Creates the command.</summary>
    /// <param name="mechanism">The mechanism, fresh.</param>
    /// <param name="saslInitialResponse">Whether the server offers SASL-IR.</param>
    /// <param name="limits">The round and challenge-size limits.</param>
    public AuthenticateCommand(SaslMechanism mechanism, bool saslInitialResponse, ImapLimits limits)
    {
        this.mechanism = mechanism;
        maxRounds = limits.MaxSaslRounds;
        maxChallengeSize = limits.MaxSaslChallengeSize;
        if (mechanism.IsClientFirst)
        {
            if (saslInitialResponse)
            {
                inlineResponse = mechanism.GetInitialResponse();
            }
            else
            {
                initialResponsePending = true;
            }
        }
    }

    public override string Name => "AUTHENTICATE " + mechanism.Name;

    public override CommandTraits Traits => CommandTraits.Barrier;

    /// <summary>Always: even after an inline response the server may challenge (SCRAM, or a token error).</summary>
    public override bool ExpectsChallenges => true;

    public override bool RedactsExchange => true;

    /// <summary>
    /// Set when the server completed with OK but the mechanism could not trust it (no valid SCRAM server signature,
    /// or an exchange the client had cancelled). The session must then be dropped, not used.
    /// </summary>
    public bool AcceptedUnverified { get; private set; }

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("AUTHENTICATE"u8);
        writer.WriteSpace();
        writer.WriteAtom(Encoding.ASCII.GetBytes(mechanism.Name));
        if (inlineResponse is not null)
        {
            writer.WriteSpace();
            writer.BeginSecret();
            writer.WriteAtom(inlineResponse.Length == 0 ? "="u8 : SaslBase64.Encode(inlineResponse));
            writer.EndSecret();
        }
    }

    public override byte[]? OnChallenge(ContinuationResponse challenge)
    {
        if (failure is not null)
        {
            // The server challenged again after "*": it must answer BAD (RFC 9051 §6.2.2). A protocol error.
            return null;
        }

        try
        {
            if (++rounds > maxRounds)
            {
                throw new ImapProtocolException($"The server sent more than {maxRounds} SASL challenges (ImapLimits.MaxSaslRounds).");
            }

            byte[] data = SaslBase64.DecodeChallenge(challenge.Text, maxChallengeSize);
            byte[] response;
            if (initialResponsePending)
            {
                // Without SASL-IR the server opens a client-first mechanism with an empty challenge (RFC 4422 §4).
                if (data.Length != 0)
                {
                    throw new ImapProtocolException($"The server's first {mechanism.Name} challenge should be empty.");
                }

                initialResponsePending = false;
                response = mechanism.GetInitialResponse();
            }
            else
            {
                response = mechanism.Respond(data);
            }

            return [.. SaslBase64.Encode(response), (byte)'\r', (byte)'\n'];
        }
        catch (ImapProtocolException e)
        {
            failure = e;
            return CancelLine;
        }
    }

    /// <summary>Every status comes here, so that a cancelled exchange reports why, not just the server's BAD.</summary>
    protected override bool CompletesOnFailure => true;

    /// <summary>Whether the OK carried the new capabilities (most servers send them there, RFC 9051 §6.2.3).</summary>
    protected override bool GetResult(TaggedResponse tagged)
    {
        if (tagged.Status != ResponseStatus.Ok)
        {
            throw (ImapException?)failure ?? new ImapCommandException(Name, ToStatus(tagged.Status), tagged.Code, tagged.Text);
        }

        try
        {
            if (failure is not null)
            {
                throw new ImapProtocolException($"The server said OK to {mechanism.Name} after the client cancelled the exchange: {failure.Message}", failure);
            }

            if (initialResponsePending)
            {
                throw new ImapProtocolException($"The server said OK to {mechanism.Name} before the client sent its credentials.");
            }

            mechanism.CheckSuccess();
        }
        catch (ImapProtocolException)
        {
            AcceptedUnverified = true;
            throw;
        }

        return tagged.Code?.Kind == ResponseCodeKind.Capability;
    }
}
