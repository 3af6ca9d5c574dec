using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Imap.Protocol;

namespace Imap.Sasl;

/// <summary>
/// SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677), and their -PLUS variants with tls-server-end-point channel
/// binding (RFC 5929). The client proves it knows the password without sending it, and the server proves it knows it
/// too: an OK without a verified server signature is refused (<see cref="CheckSuccess"/>).
/// </summary>
/// <remarks>
/// Exchange: client-first (initial response) → server-first (nonce, salt, iteration count) → client-final (channel
/// binding, nonce, proof) → server-final (verifier or error) → empty response → OK. Every attribute the server sends
/// is checked against the RFC 5802 §7 grammar before it is used.
/// </remarks>
internal sealed class ScramMechanism : SaslMechanism
{
    private readonly ScramHash hash;
    private readonly string user;
    private readonly byte[] password;
    private readonly string clientNonce;
    private readonly ScramChannelBinding binding;
    private readonly int maxIterations;
    private byte[] clientFirstBare = [];
    private byte[]? expectedServerSignature;
    private State state;

    /// <summary>Creates the mechanism with a fresh client nonce from the system's CSPRNG.</summary>
    /// <param name="hash">SHA-1 or SHA-256.</param>
    /// <param name="user">The user name (escaped as a saslname, not prepared).</param>
    /// <param name="password">The password (prepared with SASLprep here, so that a bad one fails before sending).</param>
    /// <param name="binding">The GS2 channel-binding flag, and the binding data for -PLUS.</param>
    /// <param name="maxIterations">The largest iteration count accepted (<see cref="ImapLimits.MaxScramIterations"/>).</param>
    public ScramMechanism(ScramHash hash, string user, string password, ScramChannelBinding binding, int maxIterations)
        : this(hash, user, password, binding, maxIterations, NewNonce())
    {
    }

    /// <summary>Creates the mechanism with a given client nonce (the RFC examples fix it).</summary>
    internal ScramMechanism(ScramHash hash, string user, string password, ScramChannelBinding binding, int maxIterations, string clientNonce)
    {
        CredentialText.RequireNoNul(user, nameof(user));
        CredentialText.RequireNoNul(password, nameof(password));
        ArgumentNullException.ThrowIfNull(binding);
        if (clientNonce.Length == 0 || !IsPrintable(clientNonce))
        {
            throw new ArgumentException("A SCRAM nonce is printable ASCII without ','.", nameof(clientNonce));
        }

        this.hash = hash;
        this.user = SaslName.Escape(user);
        this.password = Encoding.UTF8.GetBytes(SaslPrep.Prepare(password, nameof(password)));
        this.binding = binding;
        this.maxIterations = maxIterations;
        this.clientNonce = clientNonce;
    }

    private enum State
    {
        Initial,
        SentClientFirst,
        SentClientFinal,
        Verified,
        ServerError,
    }

    public override string Name => binding.IsBound ? hash.MechanismName() + "-PLUS" : hash.MechanismName();

    public override bool IsClientFirst => true;

    /// <summary>The server's <c>e=</c> error (RFC 5802 §7 server-error-value), when it sent one.</summary>
    public string? ServerError { get; private set; }

    /// <summary><c>gs2-header client-first-message-bare</c>, where the bare part is <c>n=user,r=nonce</c>.</summary>
    public override byte[] GetInitialResponse()
    {
        if (state != State.Initial)
        {
            throw new InvalidOperationException("The initial response was already sent.");
        }

        clientFirstBare = Encoding.UTF8.GetBytes("n=" + user + ",r=" + clientNonce);
        state = State.SentClientFirst;
        return [.. Gs2Header(), .. clientFirstBare];
    }

    public override byte[] Respond(ReadOnlySpan<byte> challenge) => state switch
    {
        State.SentClientFirst => OnServerFirst(challenge),
        State.SentClientFinal => OnServerFinal(challenge),
        _ => throw UnexpectedChallenge(),
    };

    public override void CheckSuccess()
    {
        switch (state)
        {
            case State.Verified:
                return;
            case State.ServerError:
                throw new ImapProtocolException($"The server said OK to {Name} after it reported the error '{ServerError}'.");
            default:
                throw new ImapProtocolException($"The server said OK to {Name} without proving that it knows the password (no server signature was verified).");
        }
    }

    private static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>printable = %x21-2B / %x2D-7E (RFC 5802 §7): visible ASCII except ','.</summary>
    private static bool IsPrintable(ReadOnlySpan<char> value) =>
        !AsciiRanges.HasNonVisible(value) && !value.Contains(',');

    private byte[] Gs2Header() => Encoding.ASCII.GetBytes(binding.Flag + ",,");

