using System.Security.Cryptography;
using System.Text;
using Imap.Tests.Support;

namespace Imap.Tests.Sasl;

/// <summary>A client on a scripted server for AUTHENTICATE tests, with the options each test needs, and a SCRAM server.</summary>
internal sealed class SaslSession : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private SaslSession(ImapClient client, ScriptedServer server)
    {
        Client = client;
        Server = server;
    }

    public ImapClient Client { get; }

    public ScriptedServer Server { get; }

    /// <summary>Plaintext (named explicitly) with the given greeting capabilities; <paramref name="configure"/> adjusts the options.</summary>
    public static async Task<SaslSession> ConnectAsync(string capabilities, Func<ImapClientOptions, ImapClientOptions>? configure = null)
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await server.SendAsync($"* OK [CAPABILITY {capabilities}] Scripted server ready\r\n");
        var options = new ImapClientOptions { Host = "imap.example.com", Security = ImapSecurity.InsecurePlaintext, AllowCleartextPasswords = true };
        var client = await ImapClient.ConnectAsync(clientEnd, configure?.Invoke(options) ?? options).WaitAsync(Wait);
        return new SaslSession(client, server);
    }

    /// <summary>STARTTLS with the test certificate, then the given capabilities over TLS.</summary>
    public static async Task<SaslSession> ConnectTlsAsync(string capabilities)
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n");
        var connecting = ImapClient.ConnectAsync(clientEnd, new ImapClientOptions
        {
            Host = "localhost",
            Security = ImapSecurity.StartTls,
            TrustedCertificate = SelfSignedCertificate.Localhost,
        });
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("S1 STARTTLS"));
        await server.StartTlsAsync("S1 OK Begin TLS\r\n", SelfSignedCertificate.Localhost);
        var capability = await server.ReadCommandAsync();
        await server.SendAsync($"* CAPABILITY {capabilities}\r\n{capability.Tag} OK\r\n");
        return new SaslSession(await connecting.WaitAsync(Wait), server);
    }

    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string Unb64(string text) => Encoding.UTF8.GetString(Convert.FromBase64String(text));

    /// <summary>
    /// Plays the server side of SCRAM from the client-first message on: checks it, sends server-first, checks the
    /// client-final line byte for byte against <see cref="ScramReference"/>, and returns the server signature.
    /// </summary>
    public async Task<string> PlayScramAsync(string clientFirstBase64, HashAlgorithmName hash, string gs2Header, byte[] binding)
    {
        string clientFirst = Unb64(clientFirstBase64);
        Assert.That(clientFirst, Does.Match("^" + System.Text.RegularExpressions.Regex.Escape(gs2Header) + "n=user,r=[A-Za-z0-9+/]{32}$"));
        string clientNonce = clientFirst[(clientFirst.IndexOf(",r=", StringComparison.Ordinal) + 3)..];
        string serverFirst = "r=" + clientNonce + "3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
        await Server.SendAsync("+ " + B64(serverFirst) + "\r\n");

        var expected = ScramReference.ClientFinal(hash, "user", "pencil", gs2Header, binding, clientNonce, serverFirst);
        Assert.That(Unb64(await Server.ReadLineAsync()), Is.EqualTo(expected.ClientFinal));
        return expected.ServerSignature;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
