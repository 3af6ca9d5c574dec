using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imap.TestServer;

/// <summary>
/// A private Dovecot server on 127.0.0.1 for integration tests, benchmarks and the demo: IMAP with STARTTLS on
/// <see cref="ImapPort"/>, implicit TLS on <see cref="ImapsPort"/>, a self-signed certificate, users alice, bob and
/// carol, and mailboxes filled with <see cref="MailGenerator"/> messages.
/// </summary>
/// <remarks>
/// The primary user's INBOX holds <see cref="DovecotOptions.InboxMessages"/> messages generated with
/// <see cref="DovecotOptions.Seed"/>, in UID order (<c>new MailGenerator(Seed).Generate(InboxMessages)</c> reproduces
/// them). It also has <see cref="ArchiveMessages"/> messages in <c>Archive</c> and <see cref="ListMessages"/> in
/// <c>Lists/dotnet</c>; bob has <see cref="SecondUserMessages"/> in his INBOX; carol's mailboxes are empty.
/// The instance runs <c>scripts/dovecot/dovecot.sh</c>, which installs Dovecot when it is missing.
/// </remarks>
public sealed class DovecotInstance : IAsyncDisposable, IDisposable
{
    /// <summary>Messages put into the primary user's <c>Archive</c> (seed <c>Seed + 1</c>).</summary>
    public const int ArchiveMessages = 25;

    /// <summary>Messages put into the primary user's <c>Lists/dotnet</c> (seed <c>Seed + 2</c>).</summary>
    public const int ListMessages = 40;

    /// <summary>Messages put into the second user's INBOX (seed <c>Seed + 3</c>).</summary>
    public const int SecondUserMessages = 5;

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private static int instances;

    private readonly string repositoryRoot;
    private readonly bool deleteDirectory;
    private int stopped;

    private DovecotInstance(string repositoryRoot, string directory, bool deleteDirectory, IReadOnlyDictionary<string, string> environment, X509Certificate2 certificate)
    {
        this.repositoryRoot = repositoryRoot;
        this.deleteDirectory = deleteDirectory;
        Directory = directory;
        Host = environment["IMAP_HOST"];
        ImapPort = int.Parse(environment["IMAP_PORT"], CultureInfo.InvariantCulture);
        ImapsPort = int.Parse(environment["IMAPS_PORT"], CultureInfo.InvariantCulture);
        CertificatePath = environment["IMAP_CERT"];
        Certificate = certificate;
    }

    /// <summary>The accounts: alice (primary), bob and carol; passwords are <c>&lt;name&gt;-secret</c>.</summary>
    public static IReadOnlyList<TestUser> DefaultUsers { get; } =
        [new("alice", "alice-secret"), new("bob", "bob-secret"), new("carol", "carol-secret")];

    /// <summary>The address to connect to: <c>127.0.0.1</c>.</summary>
    public string Host { get; }

    /// <summary>The IMAP port (plain text, STARTTLS offered; LOGIN allowed without TLS).</summary>
    public int ImapPort { get; }

    /// <summary>The IMAPS port (TLS from the first byte).</summary>
    public int ImapsPort { get; }

    /// <summary>The PEM file of the server's self-signed certificate (CN=localhost, SAN localhost and 127.0.0.1).</summary>
    public string CertificatePath { get; }

    /// <summary>The server's certificate, for tests to trust explicitly.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The instance folder (configuration, certificate, <c>home/&lt;user&gt;/Maildir</c>, <c>dovecot.log</c>).</summary>
    public string Directory { get; }

    /// <summary>The accounts of the server; see <see cref="DefaultUsers"/>.</summary>
    public IReadOnlyList<TestUser> Users { get; } = DefaultUsers;

    /// <summary>The account whose mailboxes are filled: alice.</summary>
    public TestUser PrimaryUser => Users[0];

    /// <summary>
    /// Starts a fresh instance: stops any instance running from the folder, replaces its mail with generated
    /// messages, starts Dovecot and waits until both ports accept connections.
    /// </summary>
    /// <param name="options">The folder, message count and seed.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running instance; dispose it to stop the server.</returns>
    /// <exception cref="DovecotException">Installing, filling or starting failed; the message has the script output and log tail.</exception>
    public static async Task<DovecotInstance> StartAsync(DovecotOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InboxMessages);
        var root = RepositoryLocator.Find();
        if (!DovecotScript.IsDovecotInstalled())
        {
            await DovecotScript.RunAsync(root, null, InstallTimeout, ["install"], cancellationToken).ConfigureAwait(false);
        }

