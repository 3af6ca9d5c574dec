using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// UID THREAD (RFC 5256 §3): <c>UID THREAD algorithm UTF-8 search-key...</c>. Its THREAD response carries nothing
/// tying it to the command, so it collects <see cref="UntaggedKinds.Thread"/> and runs alone among such commands.
/// </summary>
internal sealed class ThreadCommand(MailboxSelection mailbox, ThreadAlgorithm algorithm, SearchQuery query, SearchNeeds needs)
    : PendingCommand<IReadOnlyList<MessageThread>>
{
    private IReadOnlyList<MessageThread>? threads;

    public override string Name => "UID THREAD";

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected
        | (needs.ReadsFlags ? CommandTraits.ReadsFlags : CommandTraits.None)
        | (needs.UsesSequenceNumbers ? CommandTraits.UsesSequenceNumbers : CommandTraits.None)
        | (needs.UsesSavedResult ? CommandTraits.UsesSearchResult : CommandTraits.None);

    public override UntaggedKinds Collects => UntaggedKinds.Thread;

    /// <summary>The capability naming the algorithm (RFC 5256 §3: <c>THREAD=</c> and the algorithm).</summary>
    public static string Capability(ThreadAlgorithm algorithm) => "THREAD=" + AlgorithmName(algorithm);

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("UID"u8);
        writer.WriteSpace();
        writer.WriteAtom("THREAD"u8);
        writer.WriteSpace();
        writer.WriteAtom(System.Text.Encoding.ASCII.GetBytes(AlgorithmName(algorithm)));
        writer.WriteSpace();
        writer.WriteAtom("UTF-8"u8);
        writer.WriteSpace();
        SearchSyntax.WriteKeys(writer, query);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (threads is not null || response is not ThreadResponse thread)
        {
            return false;
        }

        threads = Convert(thread.Threads);
        return true;
    }

    protected override IReadOnlyList<MessageThread> GetResult(TaggedResponse tagged) => threads ?? [];

    private static string AlgorithmName(ThreadAlgorithm algorithm) => algorithm switch
    {
        ThreadAlgorithm.OrderedSubject => "ORDEREDSUBJECT",
        ThreadAlgorithm.References => "REFERENCES",
        ThreadAlgorithm.Refs => "REFS",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown thread algorithm."),
    };

    // Iterative, as the parser is: a hostile depth (bounded by the parser's limit) must not exhaust the stack.
    private static MessageThread[] Convert(IReadOnlyList<ThreadNode> roots)
    {
        var result = new MessageThread[roots.Count];
        var pending = new Stack<(ThreadNode Node, MessageThread[] Into, int Index, bool Expanded, MessageThread[]? Children)>();
        for (int i = roots.Count - 1; i >= 0; i--)
        {
            pending.Push((roots[i], result, i, false, null));
        }

        while (pending.Count > 0)
        {
            var (node, into, index, expanded, children) = pending.Pop();
            if (!expanded)
            {
                var made = new MessageThread[node.Children.Count];
                pending.Push((node, into, index, true, made));
                for (int i = node.Children.Count - 1; i >= 0; i--)
                {
                    pending.Push((node.Children[i], made, i, false, null));
                }

                continue;
            }

            into[index] = new MessageThread(node.Number == 0 ? null : new Uid(node.Number), children!);
        }

        return result;
    }
}
