using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Imap.Benchmarks;

/// <summary>
/// A loopback server that greets and then answers every command line "tag ..." with "tag OK done", as fast as it
/// reads them; a STATUS command first gets an untagged STATUS of INBOX. It allocates nothing per command, so what a
/// benchmark measures is the client's cost.
/// </summary>
internal sealed class NoopResponder : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public NoopResponder()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop.Token);
            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        await writer.WriteAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR] responder ready\r\n"u8.ToArray());
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(stop.Token);
                var buffer = read.Buffer;
                bool any = false;
                while (TryAnswer(ref buffer, writer))
                {
                    any = true;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (any)
                {
                    await writer.FlushAsync(stop.Token);
                }

                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    private static bool TryAnswer(ref ReadOnlySequence<byte> buffer, PipeWriter writer)
    {
        var lineReader = new SequenceReader<byte>(buffer);
        if (!lineReader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
        {
            return false;
        }

        var tagReader = new SequenceReader<byte>(line);
        if (!tagReader.TryReadTo(out ReadOnlySequence<byte> tag, (byte)' '))
        {
            tag = line;
        }

        if (line.Length >= 6 && IsLogout(line))
        {
            writer.Write("* BYE bye\r\n"u8);
        }
        else if (IsStatus(line, tag.Length))
        {
            writer.Write("* STATUS INBOX (MESSAGES 12 UNSEEN 3 UIDNEXT 101 UIDVALIDITY 3857529045)\r\n"u8);
        }

        foreach (var segment in tag)
        {
            writer.Write(segment.Span);
        }

        writer.Write(" OK done\r\n"u8);
        buffer = buffer.Slice(lineReader.Position);
        return true;
    }

    /// <summary>Whether the command is "STATUS ..." (of any mailbox: the answer always names INBOX).</summary>
    private static bool IsStatus(ReadOnlySequence<byte> line, long tagLength)
    {
        if (line.Length < tagLength + 8)
        {
            return false;
        }

        Span<byte> name = stackalloc byte[7];
        line.Slice(tagLength + 1, 7).CopyTo(name);
        return name.SequenceEqual("STATUS "u8);
    }

    private static bool IsLogout(ReadOnlySequence<byte> line)
    {
        Span<byte> end = stackalloc byte[6];
        line.Slice(line.Length - 6).CopyTo(end);
        return end.SequenceEqual("LOGOUT"u8);
    }
}
