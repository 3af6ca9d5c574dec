namespace Imap;

/// <summary>
/// One node of a thread tree from THREAD (RFC 5256 §4): a message and the replies to it. A node whose parent message
/// is missing from the mailbox has no UID and holds its children as siblings (RFC 5256 §4, "((3)(5))").
/// </summary>
public sealed class MessageThread
{
    internal MessageThread(Uid? uid, IReadOnlyList<MessageThread> children)
    {
        Uid = uid;
        Children = children;
    }

    /// <summary>The message's UID; null for a placeholder whose message is not in the mailbox.</summary>
    public Uid? Uid { get; }

    /// <summary>The replies, in the server's order.</summary>
    public IReadOnlyList<MessageThread> Children { get; }

    /// <summary>The thread in the server's syntax, such as <c>(3 6 (4 23)(44 7 96))</c> (RFC 5256 §4).</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder("(");
        Append(text, this);
        return text.Append(')').ToString();

        static void Append(System.Text.StringBuilder text, MessageThread node)
        {
            if (node.Uid is { } uid)
            {
                text.Append(uid.Value);
            }

            if (node.Children.Count == 0)
            {
                return;
            }

            if (node.Uid is not null)
            {
                text.Append(' ');
            }

            if (node.Children.Count == 1)
            {
                Append(text, node.Children[0]);
                return;
            }

            foreach (var child in node.Children)
            {
                text.Append('(');
                Append(text, child);
                text.Append(')');
            }
        }
    }
}
