using Imap.Protocol;

namespace Imap;

/// <summary>
/// A command built by hand, for extensions the typed API does not cover yet (the escape hatch). Arguments go through
/// the same injection-safe writer as every typed command: strings become atoms, quoted strings or literals as needed,
/// NUL and invalid flags or sets are rejected before anything is sent.
/// </summary>
/// <remarks>
/// By default the command is a <see cref="CommandTraits.Barrier"/>: it runs alone, which is always correct. Relax
/// <see cref="Traits"/> only when you know RFC 9051 §5.5 allows it.
/// </remarks>
public sealed class ImapCommand
{
    private readonly List<Action<CommandWriter>> parts = [];
    private readonly HashSet<string> collect = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts a command.</summary>
    /// <param name="name">The command name, an atom such as "GETQUOTAROOT" (use <see cref="Atom"/> for the words after a "UID" prefix).</param>
    public ImapCommand(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        byte[] atom = System.Text.Encoding.UTF8.GetBytes(name);
        Name = name;
        parts.Add(w => w.WriteAtom(atom));
    }

    /// <summary>The command name, for messages.</summary>
    public string Name { get; }

    /// <summary>What the command needs from the pipeline. Default: <see cref="CommandTraits.Barrier"/>.</summary>
    public CommandTraits Traits { get; set; } = CommandTraits.Barrier;

    /// <summary>Names of the untagged responses to collect for this command ("QUOTA", "LIST" ...).</summary>
    public IReadOnlyCollection<string> CollectedResponses => collect;

    internal IReadOnlyList<Action<CommandWriter>> Parts => parts;

    /// <summary>Adds an atom (validated: ATOM-CHARs only).</summary>
    /// <param name="atom">The atom.</param>
    public ImapCommand Atom(string atom)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(atom);
        return Add(w => w.WriteAtom(bytes));
    }

    /// <summary>Adds a number.</summary>
    /// <param name="value">The number.</param>
    public ImapCommand Number(ulong value) => Add(w => w.WriteNumber(value));

    /// <summary>Adds a string: quoted, or a literal when it holds CR, LF or is long (never an atom).</summary>
    /// <param name="value">The text.</param>
    public ImapCommand Text(string value) => Add(w => w.WriteString(value));

    /// <summary>Adds an astring: an atom when it can be one, otherwise a string.</summary>
    /// <param name="value">The text.</param>
    public ImapCommand AString(string value) => Add(w => w.WriteAstring(value));

    /// <summary>Adds a mailbox name, encoded as the connection requires (modified UTF-7 or UTF-8).</summary>
    /// <param name="mailbox">The name.</param>
    public ImapCommand Mailbox(string mailbox) => Add(w => w.WriteMailbox(mailbox));

    /// <summary>Adds a literal with these bytes.</summary>
    /// <param name="data">The bytes.</param>
    public ImapCommand Literal(ReadOnlyMemory<byte> data) => Add(w => w.WriteLiteral(data.Span));

    /// <summary>Adds a UID set.</summary>
    /// <param name="set">The set.</param>
    public ImapCommand Set(UidSet set) => Add(w => w.WriteSet(set));

    /// <summary>Adds a sequence set.</summary>
    /// <param name="set">The set.</param>
    public ImapCommand Set(SequenceSet set) => Add(w => w.WriteSet(set));

    /// <summary>Adds a flag list "(...)".</summary>
    /// <param name="flags">The flags; <c>\Recent</c> is refused when the command is built.</param>
    public ImapCommand FlagList(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return Add(w => w.WriteFlagList(flags));
    }

    /// <summary>Opens a parenthesised list.</summary>
    public ImapCommand BeginList() => Add(w => w.BeginList());

    /// <summary>Closes a parenthesised list.</summary>
    public ImapCommand EndList()
    {
        parts.Add(w => w.EndList());
        return this;
    }

    /// <summary>Collects the untagged responses with these names for this command.</summary>
    /// <param name="responseNames">e.g. "QUOTA", "QUOTAROOT".</param>
    public ImapCommand Collect(params string[] responseNames)
    {
        foreach (string name in responseNames)
        {
            collect.Add(name);
        }

        return this;
    }

    private ImapCommand Add(Action<CommandWriter> part)
    {
        parts.Add(w =>
        {
            // Arguments are separated by one space, except right after "(".
            if (w.WrittenSpan[^1] != (byte)'(')
            {
                w.WriteSpace();
            }

            part(w);
        });
        return this;
    }
}
