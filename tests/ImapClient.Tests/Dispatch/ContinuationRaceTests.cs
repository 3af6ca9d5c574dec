using System.Text;
using Imap.Commands;
using Imap.Dispatch;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>
/// The server's "+" can arrive before the write that prompted it has returned (a fast server, a busy client): it must
/// still reach the command waiting for it.
/// </summary>
public sealed class ContinuationRaceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test(Description = "A \"+\" that came while the literal's header was still being written was lost, and the command hung.")]
    public async Task A_continuation_that_arrives_during_the_write_is_not_lost()
    {
        Dispatcher dispatcher = null!;
        var output = new AnsweringOutput(bytes =>
        {
            if (bytes.EndsWith("{2}\r\n", StringComparison.Ordinal))
            {
                // Answered before WriteAsync returns.
                dispatcher.OnResponse(new ContinuationResponse("go ahead"));
            }
            else if (bytes == "ab\r\n")
            {
                dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.Ok, null, "done"));
            }
        });
        using (dispatcher = new Dispatcher(output))
        {
            var command = dispatcher.RunAsync(new RawCommand(new ImapCommand("X-LIT") { Traits = CommandTraits.None }.Literal("ab"u8.ToArray())), default);

            Assert.That((await command.WaitAsync(Wait)).Status, Is.EqualTo(ImapStatus.Ok));
            Assert.That(output.Writes, Is.EqualTo(new[] { "A1 X-LIT {2}\r\n", "ab\r\n" }));
        }
    }

    /// <summary>Calls <c>answer</c> with each write's text before the write returns.</summary>
    private sealed class AnsweringOutput(Action<string> answer) : ICommandOutput
    {
        private readonly List<string> writes = [];

        public IReadOnlyList<string> Writes
        {
            get
            {
                lock (writes)
                {
                    return [.. writes];
                }
            }
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            string text = Encoding.ASCII.GetString(bytes.Span);
            lock (writes)
            {
                writes.Add(text);
            }

            answer(text);
            await Task.Yield();
        }
    }
}
