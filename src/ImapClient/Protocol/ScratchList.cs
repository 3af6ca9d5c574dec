namespace Imap.Protocol;

/// <summary>
/// A list the parser reuses to gather the items of a result whose count it learns only by reading them (the parts of
/// a multipart, an address list, body parameters), then copies out at their exact size: one array per result instead
/// of a growing list and the copy made from it. Nested results share one scratch list as a stack: each takes the items
/// added since its own <see cref="Mark"/>. An array that grew past <see cref="MaxKeptLength"/> is let go once the
/// list is empty again, so one huge response does not keep its memory for the connection's life.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ScratchList<T>
{
    /// <summary>The longest array kept between uses.</summary>
    public const int MaxKeptLength = 64;

    private T[] items = [];
    private int count;

    /// <summary>Where the items of a result that starts now will begin.</summary>
    public int Mark => count;

    /// <summary>How many items were added since <paramref name="mark"/>.</summary>
    public int CountSince(int mark) => count - mark;

    public void Add(T item)
    {
        if (count == items.Length)
        {
            Array.Resize(ref items, Math.Max(4, items.Length * 2));
        }

        items[count++] = item;
    }

    /// <summary>The items added since <paramref name="mark"/>, in place (valid until the list changes).</summary>
    public ReadOnlySpan<T> Since(int mark) => items.AsSpan(mark, count - mark);

    /// <summary>The items added since <paramref name="mark"/>, copied out; they are removed from the list.</summary>
    public T[] TakeSince(int mark)
    {
        var taken = items.AsSpan(mark, count - mark).ToArray();
        ResetTo(mark);
        return taken;
    }

    /// <summary>Drops the items added since <paramref name="mark"/> (a result that failed to parse).</summary>
    public void ResetTo(int mark)
    {
        items.AsSpan(mark, count - mark).Clear();
        count = mark;
        if (count == 0 && items.Length > MaxKeptLength)
        {
            items = [];
        }
    }
}
