using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Imap.TestServer;

namespace Imap.Benchmarks;

/// <summary>
/// A real FETCH response stream recorded from the test Dovecot: 20,000 messages, each with UID FLAGS INTERNALDATE
/// RFC822.SIZE ENVELOPE BODYSTRUCTURE. Recorded once into artifacts/benchmark-data (not committed: it is large and
/// reproducible from the seeded generator) and reused.
/// </summary>
public static class FetchStreamData
{
    public const int Messages = 20_000;

    public static byte[] Load()
    {
        string root = RepositoryRoot();
        string path = Path.Combine(root, "artifacts", "benchmark-data", $"fetch-{Messages}.imap");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, RecordAsync().GetAwaiter().GetResult());
        }

        return File.ReadAllBytes(path);
    }

    private static async Task<byte[]> RecordAsync()
    {
        await using var server = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = Messages });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.ImapsPort);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, c, _, _) => c is not null && c.GetCertHash().AsSpan().SequenceEqual(server.Certificate.GetCertHash()));
        await tls.AuthenticateAsClientAsync("localhost");

        var output = new MemoryStream();
        await ExchangeAsync(tls, null, null);
        await ExchangeAsync(tls, $"a LOGIN {server.PrimaryUser.Name} {server.PrimaryUser.Password}", "a ");
        await ExchangeAsync(tls, "b EXAMINE INBOX", "b ");
        await ExchangeAsync(tls, "c FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)", "c ", output);
        await ExchangeAsync(tls, "d LOGOUT", "d ");
        return output.ToArray();
    }

    /// <summary>Sends a command and copies the untagged responses (not the tagged completion) to <paramref name="keep"/>.</summary>
    private static async Task ExchangeAsync(Stream stream, string? command, string? tag, MemoryStream? keep = null)
    {
        if (command is not null)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        }

        var pending = new List<byte>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            pending.AddRange(buffer.AsSpan(0, read));
            var text = Encoding.Latin1.GetString(pending.ToArray());
            int end = tag is null ? text.IndexOf("\r\n", StringComparison.Ordinal) : FindTagged(text, tag);
            if (end >= 0)
            {
                if (keep is not null)
                {
                    keep.Write(pending.ToArray(), 0, end);
                }

                return;
            }
        }
    }

    private static int FindTagged(string text, string tag)
    {
        int at = text.StartsWith(tag, StringComparison.Ordinal) ? 0 : text.IndexOf("\r\n" + tag, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        int start = at == 0 ? 0 : at + 2;
        return text.IndexOf("\r\n", start, StringComparison.Ordinal) >= 0 ? start : -1;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImapClient.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ImapClient.sln not found above " + AppContext.BaseDirectory);
    }
}
