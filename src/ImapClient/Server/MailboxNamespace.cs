namespace Imap;

/// <summary>One namespace (RFC 2342 §5, RFC 9051 §6.3.10): the prefix of its mailbox names and its hierarchy delimiter.</summary>
public sealed class MailboxNamespace
{
    internal MailboxNamespace(string prefix, char? delimiter, IReadOnlyDictionary<string, IReadOnlyList<string>> extensions)
    {
        Prefix = prefix;
        Delimiter = delimiter;
        Extensions = extensions;
    }

    /// <summary>The prefix of every mailbox name in the namespace, e.g. "" or "INBOX." or "#shared/" (decoded).</summary>
    public string Prefix { get; }

    /// <summary>The hierarchy delimiter, or null when the namespace is flat (NIL).</summary>
    public char? Delimiter { get; }

    /// <summary>
    /// The namespace-response-extensions the server added (RFC 2342 §5, e.g. "TRANSLATION"), by name, compared ignoring
    /// case; empty when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extensions { get; }

    /// <inheritdoc/>
    public override string ToString() => Delimiter is { } d ? $"\"{Prefix}\" '{d}'" : $"\"{Prefix}\" NIL";
}