    /// <summary>
    /// server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions]; answered with
    /// client-final-message = channel-binding "," nonce ["," extensions] "," proof.
    /// </summary>
    private byte[] OnServerFirst(ReadOnlySpan<byte> message)
    {
        var attributes = ScramAttributes.Parse(message, "server-first-message");
        if (attributes.Count > 0 && attributes[0].Name == 'm')
        {
            throw new ImapProtocolException("The server requires a SCRAM extension this client does not know (m=).");
        }

        if (attributes.Count > 0 && attributes[0].Name == 'e')
        {
            throw new ImapProtocolException($"The server reported the SCRAM error '{attributes[0].Value}' instead of its first message.");
        }

        if (attributes.Count < 3 || attributes[0].Name != 'r' || attributes[1].Name != 's' || attributes[2].Name != 'i')
        {
            throw new ImapProtocolException("The server's SCRAM server-first-message lacks r=, s= and i=, in that order.");
        }

        string nonce = attributes[0].Value;
        if (!IsPrintable(nonce) || nonce.Length <= clientNonce.Length || !nonce.StartsWith(clientNonce, StringComparison.Ordinal))
        {
            throw new ImapProtocolException("The server's SCRAM nonce does not extend the client's nonce.");
        }

        byte[] salt = SaslBase64.Decode(attributes[1].Value, "SCRAM salt");
        if (salt.Length == 0)
        {
            throw new ImapProtocolException("The server's SCRAM salt is empty.");
        }

        int iterations = ParseIterationCount(attributes[2].Value);
        byte[] bindingInput = [.. Gs2Header(), .. binding.Data ?? []];
        byte[] clientFinalWithoutProof = Encoding.ASCII.GetBytes("c=" + Convert.ToBase64String(bindingInput) + ",r=" + nonce);
        byte[] authMessage = [.. clientFirstBare, (byte)',', .. message, (byte)',', .. clientFinalWithoutProof];

        byte[] saltedPassword = hash.Hi(password, salt, iterations);
        byte[] clientKey = hash.Hmac(saltedPassword, "Client Key"u8);
        byte[] storedKey = hash.Hash(clientKey);
        byte[] clientSignature = hash.Hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.Length];
        for (int i = 0; i < proof.Length; i++)
        {
            proof[i] = (byte)(clientKey[i] ^ clientSignature[i]);
        }

        byte[] serverKey = hash.Hmac(saltedPassword, "Server Key"u8);
        expectedServerSignature = hash.Hmac(serverKey, authMessage);
        CryptographicOperations.ZeroMemory(saltedPassword);
        CryptographicOperations.ZeroMemory(clientKey);
        CryptographicOperations.ZeroMemory(serverKey);

        state = State.SentClientFinal;
        return [.. clientFinalWithoutProof, .. ",p="u8, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(proof))];
    }

    /// <summary>
    /// iteration-count = "i=" posit-number, posit-number = %x31-39 *DIGIT; at least 1 and at most the limit, which
    /// bounds the work a hostile server can ask for.
    /// </summary>
    private int ParseIterationCount(string value)
    {
        if (value.Length == 0 || value[0] is < '1' or > '9' || AsciiRanges.HasNonDigit(value))
        {
            throw new ImapProtocolException($"The server's SCRAM iteration count '{Truncate(value)}' is not a positive number.");
        }

        if (value.Length > 10 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count > maxIterations)
        {
            throw new ImapProtocolException($"The server's SCRAM iteration count {Truncate(value)} exceeds the limit of {maxIterations} (ImapLimits.MaxScramIterations).");
        }

        return count;
    }

    /// <summary>server-final-message = (server-error / verifier) ["," extensions]; answered with an empty response.</summary>
    private byte[] OnServerFinal(ReadOnlySpan<byte> message)
    {
        var attributes = ScramAttributes.Parse(message, "server-final-message");
        if (attributes.Count > 0 && attributes[0].Name == 'e')
        {
            // The exchange failed; the empty response lets the server complete it with NO (RFC 4422 §3.6).
            ServerError = attributes[0].Value;
            state = State.ServerError;
            return [];
        }

        if (attributes.Count == 0 || attributes[0].Name != 'v')
        {
            throw new ImapProtocolException("The server's SCRAM server-final-message has neither v= nor e=.");
        }

        byte[] signature = SaslBase64.Decode(attributes[0].Value, "SCRAM server signature");
        if (!CryptographicOperations.FixedTimeEquals(signature, expectedServerSignature))
        {
            throw new ImapProtocolException($"The server's {Name} signature does not verify: it does not know the password, or someone is in between.");
        }

        state = State.Verified;
        return [];
    }

    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "...";
}
