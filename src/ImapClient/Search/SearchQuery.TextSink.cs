using System.Globalization;
using System.Text;

namespace Imap;

/// <summary>The printable form of a query, for <see cref="SearchQuery.ToString"/>.</summary>
public abstract partial class SearchQuery
{
    /// <summary>Writes IMAP text with every string quoted (never a literal), for logs.</summary>
    private sealed class TextSink : ISearchSink
    {
        private readonly StringBuilder text = new();

        public void Atom(string atom) => text.Append(atom);

        public void Space() => text.Append(' ');

        public void Open() => text.Append('(');

        public void Close() => text.Append(')');

        public void Astring(string value)
        {
            if (value.Length != 0 && value.All(IsAstringChar))
            {
                text.Append(value);
            }
            else
            {
                String(value);
            }
        }

        public void String(string value)
        {
            text.Append('"');
            foreach (char c in value)
            {
                if (c is '"' or '\\')
                {
                    text.Append('\\');
                }

                text.Append(c);
            }

            text.Append('"');
        }

        public void Date(DateOnly date) => text.Append(date.ToString("d-MMM-yyyy", CultureInfo.InvariantCulture));

        public void Number(ulong value) => text.Append(value.ToString(CultureInfo.InvariantCulture));

        public void Set(UidSet set) => text.Append(set);

        public void Set(SequenceSet set) => text.Append(set);

        public override string ToString() => text.ToString();

        private static bool IsAstringChar(char c) =>
            c is > ' ' and < (char)0x7F and not ('(' or ')' or '{' or '%' or '*' or '"' or '\\');
    }
}
