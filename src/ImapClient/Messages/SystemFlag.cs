namespace Imap;

/// <summary>The system flags, as bits, for fast membership tests inside <see cref="FlagSet"/>.</summary>
[Flags]
internal enum SystemFlag
{
    None = 0,
    Seen = 1,
    Answered = 2,
    Flagged = 4,
    Deleted = 8,
    Draft = 16,
    Recent = 32,
}

/// <summary>Recognises the system flags' names.</summary>
internal static class SystemFlagNames
{
    public static SystemFlag Parse(string name)
    {
        if (name.Length < 5 || name[0] != '\\')
        {
            return SystemFlag.None;
        }

        var word = name.AsSpan(1);
        return word.Equals("Seen", StringComparison.OrdinalIgnoreCase) ? SystemFlag.Seen
            : word.Equals("Answered", StringComparison.OrdinalIgnoreCase) ? SystemFlag.Answered
            : word.Equals("Flagged", StringComparison.OrdinalIgnoreCase) ? SystemFlag.Flagged
            : word.Equals("Deleted", StringComparison.OrdinalIgnoreCase) ? SystemFlag.Deleted
            : word.Equals("Draft", StringComparison.OrdinalIgnoreCase) ? SystemFlag.Draft
            : word.Equals("Recent", StringComparison.OrdinalIgnoreCase) ? SystemFlag.Recent
            : SystemFlag.None;
    }
}
