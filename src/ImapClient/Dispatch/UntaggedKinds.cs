namespace Imap.Dispatch;

/// <summary>
/// Untagged responses that carry nothing tying them to the command that asked for them. A command that collects one
/// of these runs alone among the commands collecting the same kind (docs/design.md, decision 4).
/// </summary>
[Flags]
internal enum UntaggedKinds
{
    None = 0,
    List = 1,
    Lsub = 2,
    Search = 4,
    Sort = 8,
    Thread = 16,
    Namespace = 32,
    Id = 64,
    Quota = 128,
    QuotaRoot = 256,
    Metadata = 512,
    Enabled = 1024,
    Other = 2048,
}
