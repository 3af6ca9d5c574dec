using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// The server the tests talk to: the private Dovecot, or, when IMAP_TEST_SERVER names another (cyrus, courier), the
/// server described by the IMAP_TEST_* variables that scripts/interop.sh sets. Only tests in the
/// <see cref="ServerNeutral"/> category may run against another server.
/// </summary>
internal sealed class TestTarget
{
    /// <summary>The NUnit category of tests that hold on every server, not only the private Dovecot.</summary>
    public const string ServerNeutral = "ServerNeutral";

    private TestTarget(string kind, string host, int imapPort, int imapsPort, X509Certificate2 certificate, TestUser user, int inboxMessages, string prefix, char delimiter)
    {
        Kind = kind;
        Host = host;
        ImapPort = imapPort;
        ImapsPort = imapsPort;
        Certificate = certificate;
        User = user;
        InboxMessages = inboxMessages;
        Prefix = prefix;
        Delimiter = delimiter;
    }

    /// <summary>"dovecot", "cyrus" or "courier".</summary>
    public string Kind { get; }

    public string Host { get; }

    /// <summary>Plain IMAP with STARTTLS.</summary>
    public int ImapPort { get; }

    /// <summary>Implicit TLS.</summary>
    public int ImapsPort { get; }

    /// <summary>The server's self-signed certificate, trusted explicitly.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The user whose INBOX holds <see cref="InboxMessages"/> generated messages.</summary>
    public TestUser User { get; }

    public int InboxMessages { get; }

    /// <summary>The personal namespace's prefix: empty, or "INBOX." on Courier.</summary>
    public string Prefix { get; }

    public char Delimiter { get; }

    /// <summary>A personal mailbox's full name from a path written with "/": "Drafts" is "INBOX.Drafts" on Courier.</summary>
    public string Mailbox(string path) => Prefix + path.Replace('/', Delimiter);

    /// <summary>The server named by IMAP_TEST_SERVER, or null for the private Dovecot.</summary>
    public static TestTarget? FromEnvironment()
    {
        string? kind = Environment.GetEnvironmentVariable("IMAP_TEST_SERVER");
        if (string.IsNullOrEmpty(kind) || kind == "dovecot")
        {
            return null;
        }

        string delimiter = Optional("IMAP_TEST_DELIMITER") ?? "/";
        return new TestTarget(
            kind,
            Optional("IMAP_TEST_HOST") ?? "127.0.0.1",
            Number("IMAP_TEST_PORT"),
            Number("IMAP_TEST_TLS_PORT"),
            X509CertificateLoader.LoadCertificateFromFile(Required("IMAP_TEST_CERT")),
            new TestUser(Required("IMAP_TEST_USER"), Required("IMAP_TEST_PASSWORD")),
            Number("IMAP_TEST_INBOX_MESSAGES"),
            Optional("IMAP_TEST_PREFIX") ?? "",
            delimiter.Length == 1 ? delimiter[0] : throw new InvalidOperationException("IMAP_TEST_DELIMITER must be one character."));
    }

    /// <summary>The private Dovecot started by <see cref="DovecotFixture"/>.</summary>
    public static TestTarget FromDovecot(DovecotInstance dovecot, int inboxMessages) =>
        new("dovecot", dovecot.Host, dovecot.ImapPort, dovecot.ImapsPort, dovecot.Certificate, dovecot.PrimaryUser, inboxMessages, "", '/');

    private static string? Optional(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string Required(string name) =>
        Optional(name) ?? throw new InvalidOperationException($"IMAP_TEST_SERVER is set, so {name} must be too (see scripts/interop.sh).");

    private static int Number(string name) => int.Parse(Required(name), CultureInfo.InvariantCulture);
}
