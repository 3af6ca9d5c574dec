using System.Runtime.CompilerServices;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Connection;

/// <summary>
/// What one connection's session has agreed on so far: the server's capabilities, the extensions ENABLE turned on,
/// whether strings are UTF-8, and so how commands are written. One object per connection, read by the parser (how
/// mailbox names are decoded), the dispatcher (how commands are built) and the client (what it may ask for), so that
/// the three can never disagree (docs/design.md, "Session state").
/// </summary>
/// <remarks>
/// Written by the reader loop as capability-bearing responses arrive (<see cref="Observe"/>) and as ENABLE completes
/// (<see cref="NoteEnabled"/>), and before the loop starts by the greeting; read from any thread. Each value is
/// replaced whole, never changed in place, so a reader sees one consistent value without a lock.
/// </remarks>
internal sealed class SessionState
{
    private readonly object update = new();
    private volatile CapabilitySet capabilities = CapabilitySet.Empty;
    private volatile CapabilitySet enabled = CapabilitySet.Empty;
    private volatile StrongBox<CommandWriterOptions> writerOptions;
    private volatile bool utf8;

    public SessionState()
    {
        writerOptions = new(CommandWriterOptions.Default with { Names = Names });
    }

    /// <summary>The server's capabilities as last reported (empty until it reports them).</summary>
    public CapabilitySet Capabilities => capabilities;

    /// <summary>The extensions ENABLE turned on in this session (RFC 5161).</summary>
    public CapabilitySet Enabled => enabled;

    /// <summary>
    /// Whether strings, mailbox names included, are UTF-8 rather than modified UTF-7: IMAP4rev2 is in use or
    /// UTF8=ACCEPT was enabled (RFC 9051 §6.3.1, RFC 6855 §3). Once on, it stays on for the session.
    /// </summary>
    public bool Utf8 => utf8;

    /// <summary>How commands are written now (literal forms, UTF-8), from the capabilities and enabled extensions.</summary>
    public CommandWriterOptions WriterOptions => writerOptions.Value;

    /// <summary>The server's mailbox names that do not round-trip through their decoded form, kept for writing them back.</summary>
    public MailboxNameTable Names { get; } = new();

    /// <summary>Takes the capabilities from any response that carries them; other responses are ignored.</summary>
    public void Observe(ImapResponse response)
    {
        switch (response)
        {
            case CapabilityResponse { IsEnabled: false } capability:
                SetCapabilities(capability.Capabilities);
                break;
            case StatusResponse { Code: { Kind: ResponseCodeKind.Capability } code }:
                SetCapabilities(code.Atoms);
                break;
            case TaggedResponse { Status: ResponseStatus.Ok, Code: { Kind: ResponseCodeKind.Capability } code }:
                SetCapabilities(code.Atoms);
                break;
        }
    }

    /// <summary>Replaces the capabilities (a CAPABILITY response or code, RFC 9051 §7.2.2).</summary>
    public void SetCapabilities(IEnumerable<string> names)
    {
        var set = CapabilitySet.Of(names);
        lock (update)
        {
            capabilities = set;

            // A server that speaks only IMAP4rev2 is in IMAP4rev2 mode, where strings are UTF-8 (RFC 9051 §6.3.1); one
            // that offers both stays IMAP4rev1 until the client enables IMAP4rev2 or UTF8=ACCEPT (NoteEnabled).
            utf8 |= set.Contains("IMAP4rev2") && !set.Contains("IMAP4rev1");
            Recompute();
        }
    }

    /// <summary>
    /// Records what an ENABLE turned on. Called on the reader loop as the ENABLE completes, so that UTF-8 is in force
    /// for the next response read and the next command built (RFC 6855 §3).
    /// </summary>
    public void NoteEnabled(IEnumerable<string> names)
    {
        lock (update)
        {
            enabled = enabled.Union(names);
            utf8 |= enabled.Contains("UTF8=ACCEPT") || enabled.Contains("IMAP4rev2");
            Recompute();
        }
    }

    private void Recompute()
    {
        var options = CommandWriterOptions.FromCapabilities(
            literalPlus: capabilities.Contains("LITERAL+"),
            literalMinus: capabilities.Contains("LITERAL-") || capabilities.Contains("IMAP4rev2"),
            utf8: utf8) with { Names = Names };
        if (options != writerOptions.Value)
        {
            writerOptions = new(options);
        }
    }
}
