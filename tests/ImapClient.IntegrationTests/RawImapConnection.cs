using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>
/// A line-oriented IMAP conversation over a raw socket, for smoke tests that must not depend on the library under
/// test. Trusts exactly one certificate, the test server's.
/// </summary>
internal sealed class RawImapConnection : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private Stream stream;
    private StreamReader reader;
    private int tag;

    private RawImapConnection(TcpClient tcp, Stream stream)
    {
        this.tcp = tcp;
        this.stream = stream;
        reader = new StreamReader(stream, Encoding.Latin1);
    }

    public bool IsEncrypted => stream is SslStream;

    public static async Task<RawImapConnection> ConnectAsync(string host, int port, X509Certificate2? trust)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        Stream stream = tcp.GetStream();
        if (trust is not null)
        {
            stream = await AuthenticateAsync(stream, host, trust);
        }

        return new RawImapConnection(tcp, stream);
    }

    public Task<string?> ReadLineAsync() => reader.ReadLineAsync();

    /// <summary>Sends a command and returns every line up to and including its tagged completion.</summary>
    public async Task<IReadOnlyList<string>> CommandAsync(string command)
    {
        string t = "t" + (++tag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"{t} {command}\r\n"));
        await stream.FlushAsync();
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith(t + " ", StringComparison.Ordinal))
            {
                return lines;
            }
        }

        throw new EndOfStreamException($"Connection closed during '{command}'. Read: {string.Join(" | ", lines)}");
    }

    /// <summary>Upgrades the connection after a STARTTLS OK; the reader must hold no buffered bytes.</summary>
    public async Task StartTlsAsync(string host, X509Certificate2 trust)
    {
        stream = await AuthenticateAsync(stream, host, trust);
        reader = new StreamReader(stream, Encoding.Latin1);
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        tcp.Dispose();
        reader.Dispose();
    }

    private static async Task<SslStream> AuthenticateAsync(Stream inner, string host, X509Certificate2 trust)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(trust.GetCertHash())));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        return tls;
    }
}
