namespace Imap;

/// <summary>
/// What a query needs from the server and from the pipeline, gathered by walking it once before anything is sent:
/// capabilities (a missing one fails the call with <see cref="NotSupportedException"/>), and the traits that decide
/// what the command may run beside (RFC 9051 §5.5).
/// </summary>
internal sealed class SearchNeeds(Func<string, bool> offers)
{
    /// <summary>The query reads flags (SEEN, KEYWORD, ...): it must not overlap a STORE.</summary>
    public bool ReadsFlags { get; set; }

    /// <summary>The query names messages by sequence number.</summary>
    public bool UsesSequenceNumbers { get; set; }

    /// <summary>The query uses <c>$</c>, the saved search result (RFC 5182).</summary>
    public bool UsesSavedResult { get; set; }

    /// <summary>The query holds non-ASCII text.</summary>
    public bool HasNonAscii { get; set; }

    /// <summary>Throws when the server does not offer <paramref name="capability"/>, needed by <paramref name="key"/>.</summary>
    /// <exception cref="NotSupportedException">The capability is missing; the message names it.</exception>
    public void Require(string capability, string key)
    {
        if (!offers(capability))
        {
            throw new NotSupportedException($"The search key {key} needs the server capability {capability}, which this connection does not offer.");
        }
    }
}
