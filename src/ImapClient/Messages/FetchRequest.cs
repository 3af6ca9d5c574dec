namespace Imap;

/// <summary>
/// What to fetch for each message (RFC 9051 §6.4.5): the items of <see cref="FetchItems"/>, and what a flag enum
/// cannot say: body sections (header fields, parts, ranges) and the CONDSTORE <c>CHANGEDSINCE</c> modifier. A
/// <see cref="FetchItems"/> value converts to a request, so <c>FetchAsync(uids, FetchItems.Envelope)</c> still reads.
/// </summary>
/// <example>
/// <code>
/// var request = new FetchRequest(FetchItems.Flags | FetchItems.Envelope)
/// {
///     Sections = [BodySection.HeaderFields("List-Id", "X-Priority")],
/// };
/// await foreach (var message in inbox.FetchAsync(uids, request)) { ... message.GetSection(request.Sections[0]) ... }
/// </code>
/// </example>
public sealed class FetchRequest
{
    private readonly IReadOnlyList<BodySection> sections = [];

    /// <summary>A request for the UID only; add items with the properties.</summary>
    public FetchRequest()
    {
    }

    /// <summary>A request for these items.</summary>
    /// <param name="items">What to fetch; the UID always comes.</param>
    public FetchRequest(FetchItems items) => Items = items;

    /// <summary>The items (FLAGS, ENVELOPE, BODYSTRUCTURE ...).</summary>
    public FetchItems Items { get; init; }

    /// <summary>
    /// Body sections to fetch with each message, kept in <see cref="MessageSummary.Sections"/>. They are buffered with
    /// the summary, each up to <see cref="ImapLimits.MaxLiteralSize"/>: for whole messages or large parts, use the body
    /// methods, which stream.
    /// </summary>
    public IReadOnlyList<BodySection> Sections
    {
        get => sections;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(static s => s is null))
            {
                throw new ArgumentException("A section is null.", nameof(value));
            }

            sections = [.. value];
        }
    }

    /// <summary>Whether fetching a body section sets <c>\Seen</c> (<c>BODY[...]</c> rather than <c>BODY.PEEK[...]</c>).</summary>
    public bool MarkSeen { get; init; }

    /// <summary>
    /// CHANGEDSINCE (RFC 7162 §3.1.4): only messages whose mod-sequence is greater than this; MODSEQ is then fetched
    /// too. Needs CONDSTORE, else the fetch fails with <see cref="NotSupportedException"/> before anything is sent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Past the 63-bit range of a mod-sequence (RFC 7162 §7).</exception>
    public ulong? ChangedSince
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value ?? 0, (ulong)long.MaxValue, nameof(ChangedSince));
            field = value;
        }
    }

    /// <summary>
    /// The VANISHED modifier (RFC 7162 §3.2.6): with <see cref="ChangedSince"/>, the server also names the UIDs of the
    /// set that were expunged since that mod-sequence (VANISHED (EARLIER)), so one UID FETCH tells both what changed and
    /// what is gone. Only <see cref="SelectedMailbox.FetchChangesAsync"/> takes it, which returns those UIDs in its
    /// result; it needs <see cref="ChangedSince"/> and QRESYNC enabled on the connection, else the fetch fails with
    /// <see cref="ArgumentException"/> or <see cref="NotSupportedException"/> before anything is sent.
    /// </summary>
    public bool IncludeVanished { get; init; }

    /// <summary>The request for these items.</summary>
    /// <param name="items">The items.</param>
    public static implicit operator FetchRequest(FetchItems items) => new(items);

    /// <summary>The request for these items (the conversion, for languages without it).</summary>
    /// <param name="items">The items.</param>
    public static FetchRequest FromFetchItems(FetchItems items) => new(items);

    /// <summary>The items as they are sent, e.g. <c>(UID FLAGS BODY.PEEK[HEADER.FIELDS (LIST-ID)])</c>.</summary>
    public override string ToString()
    {
        using var writer = new Protocol.CommandWriter(Protocol.CommandWriterOptions.Default);
        Commands.FetchSyntax.WriteItems(writer, this);
        return System.Text.Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    /// <summary>The items really asked of the server: CHANGEDSINCE implies MODSEQ.</summary>
    internal FetchItems EffectiveItems => ChangedSince is null ? Items : Items | FetchItems.ModSeq;
}