        var directory = options.Directory is null
            ? Path.Combine(root, ".dovecot", "run-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref instances).ToString(CultureInfo.InvariantCulture))
            : Path.GetFullPath(options.Directory);
        var deleteDirectory = options.Directory is null && !options.KeepDirectory;

        await StopDirectoryAsync(root, directory, cancellationToken).ConfigureAwait(false);

        // The old mail is moved aside and deleted only once the new one is written: some file systems (ext4 without
        // a journal) allocate inodes very slowly right after thousands of files were deleted.
        var previousHome = Path.Combine(directory, "home.previous");
        try
        {
            var home = Path.Combine(directory, "home");
            if (System.IO.Directory.Exists(previousHome))
            {
                System.IO.Directory.Delete(previousHome, recursive: true);
            }

            if (System.IO.Directory.Exists(home))
            {
                System.IO.Directory.Move(home, previousHome);
            }

            System.IO.Directory.CreateDirectory(directory);
            var primary = DefaultUsers[0].Name;
            WriteMessages(directory, primary, "INBOX", options.InboxMessages, options.Seed);
            WriteMessages(directory, primary, "Archive", ArchiveMessages, unchecked(options.Seed + 1));
            WriteMessages(directory, primary, "Lists/dotnet", ListMessages, unchecked(options.Seed + 2));
            WriteMessages(directory, DefaultUsers[1].Name, "INBOX", SecondUserMessages, unchecked(options.Seed + 3));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DovecotException(DovecotScript.Describe("Could not write the mail of " + directory + ": " + exception.Message, null, null, directory), exception);
        }

        await DovecotScript.RunAsync(root, directory, ScriptTimeout, ["start", directory], cancellationToken).ConfigureAwait(false);
        TryDelete(previousHome);
        try
        {
            var environment = ReadEnvironment(Path.Combine(directory, "instance.env"));
            var certificate = X509CertificateLoader.LoadCertificateFromFile(environment["IMAP_CERT"]);
            return new DovecotInstance(root, directory, deleteDirectory, environment, certificate);
        }
        catch (Exception exception) when (exception is IOException or KeyNotFoundException or FormatException or CryptographicException)
        {
            await StopDirectoryAsync(root, directory, CancellationToken.None).ConfigureAwait(false);
            throw new DovecotException(DovecotScript.Describe("Dovecot started but " + directory + " is incomplete: " + exception.Message, null, null, directory), exception);
        }
    }

    /// <summary>The Maildir root of a user (<c>DIR/home/&lt;user&gt;/Maildir</c>).</summary>
    /// <param name="user">The account.</param>
    /// <returns>An absolute path.</returns>
    public string GetMaildir(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return GetMaildir(Directory, user.Name);
    }

    /// <summary>
    /// Adds generated messages to a mailbox of the running server (created when missing); Dovecot sees them at its
    /// next mailbox synchronisation, with UIDs above the existing ones.
    /// </summary>
    /// <param name="mailbox">The mailbox name, '/' separating levels.</param>
    /// <param name="count">How many messages.</param>
    /// <param name="seed">The generator seed.</param>
    /// <param name="user">The account; <see cref="PrimaryUser"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the ownership fix-up that follows the writing.</param>
    /// <returns>How many messages were written.</returns>
    public Task<int> AddMessagesAsync(string mailbox, int count, int seed, TestUser? user = null, CancellationToken cancellationToken = default) =>
        FillAsync(repositoryRoot, Directory, (user ?? PrimaryUser).Name, mailbox, count, seed, cancellationToken);

    /// <summary>Stops the server (waits for its processes to exit). Further calls do nothing.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task completing once the server has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        Certificate.Dispose();
        await StopDirectoryAsync(repositoryRoot, Directory, cancellationToken).ConfigureAwait(false);
        if (deleteDirectory)
        {
            TryDelete(Directory);
        }
    }

    /// <summary>Stops the server; see <see cref="StopAsync(CancellationToken)"/>.</summary>
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    /// <summary>Stops the server; see <see cref="StopAsync(CancellationToken)"/>.</summary>
    /// <returns>A task completing once the server has stopped.</returns>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Stops whatever instance runs from <paramref name="directory"/>; succeeds when none does.</summary>
    internal static Task StopDirectoryAsync(string repositoryRoot, string directory, CancellationToken cancellationToken) =>
        DovecotScript.RunAsync(repositoryRoot, directory, ScriptTimeout, ["stop", directory], cancellationToken);

    /// <summary>Writes generated messages into a user's mailbox of the instance folder and hands them to the mail user.</summary>
    internal static async Task<int> FillAsync(string repositoryRoot, string directory, string user, string mailbox, int count, int seed, CancellationToken cancellationToken)
    {
        int written;
        try
        {
            written = WriteMessages(directory, user, mailbox, count, seed);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DovecotException(DovecotScript.Describe("Could not write messages into " + mailbox + " of " + user + ": " + exception.Message, null, null, directory), exception);
        }

        await DovecotScript.RunAsync(repositoryRoot, directory, ScriptTimeout, ["fixperms", directory], cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static int WriteMessages(string directory, string user, string mailbox, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var writer = new MaildirWriter(GetMaildir(directory, user));
        return writer.WriteAll(mailbox, new MailGenerator(seed).Generate(count));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Trace.TraceWarning("Could not delete " + directory + ": " + exception.Message);
        }
    }

    private static string GetMaildir(string directory, string user) => Path.Combine(directory, "home", user, "Maildir");

    private static Dictionary<string, string> ReadEnvironment(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        return values;
    }
}
