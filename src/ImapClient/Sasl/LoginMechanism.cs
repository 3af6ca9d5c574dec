using System.Text;

namespace Imap.Sasl;

/// <summary>
/// The de-facto LOGIN mechanism (an expired draft, never an RFC): the server prompts twice, conventionally with
/// "Username:" and "Password:", and the client answers with the user name and then the password. The prompts' words
/// vary between servers and carry no meaning, so only their order counts. Chosen last, after the LOGIN command.
/// </summary>
internal sealed class LoginMechanism : SaslMechanism
{
    private readonly string user;
    private readonly string password;
    private int step;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    public LoginMechanism(string user, string password)
    {
        CredentialText.RequireNoNul(user, nameof(user));
        CredentialText.RequireNoNul(password, nameof(password));
        this.user = user;
        this.password = password;
    }

    public override string Name => "LOGIN";

    public override bool IsClientFirst => false;

    public override byte[] Respond(ReadOnlySpan<byte> challenge) => step++ switch
    {
        0 => Encoding.UTF8.GetBytes(user),
        1 => Encoding.UTF8.GetBytes(password),
        _ => throw UnexpectedChallenge(),
    };

    public override void CheckSuccess()
    {
        if (step < 2)
        {
            throw new ImapProtocolException("The server accepted LOGIN before it asked for the password.");
        }
    }
}
