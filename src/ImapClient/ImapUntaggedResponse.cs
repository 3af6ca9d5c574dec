namespace Imap;

/// <summary>One untagged response collected by an <see cref="ImapCommand"/>, as the server sent it.</summary>
public sealed class ImapUntaggedResponse
{
    internal ImapUntaggedResponse(string name, uint? number, ReadOnlyMemory<byte> raw)
    {
        Name = name;
        Number = number;
        Raw = raw;
    }

    /// <summary>The response name in upper case, e.g. "QUOTA" or "FETCH".</summary>
    public string Name { get; }

    /// <summary>The message number before the name (EXISTS, EXPUNGE, FETCH), or null.</summary>
    public uint? Number { get; }

    /// <summary>The whole response as sent, from after "* " up to (not including) the final CRLF.</summary>
    public ReadOnlyMemory<byte> Raw { get; }
}
