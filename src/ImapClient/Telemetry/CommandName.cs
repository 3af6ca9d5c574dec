using System.Collections.Frozen;

namespace Imap.Telemetry;

/// <summary>
/// A command's name as telemetry shows it: one of a fixed set of IMAP command names (RFC 9051 and the extensions this
/// client speaks, "AUTHENTICATE" with the SASL mechanisms it knows), else <see cref="Other"/>. A name from the
/// low-level API that is not in the set never becomes a tag, so the number of tag values stays bounded.
/// </summary>
internal sealed class CommandName
{
    /// <summary>Any command whose name is not in the set (OpenTelemetry's convention for unknown methods).</summary>
    public static readonly CommandName Other = new("_OTHER", "IMAP");

    private static readonly FrozenDictionary<string, CommandName> Known = CreateKnown();

    private CommandName(string tag, string activityName)
    {
        Tag = tag;
        ActivityName = activityName;
    }

    /// <summary>The value of the <c>imap.command</c> tag, upper case.</summary>
    public string Tag { get; }

    /// <summary>The activity's name: "IMAP " and the command, e.g. "IMAP UID FETCH".</summary>
    public string ActivityName { get; }

    /// <summary>The entry for <paramref name="name"/> (compared ignoring case), or <see cref="Other"/>.</summary>
    public static CommandName Of(string name) => Known.TryGetValue(name, out var known) ? known : Other;

    private static FrozenDictionary<string, CommandName> CreateKnown()
    {
        string[] commands =
        [
            "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "LOGIN", "AUTHENTICATE", "ENABLE", "SELECT", "EXAMINE", "CREATE",
            "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB", "XLIST", "NAMESPACE", "STATUS", "APPEND", "IDLE",
            "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "SORT", "THREAD", "ID",
            "COMPRESS", "GETQUOTA", "GETQUOTAROOT", "SETQUOTA", "GETMETADATA", "SETMETADATA", "NOTIFY", "ESEARCH",
            "GETACL", "SETACL", "DELETEACL", "LISTRIGHTS", "MYRIGHTS", "REPLACE", "UID", "UID EXPUNGE", "UID SEARCH",
            "UID FETCH", "UID STORE", "UID COPY", "UID MOVE", "UID SORT", "UID THREAD", "UID REPLACE",
        ];
        string[] mechanisms =
        [
            "PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS",
        ];
        var all = commands.Concat(mechanisms.Select(m => "AUTHENTICATE " + m));
        return all.ToFrozenDictionary(n => n, n => new CommandName(n, "IMAP " + n), StringComparer.OrdinalIgnoreCase);
    }
}
