namespace Imap;

/// <summary>
/// Where a <see cref="SearchQuery"/> writes itself: the command being built (<see cref="Imap.Commands.SearchSyntax"/>)
/// or the printable text of <see cref="SearchQuery.ToString"/>. One walk of the tree serves both.
/// </summary>
internal interface ISearchSink
{
    void Atom(string atom);

    void Space();

    void Open();

    void Close();

    /// <summary>An <c>astring</c> (RFC 9051 §9): atom, quoted string or literal, as the writer decides.</summary>
    void Astring(string value);

    /// <summary>A <c>string</c> (RFC 9051 §9): quoted or literal, never an atom.</summary>
    void String(string value);

    /// <summary>A <c>date</c> (RFC 9051 §9): <c>d-Mon-yyyy</c>.</summary>
    void Date(DateOnly date);

    void Number(ulong value);

    void Set(UidSet set);

    void Set(SequenceSet set);
}
