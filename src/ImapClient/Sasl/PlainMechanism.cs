using System.Text;

namespace Imap.Sasl;

/// <summary>
/// PLAIN (RFC 4616): one message, <c>[authzid] NUL authcid NUL passwd</c> in UTF-8. The password crosses the wire as
/// is, so it is only ever sent over TLS unless the caller set <see cref="ImapClientOptions.AllowCleartextPasswords"/>.
/// </summary>
internal sealed class PlainMechanism : SaslMechanism
{
    private readonly string user;
    private readonly string password;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="user">The authentication identity.</param>
    /// <param name="password">The password.</param>
    /// <exception cref="ArgumentException">Either holds NUL, or is empty (RFC 4616 §2 needs at least one character).</exception>
    public PlainMechanism(string user, string password)
    {
        CredentialText.RequireNoNul(user, nameof(user));
        CredentialText.RequireNoNul(password, nameof(password));
        this.user = user;
        this.password = password;
    }

    public override string Name => "PLAIN";

    public override bool IsClientFirst => true;

    // No authorization identity: the server derives it from the authentication identity (RFC 4616 §2).
    public override byte[] GetInitialResponse() => Encoding.UTF8.GetBytes("\0" + user + "\0" + password);

    public override byte[] Respond(ReadOnlySpan<byte> challenge) => throw UnexpectedChallenge();
}
