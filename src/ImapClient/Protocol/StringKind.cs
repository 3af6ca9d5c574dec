namespace Imap.Protocol;

/// <summary>How a string value was written on the wire.</summary>
internal enum StringKind : byte
{
    /// <summary>NIL (only where the grammar allows nstring).</summary>
    Nil,

    /// <summary>An atom (astring) or other bare token.</summary>
    Atom,

    /// <summary>A quoted string with no backslash escapes: the bytes are the value.</summary>
    Quoted,

    /// <summary>A quoted string with backslash escapes: the bytes still hold them.</summary>
    QuotedEscaped,

    /// <summary>A literal or literal8: the bytes are the value.</summary>
    Literal,
}
