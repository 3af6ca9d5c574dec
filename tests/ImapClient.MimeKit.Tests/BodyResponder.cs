using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Imap.Tests.Support;

namespace Imap.MimeKit.Tests;

/// <summary>
/// Answers the partial fetches of body streams (<c>UID FETCH uid (UID BODY.PEEK[spec]&lt;offset.length&gt;)</c>) from a
/// table of sections, and NOOP with OK; records every command text, until the test stops it.
/// </summary>
internal sealed partial class BodyResponder(ScriptedServer server, uint uid, IReadOnlyDictionary<string, byte[]> sections)
{
    private readonly List<string> commands = [];

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

    /// <summary>Answers until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
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

            if (command.Text == "NOOP")
            {
                await server.SendAsync($"{command.Tag} OK NOOP done\r\n");
                continue;
            }

            var match = ChunkPattern().Match(command.Text);
            if (!match.Success || uint.Parse(match.Groups["uid"].Value, CultureInfo.InvariantCulture) != uid)
            {
                await server.SendAsync($"{command.Tag} BAD unexpected\r\n");
                continue;
            }

            string spec = match.Groups["spec"].Value;
            byte[] whole = sections[spec];
            int offset = int.Parse(match.Groups["offset"].Value, CultureInfo.InvariantCulture);
            int length = int.Parse(match.Groups["length"].Value, CultureInfo.InvariantCulture);
            int n = Math.Clamp(whole.Length - offset, 0, length);
            await server.SendAsync(Encoding.ASCII.GetBytes($"* 1 FETCH (UID {uid} BODY[{spec}]<{offset}> {{{n}}}\r\n"));
            await server.SendAsync(whole.AsMemory(Math.Min(offset, whole.Length), n));
            await server.SendAsync($")\r\n{command.Tag} OK FETCH done\r\n");
        }
    }

    [GeneratedRegex(@"^UID FETCH (?<uid>\d+) \(UID BODY\.PEEK\[(?<spec>[^\]]*)\]<(?<offset>\d+)\.(?<length>\d+)>\)$")]
    private static partial Regex ChunkPattern();
}
