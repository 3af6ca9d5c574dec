using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Imap.Tests.Support;

namespace Imap.Tests.Bodies;

/// <summary>
/// The server side of chunked body reads: answers every <c>UID FETCH uid (UID BODY.PEEK[spec]&lt;offset.length&gt;)</c>
/// from a content function, and NOOP with OK, until stopped. Records the command texts in order.
/// </summary>
internal sealed partial class ChunkResponder(ScriptedServer server, uint uid, long length, Func<long, byte> content)
{
    private readonly List<string> commands = [];

    /// <summary>The commands answered so far, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (commands)
            {
                return [.. commands];
            }
        }
    }

    /// <summary>The byte at <paramref name="position"/> of a body generated on the fly: no two neighbours alike.</summary>
    public static byte Generated(long position) => (byte)((position * 131) ^ (position >> 9) ^ (position >> 17));

    /// <summary>Answers commands until <paramref name="stop"/> is cancelled or <paramref name="count"/> were answered.</summary>
    public Task RunAsync(int count = int.MaxValue, CancellationToken stop = default) => RunAsync(count, null, stop);

    /// <summary>Answers commands up to and including the first whose text is <paramref name="last"/>.</summary>
    public Task RunUntilAsync(string last) => RunAsync(int.MaxValue, last, default);

    private async Task RunAsync(int count, string? last, CancellationToken stop)
    {
        for (int i = 0; i < count && !stop.IsCancellationRequested; i++)
        {
            ClientCommand command;
            try
            {
                command = await server.ReadCommandAsync(TimeSpan.FromSeconds(30)).WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (commands)
            {
                commands.Add(command.Text);
            }

            await AnswerAsync(command);
            if (command.Text == last)
            {
                return;
            }
        }
    }

    public async Task AnswerAsync(ClientCommand command)
    {
        var match = ChunkPattern().Match(command.Text);
        if (!match.Success)
        {
            await server.SendAsync($"{command.Tag} OK {command.Text.Split(' ')[0]} done\r\n");
            return;
        }

        uint asked = uint.Parse(match.Groups["uid"].Value, CultureInfo.InvariantCulture);
        long offset = long.Parse(match.Groups["offset"].Value, CultureInfo.InvariantCulture);
        int size = int.Parse(match.Groups["length"].Value, CultureInfo.InvariantCulture);
        if (asked != uid)
        {
            await server.SendAsync($"{command.Tag} OK no such message\r\n");
            return;
        }

        int n = (int)Math.Clamp(length - offset, 0, size);
        var bytes = new byte[n];
        for (int j = 0; j < n; j++)
        {
            bytes[j] = content(offset + j);
        }

        string item = match.Groups["item"].Value.Replace(".PEEK", string.Empty, StringComparison.Ordinal);
        await server.SendAsync(Encoding.ASCII.GetBytes($"* 1 FETCH (UID {uid} {item}[{match.Groups["spec"].Value}]<{offset}> {{{n}}}\r\n"));
        await server.SendAsync(bytes);
        await server.SendAsync($")\r\n{command.Tag} OK FETCH done\r\n");
    }

    [GeneratedRegex(@"^UID FETCH (?<uid>\d+) \(UID (?<item>BODY|BODY\.PEEK|BINARY|BINARY\.PEEK)\[(?<spec>[^\]]*)\]<(?<offset>\d+)\.(?<length>\d+)>\)$")]
    private static partial Regex ChunkPattern();
}
