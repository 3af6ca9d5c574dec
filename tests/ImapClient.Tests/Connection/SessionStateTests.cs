using Imap.Connection;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Tests.Connection;

/// <summary>
/// The one session state the parser, the dispatcher and the client read: what capabilities and ENABLE mean for how
/// strings are read and commands written.
/// </summary>
public sealed class SessionStateTests
{
    [Test]
    public void A_server_that_speaks_only_IMAP4rev2_is_in_UTF8_mode_at_once()
    {
        var session = new SessionState();
        session.SetCapabilities(["IMAP4rev2", "IDLE"]);

        Assert.That(session.Utf8, Is.True);
        Assert.That(session.WriterOptions.Utf8, Is.True);
        Assert.That(session.WriterOptions.LiteralMode, Is.EqualTo(LiteralMode.LiteralMinus), "IMAP4rev2 includes LITERAL-");
        Assert.That(session.WriterOptions.Names, Is.SameAs(session.Names));
    }

    [Test]
    public void A_server_that_offers_both_revisions_stays_in_modified_UTF7_until_UTF8_is_enabled()
    {
        var session = new SessionState();
        session.SetCapabilities(["IMAP4rev1", "IMAP4rev2", "LITERAL+", "UTF8=ACCEPT"]);
        Assert.That(session.Utf8, Is.False);
        Assert.That(session.WriterOptions.LiteralMode, Is.EqualTo(LiteralMode.LiteralPlus));

        session.NoteEnabled(["utf8=accept"]);

        Assert.That(session.Utf8, Is.True);
        Assert.That(session.WriterOptions.Utf8, Is.True);
        Assert.That(session.Enabled.Contains("UTF8=ACCEPT"), Is.True);
    }

    [Test]
    public void UTF8_once_enabled_survives_a_later_capability_list()
    {
        var session = new SessionState();
        session.NoteEnabled(["IMAP4rev2"]);
        session.SetCapabilities(["IMAP4rev1", "IMAP4rev2"]);

        Assert.That(session.Utf8, Is.True);
        Assert.That(session.WriterOptions.Utf8, Is.True);
    }

    [Test]
    public void Enabling_something_else_changes_nothing_about_strings()
    {
        var session = new SessionState();
        session.SetCapabilities(["IMAP4rev1", "CONDSTORE", "QRESYNC"]);
        var before = session.WriterOptions;

        session.NoteEnabled(["QRESYNC", "CONDSTORE"]);

        Assert.That(session.Utf8, Is.False);
        Assert.That(session.WriterOptions, Is.EqualTo(before));
        Assert.That(session.Enabled, Is.EquivalentTo(new[] { "CONDSTORE", "QRESYNC" }));
    }

    [Test]
    public void Capabilities_are_taken_from_every_response_that_carries_them_and_from_nothing_else()
    {
        var session = new SessionState();

        session.Observe(new CapabilityResponse(["IMAP4rev1", "IDLE"], IsEnabled: false));
        Assert.That(session.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev1", "IDLE" }));

        session.Observe(new CapabilityResponse(["UTF8=ACCEPT"], IsEnabled: true));
        Assert.That(session.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev1", "IDLE" }), "ENABLED lists extensions, not capabilities");

        session.Observe(Parse("A1 OK [CAPABILITY IMAP4rev1 LITERAL+ MOVE] Logged in\r\n"));
        Assert.That(session.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev1", "LITERAL+", "MOVE" }));
        Assert.That(session.WriterOptions.LiteralMode, Is.EqualTo(LiteralMode.LiteralPlus));

        session.Observe(Parse("A2 NO [CAPABILITY IMAP4rev1] Refused\r\n"));
        Assert.That(session.Capabilities, Has.Count.EqualTo(3), "a refused command's code does not replace them");

        session.Observe(Parse("* OK [CAPABILITY IMAP4rev2] Changed\r\n"));
        Assert.That(session.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev2" }));
        Assert.That(session.Utf8, Is.True);
    }

    [Test]
    public void The_parser_reads_names_in_the_mode_the_session_is_in()
    {
        var session = new SessionState();
        var reader = new ResponseReader(ImapLimits.Default, session);
        var utf7 = Read(reader, "* LIST () \"/\" \"Entw&APw-rfe\"\r\n");
        session.NoteEnabled(["UTF8=ACCEPT"]);
        var utf8 = Read(reader, "* LIST () \"/\" \"Entw&APw-rfe\"\r\n");

        Assert.That(utf7.Mailbox.Name, Is.EqualTo("Entwürfe"));
        Assert.That(utf8.Mailbox.Name, Is.EqualTo("Entw&APw-rfe"), "in UTF-8 mode '&' is just a character (RFC 6855 §3)");
    }

    private static ImapResponse Parse(string line)
    {
        var reader = new ResponseReader(ImapLimits.Default);
        var e = reader.TryRead(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(line)), out _);
        Assert.That(e.Kind, Is.EqualTo(ResponseEventKind.Response), line);
        return e.Response!;
    }

    private static ListResponse Read(ResponseReader reader, string line)
    {
        var e = reader.TryRead(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(line)), out _);
        Assert.That(e.Kind, Is.EqualTo(ResponseEventKind.Response), line);
        return (ListResponse)e.Response!;
    }
}
