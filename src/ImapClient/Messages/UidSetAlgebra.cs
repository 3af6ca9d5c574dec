namespace Imap;

/// <summary>Difference and intersection of bounded UID sets, range by range (never UID by UID).</summary>
internal static class UidSetAlgebra
{
    /// <summary>The UIDs of <paramref name="left"/> that are not in <paramref name="right"/>.</summary>
    public static UidSet Except(UidSet left, UidSet right)
    {
        var a = left.Numbers.Ranges;
        var b = right.Numbers.Ranges;
        var result = new List<NumberRange>();
        int j = 0;
        foreach (var range in a)
        {
            ulong start = range.Start;
            while (j < b.Length && b[j].End < start)
            {
                j++;
            }

            int k = j;
            while (start <= range.End && k < b.Length && b[k].Start <= range.End)
            {
                if (b[k].Start > start)
                {
                    result.Add(new NumberRange(start, b[k].Start - 1));
                }

                start = Math.Max(start, b[k].End + 1);
                k++;
            }

            if (start <= range.End)
            {
                result.Add(new NumberRange(start, range.End));
            }
        }

        return UidSet.FromNumbers(NumberSet.FromRanges(result.ToArray()));
    }

    /// <summary>The UIDs in both sets.</summary>
    public static UidSet Intersect(UidSet left, UidSet right)
    {
        var a = left.Numbers.Ranges;
        var b = right.Numbers.Ranges;
        var result = new List<NumberRange>();
        int i = 0;
        int j = 0;
        while (i < a.Length && j < b.Length)
        {
            ulong start = Math.Max(a[i].Start, b[j].Start);
            ulong end = Math.Min(a[i].End, b[j].End);
            if (start <= end)
            {
                result.Add(new NumberRange(start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return UidSet.FromNumbers(NumberSet.FromRanges(result.ToArray()));
    }
}
