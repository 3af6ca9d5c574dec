namespace Imap;

/// <summary>
/// The server refused a metadata command with a METADATA response code (RFC 5464 §4.3): a value too large, too many
/// entries, or no private entries. Only that command failed; the connection goes on.
/// </summary>
public sealed class MetadataException : ImapCommandException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command, e.g. "SETMETADATA".</param>
    /// <param name="status">NO or BAD.</param>
    /// <param name="code">The METADATA response code, or null.</param>
    /// <param name="problem">What the code says.</param>
    /// <param name="maxSize">For <see cref="MetadataProblem.MaxSize"/>: the largest value the server accepts, in octets, when it said.</param>
    /// <param name="responseText">The server's human-readable text.</param>
    public MetadataException(string command, ImapStatus status, ResponseCode? code, MetadataProblem problem, long? maxSize, string responseText)
        : base(command, status, code, responseText, $"{command} failed: {problem}{(maxSize is { } max ? $" (largest value accepted: {max} octets)" : string.Empty)}: {responseText}")
    {
        Problem = problem;
        MaxSize = maxSize;
    }

    /// <summary>What the server objected to.</summary>
    public MetadataProblem Problem { get; }

    /// <summary>
    /// For <see cref="MetadataProblem.MaxSize"/>: the largest value the server accepts, in octets; null for the other
    /// problems, and when the server's number is missing or not a <c>number64</c>.
    /// </summary>
    public long? MaxSize { get; }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
