using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Imap;

/// <summary>
/// What an application saves about a mailbox to resynchronise it later (RFC 4549 and RFC 7162 §6): the UIDVALIDITY
/// its UIDs belong to, the HIGHESTMODSEQ it has seen all changes up to (when the server has mod-sequences), UIDNEXT,
/// and the UIDs it holds, as compact ranges. Immutable; stored as versioned JSON with <see cref="ToJson"/>.
/// </summary>
public sealed class MailboxSyncState
{
    /// <summary>The format version written by <see cref="ToJson"/>.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Creates a state.</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="uidValidity">The UIDVALIDITY the UIDs belong to.</param>
    /// <param name="knownUids">The UIDs held locally (bounded).</param>
    /// <param name="highestModSeq">The HIGHESTMODSEQ seen, or null when the mailbox has none.</param>
    /// <param name="uidNext">UIDNEXT as seen, or null.</param>
    /// <exception cref="ArgumentException">An empty name, a zero UIDVALIDITY, or a set with <c>*</c> or <c>$</c>.</exception>
    public MailboxSyncState(string mailbox, uint uidValidity, UidSet knownUids, ulong? highestModSeq, uint? uidNext)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        ArgumentOutOfRangeException.ThrowIfZero(uidValidity);
        ArgumentNullException.ThrowIfNull(knownUids);
        if (!knownUids.IsBounded)
        {
            throw new ArgumentException("The known UIDs must be a bounded set (no * and not $).", nameof(knownUids));
        }

        Mailbox = mailbox;
        UidValidity = uidValidity;
        KnownUids = knownUids;
        HighestModSeq = highestModSeq is 0 ? null : highestModSeq;
        UidNext = uidNext;
    }

    /// <summary>The mailbox name.</summary>
    public string Mailbox { get; }

    /// <summary>The UIDVALIDITY <see cref="KnownUids"/> belong to.</summary>
    public uint UidValidity { get; }

    /// <summary>The UIDs held locally.</summary>
    public UidSet KnownUids { get; }

    /// <summary>The HIGHESTMODSEQ up to which every change was seen; null when the mailbox has no mod-sequences.</summary>
    public ulong? HighestModSeq { get; }

    /// <summary>UIDNEXT as last seen, or null.</summary>
    public uint? UidNext { get; }

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="FormatException">Not a state, or a version this library does not read.</exception>
    public static MailboxSyncState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            int version = root.GetProperty("version").GetInt32();
            if (version != CurrentVersion)
            {
                throw new FormatException($"Sync state version {version} is not one this library reads (it reads {CurrentVersion}).");
            }

            string mailbox = root.GetProperty("mailbox").GetString() ?? string.Empty;
            uint uidValidity = root.GetProperty("uidValidity").GetUInt32();
            string uids = root.GetProperty("knownUids").GetString() ?? string.Empty;
            ulong? modSeq = root.TryGetProperty("highestModSeq", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetUInt64() : null;
            uint? uidNext = root.TryGetProperty("uidNext", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetUInt32() : null;
            var known = uids.Length == 0 ? UidSet.Empty : UidSet.Parse(uids);
            return new MailboxSyncState(mailbox, uidValidity, known, modSeq, uidNext);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("Not a sync state: " + e.Message, e);
        }
    }

    /// <summary>The state as compact JSON: <c>{"version":1,"mailbox":"INBOX","uidValidity":7,"highestModSeq":42,"uidNext":9,"knownUids":"1:5,8"}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteString("mailbox", Mailbox);
            writer.WriteNumber("uidValidity", UidValidity);
            if (HighestModSeq is { } modSeq)
            {
                writer.WriteNumber("highestModSeq", modSeq);
            }

            if (UidNext is { } next)
            {
                writer.WriteNumber("uidNext", next);
            }

            writer.WriteString("knownUids", KnownUids.IsEmpty ? string.Empty : KnownUids.ToString());
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Mailbox} UIDVALIDITY {UidValidity} HIGHESTMODSEQ {HighestModSeq} UIDs {KnownUids}");
}
