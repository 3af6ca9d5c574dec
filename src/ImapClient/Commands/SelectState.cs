
namespace Imap.Commands;

/// <summary>What SELECT or EXAMINE reported about the mailbox, gathered while the command runs.</summary>
internal sealed class SelectState
{
    public string? Name { get; set; }

    public uint Count { get; set; }

    public uint Recent { get; set; }

    public uint? UidValidity { get; set; }

    public uint? UidNext { get; set; }

    public uint? FirstUnseen { get; set; }

    public ulong? HighestModSeq { get; set; }

    public bool NoModSeq { get; set; }

    public FlagSet Flags { get; set; } = FlagSet.Empty;

    /// <summary>PERMANENTFLAGS without <c>\*</c>; null when the server did not send the code.</summary>
    public FlagSet? PermanentFlags { get; set; }

    /// <summary>Whether PERMANENTFLAGS held <c>\*</c>: new keywords can be stored.</summary>
    public bool AllowsNewKeywords { get; set; }

    /// <summary>QRESYNC: the UIDs reported expunged since the saved state (VANISHED (EARLIER)).</summary>
    public UidSet Vanished { get; set; } = UidSet.Empty;

    /// <summary>QRESYNC: the messages whose flags changed since the saved state.</summary>
    public List<MessageSummary> Changed { get; } = [];

    public void Apply(ResponseCode code)
    {
        switch (code.Kind)
        {
            case ResponseCodeKind.UidValidity when code.Number is > 0 and <= uint.MaxValue:
                UidValidity = (uint)code.Number;
                break;
            case ResponseCodeKind.UidNext when code.Number <= uint.MaxValue:
                UidNext = (uint)code.Number;
                break;
            case ResponseCodeKind.Unseen when code.Number <= uint.MaxValue:
                FirstUnseen = (uint)code.Number;
                break;
            case ResponseCodeKind.HighestModSeq:
                HighestModSeq = code.Number;
                break;
            case ResponseCodeKind.NoModSeq:
                NoModSeq = true;
                break;
            case ResponseCodeKind.PermanentFlags:
                PermanentFlags = FlagSet.FromServer(code.Atoms).WithoutWildcard(out bool wildcard);
                AllowsNewKeywords = wildcard;
                break;
        }
    }
}
