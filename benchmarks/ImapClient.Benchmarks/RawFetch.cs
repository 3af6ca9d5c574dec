using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Imap.Benchmarks;

/// <summary>
/// The floor of the summaries workload: the same UID FETCH sent on a bare <see cref="SslStream"/> (or, without TLS, the
/// socket's own stream) and its answer read to the end and thrown away, with no parsing at all. Any client pays at
/// least this much CPU for the same bytes (the socket reads and the TLS decryption), so a client's figure beside it
/// says what its own work costs.
/// Only for the benchmark's own Dovecot: the one line it looks for is the command's tagged completion.
/// </summary>
internal sealed class RawFetch : IAsyncDisposable
{
    private const int MaxTrackedLine = 256;

    private readonly TcpClient tcp;
    private readonly Stream stream;
    private readonly byte[] buffer = new byte[64 * 1024];
    private readonly byte[] lastLine = new byte[MaxTrackedLine];
    private int lastLineLength;
    private int nextTag;

    private RawFetch(TcpClient tcp, Stream stream)
    {
        this.tcp = tcp;
        this.stream = stream;
    }

    /// <summary>
    /// Connects, over TLS when <paramref name="certificate"/> is given (checking the server presents it), logs in and
    /// examines INBOX.
    /// </summary>
    public static async Task<RawFetch> ConnectAsync(string host, int port, X509Certificate2? certificate, string user, string password)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(host, port);
        Stream stream = tcp.GetStream();
        if (certificate is not null)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, presented, _, _) =>
                presented is not null && presented.GetCertHash().AsSpan().SequenceEqual(certificate.GetCertHash()));
            await tls.AuthenticateAsClientAsync(host);
            stream = tls;
        }

        var raw = new RawFetch(tcp, stream);
        await raw.RunAsync(null); // the greeting
        await raw.RunAsync($"LOGIN \"{user}\" \"{password}\"");
        await raw.RunAsync("EXAMINE INBOX");
        return raw;
    }

    /// <summary>One pass: the summaries' UID FETCH; returns the bytes of its answer.</summary>
    public Task<long> FetchSummariesAsync() =>
        RunAsync("UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)");

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        tcp.Dispose();
    }

    /// <summary>Sends <paramref name="command"/> under a new tag and reads until its tagged OK (with null: the greeting).</summary>
    private async Task<long> RunAsync(string? command)
    {
        string done;
        if (command is null)
        {
            done = "* OK";
        }
        else
        {
            string tag = "R" + (++nextTag).ToString(CultureInfo.InvariantCulture);
            done = tag + " OK";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(tag + " " + command + "\r\n"));
        }

        byte[] expected = Encoding.ASCII.GetBytes(done);
        long total = 0;
        while (true)
        {
            int read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException($"The server closed the connection before '{done}'.");
            }

            total += read;
            if (EndsWithLineStarting(buffer.AsSpan(0, read), expected))
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Whether what was read so far ends with a complete line that starts with <paramref name="start"/>; keeps the start
    /// of the line still open for the next read.
    /// </summary>
    private bool EndsWithLineStarting(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> start)
    {
        int lastBreak = chunk.LastIndexOf((byte)'\n');
        if (lastBreak < 0)
        {
            Track(chunk);
            return false;
        }

        bool complete = lastBreak == chunk.Length - 1;
        int previousBreak = chunk[..lastBreak].LastIndexOf((byte)'\n');
        bool found = false;
        if (complete)
        {
            if (previousBreak < 0)
            {
                Track(chunk[..lastBreak]);
                found = lastLine.AsSpan(0, lastLineLength).StartsWith(start);
            }
            else
            {
                found = chunk[(previousBreak + 1)..lastBreak].StartsWith(start);
            }
        }

        lastLineLength = 0;
        Track(chunk[(lastBreak + 1)..]);
        return found;
    }

    /// <summary>Adds to the open line what fits of <paramref name="bytes"/>: only its start is ever compared.</summary>
    private void Track(ReadOnlySpan<byte> bytes)
    {
        int room = MaxTrackedLine - lastLineLength;
        bytes[..Math.Min(room, bytes.Length)].CopyTo(lastLine.AsSpan(lastLineLength));
        lastLineLength += Math.Min(room, bytes.Length);
    }
}
