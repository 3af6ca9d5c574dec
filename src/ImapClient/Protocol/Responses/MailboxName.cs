namespace Imap.Protocol.Responses;

/// <summary>
/// A mailbox name as the server sent it. <see cref="Wire"/> is its identity: the exact bytes to send back.
/// <see cref="Name"/> is its decoded form: modified UTF-7 (RFC 3501 §5.1.3) decoded, or UTF-8 as is when UTF-8 is in
/// force; a name that does not decode keeps its wire form as text.
/// </summary>
internal sealed record MailboxName(string Name, byte[] Wire)
{
    public bool Equals(MailboxName? other) => other is not null && Wire.AsSpan().SequenceEqual(other.Wire);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Wire);
        return hash.ToHashCode();
    }
}
