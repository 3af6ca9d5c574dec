using Imap.Mime;

namespace Imap;

/// <summary>
/// One address of an <see cref="Envelope"/> (RFC 9051 §7.5.2 <c>address</c>): display name, source route, mailbox and
/// host as the server sent them. The display name is decoded from RFC 2047 encoded words on first access; the raw
/// bytes stay available.
/// </summary>
public sealed class Address
{
    private readonly byte[]? rawName;
    private string? name;

    internal Address(byte[]? rawName, string? route, string? mailbox, string? host, string? group)
    {
        this.rawName = rawName;
        Route = route;
        Mailbox = mailbox;
        Host = host;
        Group = group;
    }

    /// <summary>The display name, decoded (RFC 2047), or null when the server sent NIL.</summary>
    public string? Name => rawName is null ? null : name ??= EncodedWords.DecodePhrase(rawName);

    /// <summary>The display name's bytes as the server sent them, or empty when NIL.</summary>
    public ReadOnlyMemory<byte> RawName => rawName;

    /// <summary>The obsolete source route (RFC 5322 §4.4), almost always null.</summary>
    public string? Route { get; }

    /// <summary>The local part, before the "@".</summary>
    public string? Mailbox { get; }

    /// <summary>The domain, after the "@".</summary>
    public string? Host { get; }

    /// <summary>
    /// The name of the RFC 5322 group this address belongs to (<c>undisclosed-recipients: a@b, c@d;</c>), or null.
    /// </summary>
    public string? Group { get; }

    /// <summary><c>mailbox@host</c>, or just the part that is present.</summary>
    public string EmailAddress => Host is null ? Mailbox ?? string.Empty : $"{Mailbox}@{Host}";

    /// <inheritdoc/>
    public override string ToString() => Name is { Length: > 0 } n ? $"{n} <{EmailAddress}>" : EmailAddress;
}
