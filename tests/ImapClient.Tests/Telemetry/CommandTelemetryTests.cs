using System.Diagnostics;
using Imap.Tests.Support;

namespace Imap.Tests.Telemetry;

/// <summary>
/// The meter and the activity source seen by a listener, against the scripted server: one duration per command with
/// its name and how it ended, the active count, bytes counted exactly, and nothing secret in any tag or name.
/// </summary>
public sealed class CommandTelemetryTests
{
    private const string Duration = "imap.client.command.duration";
    private const string Active = "imap.client.commands.active";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_command_gives_one_duration_with_its_name_and_ok_and_one_client_activity()
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host);

        var noop = s.Client.NoopAsync();
        var command = await s.Server.ReadCommandAsync();
        Assert.That(recorder.Of(Active).Where(m => (string?)m["imap.command"] == "NOOP").Sum(m => m.Value), Is.EqualTo(1), "active while in flight");
        await s.Server.SendAsync($"{command.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);

        var durations = recorder.Of(Duration);
        Assert.That(durations, Has.Count.EqualTo(1));
        var duration = durations[0];
        Assert.That(duration["imap.command"], Is.EqualTo("NOOP"));
        Assert.That(duration["imap.response.status"], Is.EqualTo("ok"));
        Assert.That(duration["server.port"], Is.EqualTo(143));
        Assert.That(duration.Tags.Keys, Is.EquivalentTo(new[] { "imap.command", "imap.response.status", "server.address", "server.port" }));
        Assert.That(duration.Value, Is.GreaterThan(0).And.LessThan(Wait.TotalSeconds));
        Assert.That(recorder.Of(Active).Sum(m => m.Value), Is.Zero, "ended: no longer active");

        var activity = recorder.Activities.Single(a => a.OperationName != "IMAP connect");
        Assert.That(activity.DisplayName, Is.EqualTo("IMAP NOOP"));
        Assert.That(activity.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(activity.GetTagItem("imap.command"), Is.EqualTo("NOOP"));
        Assert.That(activity.GetTagItem("server.port"), Is.EqualTo(143));
        Assert.That(activity.GetTagItem("imap.response.status"), Is.EqualTo("ok"));
        Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Unset));
    }

    [TestCase("NO", "no")]
    [TestCase("BAD", "bad")]
    public async Task A_refused_command_is_measured_with_the_servers_status_and_its_activity_fails(string answer, string status)
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host);

        var create = s.Client.CreateMailboxAsync("Secret Project");
        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"{command.Tag} {answer} [ALREADYEXISTS] Secret Project exists\r\n");
        Assert.That(() => create.WaitAsync(Wait), Throws.InstanceOf<ImapCommandException>());

        var duration = recorder.Of(Duration).Single();
        Assert.That(duration["imap.command"], Is.EqualTo("CREATE"));
        Assert.That(duration["imap.response.status"], Is.EqualTo(status));
        var activity = recorder.Activities.Single(a => a.DisplayName == "IMAP CREATE");
        Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(activity.GetTagItem("error.type"), Is.EqualTo(status));
        Assert.That(recorder.AllText(), Has.None.Contains("Secret"), "neither the mailbox name nor the server's text");
    }

    [Test]
    public async Task A_command_cancelled_after_it_was_sent_is_measured_once_as_cancelled_when_its_answer_comes()
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host);
        using var cancel = new CancellationTokenSource();

        var noop = s.Client.NoopAsync(cancel.Token);
        var command = await s.Server.ReadCommandAsync();
        await cancel.CancelAsync();
        Assert.That(() => noop.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(recorder.Of(Duration), Is.Empty, "still in flight: the server has not answered");

        await s.Server.SendAsync($"{command.Tag} OK late\r\n");
        var check = s.Client.CapabilityAsync();
        var next = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"* CAPABILITY IMAP4rev1\r\n{next.Tag} OK\r\n");
        await check.WaitAsync(Wait);

        var noops = recorder.Of(Duration).Where(m => (string?)m["imap.command"] == "NOOP").ToList();
        Assert.That(noops, Has.Count.EqualTo(1));
        Assert.That(noops[0]["imap.response.status"], Is.EqualTo("cancelled"));
        var activity = recorder.Activities.Single(a => a.DisplayName == "IMAP NOOP");
        Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(recorder.Of(Active).Sum(m => m.Value), Is.Zero);
    }

    [Test]
    public async Task A_command_cancelled_before_it_was_sent_is_measured_as_cancelled()
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host);
        using var cancel = new CancellationTokenSource();

        // The SELECT is a barrier: the NOOP queued behind it waits, and is cancelled there.
        var select = s.Client.SelectAsync("INBOX");
        var selectCommand = await s.Server.ReadCommandAsync();
        var noop = s.Client.NoopAsync(cancel.Token);
        await cancel.CancelAsync();
        Assert.That(() => noop.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await s.Server.SendAsync($"* 0 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{selectCommand.Tag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Wait);

        // Ends on a known event: had the NOOP gone out after all, it would come before this CAPABILITY.
        var check = s.Client.CapabilityAsync();
        var next = await s.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("CAPABILITY"), "the cancelled NOOP was never sent");
        await s.Server.SendAsync($"* CAPABILITY IMAP4rev1\r\n{next.Tag} OK\r\n");
        await check.WaitAsync(Wait);

        var noops = recorder.Of(Duration).Where(m => (string?)m["imap.command"] == "NOOP").ToList();
        Assert.That(noops, Has.Count.EqualTo(1));
        Assert.That(noops[0]["imap.response.status"], Is.EqualTo("cancelled"));
        Assert.That(recorder.Of(Active).Sum(m => m.Value), Is.Zero);
    }

    [Test]
    public async Task A_command_timeout_is_measured_as_timeout_and_the_connection_is_no_longer_counted()
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host, commandTimeout: TimeSpan.FromMilliseconds(200));

        var noop = s.Client.NoopAsync();
        await s.Server.ReadCommandAsync();
        Assert.That(() => noop.WaitAsync(Wait), Throws.InstanceOf<ImapTimeoutException>());

        var duration = recorder.Of(Duration).Single();
        Assert.That(duration["imap.response.status"], Is.EqualTo("timeout"));
        Assert.That(duration.Value, Is.GreaterThanOrEqualTo(0.15));
        var activity = recorder.Activities.Single(a => a.DisplayName == "IMAP NOOP");
        Assert.That(activity.GetTagItem("error.type"), Is.EqualTo(typeof(ImapTimeoutException).FullName));

        // The server sees the connection end: the client closed it, and stopped counting it first.
        Assert.That(() => s.Server.ReadLineAsync(), Throws.InstanceOf<EndOfStreamException>());
        Assert.That(recorder.Of("imap.client.connections").Select(m => m.Value), Is.EqualTo(new[] { 1.0, -1.0 }));
    }

    [Test]
    public async Task A_dropped_connection_fails_the_command_as_connection_failed()
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host);

        var noop = s.Client.NoopAsync();
        await s.Server.ReadCommandAsync();
        s.Server.DropConnection();
        Assert.That(() => noop.WaitAsync(Wait), Throws.InstanceOf<ImapConnectionException>());

        Assert.That(recorder.Of(Duration).Single()["imap.response.status"], Is.EqualTo("connection_failed"));
        Assert.That(recorder.Of(Active).Sum(m => m.Value), Is.Zero);
    }

    [Test]
    public async Task Bytes_are_counted_exactly_both_ways()
    {
        using var recorder = new TelemetryRecorder();
        const string Greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n";
        await using var s = await Session.ConnectAsync(recorder.Host, greeting: Greeting);

        var noop = s.Client.NoopAsync();
        var command = await s.Server.ReadCommandAsync();
        string answer = $"* 3 EXISTS\r\n{command.Tag} OK NOOP completed\r\n";
        await s.Server.SendAsync(answer);
        await noop.WaitAsync(Wait);
        var list = s.Client.ListMailboxesAsync();
        var listCommand = await s.Server.ReadCommandAsync();
        string listAnswer = $"* LIST () \"/\" INBOX\r\n* LIST () \"/\" {{5}}\r\nAb\"cd\r\n{listCommand.Tag} OK done\r\n";
        await s.Server.SendAsync(listAnswer);
        await list.WaitAsync(Wait);

        var io = recorder.Of("imap.client.io");
        double sent = io.Where(m => (string?)m["network.io.direction"] == "transmit").Sum(m => m.Value);
        double received = io.Where(m => (string?)m["network.io.direction"] == "receive").Sum(m => m.Value);
        Assert.That(sent, Is.EqualTo(s.Server.Received.Length));
        Assert.That(received, Is.EqualTo(Greeting.Length + answer.Length + listAnswer.Length));
    }

    [Test]
    public async Task Login_and_authenticate_put_no_user_password_or_mailbox_in_any_tag_or_name()
    {
        using var recorder = new TelemetryRecorder();
        await using (var s = await Session.ConnectAsync(recorder.Host))
        {
            var login = s.Client.LoginAsync("alice.wonder", "pencil-9-secret");
            var command = await s.Server.ReadCommandAsync();
            Assert.That(command.Text, Does.Contain("alice.wonder"), "the test must put the secrets on the wire");
            await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");
            await login.WaitAsync(Wait);
            var select = s.Client.SelectAsync("Private Stuff");
            var selectCommand = await s.Server.ReadCommandAsync();
            await s.Server.SendAsync($"* 0 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{selectCommand.Tag} OK [READ-WRITE] done\r\n");
            await select.WaitAsync(Wait);
        }

        await using (var s = await Session.ConnectAsync(recorder.Host, greeting: "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n"))
        {
            var login = s.Client.AuthenticatePlainAsync("alice.wonder", "pencil-9-secret");
            var command = await s.Server.ReadCommandAsync();
            await s.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] alice.wonder may not log in\r\n");
            Assert.That(() => login.WaitAsync(Wait), Throws.InstanceOf<ImapCommandException>());
        }

        var commands = recorder.Of(Duration).Select(m => (string?)m["imap.command"]).ToList();
        Assert.That(commands, Is.EqualTo(new[] { "LOGIN", "SELECT", "AUTHENTICATE PLAIN" }));
        var text = recorder.AllText().ToList();
        Assert.That(text, Is.Not.Empty);
        Assert.That(text, Has.None.Contains("alice").And.None.Contains("pencil").And.None.Contains("Private"));
        Assert.That(text.Any(t => t.Contains("YWxpY2", StringComparison.Ordinal)), Is.False, "nor the SASL response in base64");
    }

    [Test]
    public async Task A_low_level_command_with_an_unknown_name_is_tagged_other_and_a_known_one_by_its_name()
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host);

        var unknown = s.Client.ExecuteAsync(new ImapCommand("XSECRETCUSTOMER42"));
        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"{command.Tag} OK\r\n");
        await unknown.WaitAsync(Wait);
        var quota = s.Client.ExecuteAsync(new ImapCommand("getquotaroot").AString("INBOX"));
        command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"{command.Tag} NO nope\r\n");
        Assert.That((await quota.WaitAsync(Wait)).Status, Is.EqualTo(ImapStatus.No));

        Assert.That(recorder.Of(Duration).Select(m => $"{m["imap.command"]} {m["imap.response.status"]}"), Is.EqualTo(new[] { "_OTHER ok", "GETQUOTAROOT no" }));
        Assert.That(recorder.Activities.Where(a => a.OperationName != "IMAP connect").Select(a => a.DisplayName), Is.EqualTo(new[] { "IMAP", "IMAP GETQUOTAROOT" }));
    }

    [Test]
    public async Task Connecting_with_credentials_is_one_activity_and_the_login_is_its_child()
    {
        using var recorder = new TelemetryRecorder(metrics: false);
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        var connecting = ImapClient.ConnectAsync(clientEnd, new ImapClientOptions(Session.Options(recorder.Host)) { Credentials = ImapCredentials.Password("alice.wonder", "pencil") });
        var login = await server.ReadCommandAsync();
        await server.SendAsync($"{login.Tag} OK [CAPABILITY IMAP4rev1] in\r\n");
        await using var client = await connecting.WaitAsync(Wait);

        var connect = recorder.Activities.Single(a => a.OperationName == "IMAP connect");
        var child = recorder.Activities.Single(a => a.DisplayName == "IMAP LOGIN");
        Assert.That(child.ParentSpanId, Is.EqualTo(connect.SpanId));
        Assert.That(connect.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(connect.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(recorder.AllText(), Has.None.Contains("alice"));
    }

    [Test]
    public async Task A_refused_connection_ends_the_connect_activity_in_error_and_is_no_longer_counted()
    {
        using var recorder = new TelemetryRecorder();
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* BYE too many connections from alice\r\n");

        Assert.That(() => ImapClient.ConnectAsync(clientEnd, Session.Options(recorder.Host)).WaitAsync(Wait), Throws.InstanceOf<ImapConnectionException>());

        var connect = recorder.Activities.Single(a => a.OperationName == "IMAP connect");
        Assert.That(connect.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(connect.StatusDescription, Is.EqualTo("connection_failed"));
        Assert.That(connect.GetTagItem("error.type"), Is.EqualTo(typeof(ImapConnectionException).FullName));
        Assert.That(recorder.Of("imap.client.connections").Select(m => m.Value), Is.EqualTo(new[] { 1.0, -1.0 }));
        Assert.That(recorder.AllText(), Has.None.Contains("alice"), "not the server's text");
    }

    [Test]
    public async Task A_malformed_response_and_dropped_events_are_counted()
    {
        using var recorder = new TelemetryRecorder();
        await using var s = await Session.ConnectAsync(recorder.Host, eventCapacity: 1);

        var noop = s.Client.NoopAsync();
        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"* 7 EXISTS trailing junk\r\n* OK [ALERT] one\r\n* OK [ALERT] two\r\n* OK [ALERT] three\r\n{command.Tag} OK\r\n");
        await noop.WaitAsync(Wait);

        // The skipped response is the one event the backlog holds; the three alerts after it are dropped.
        Assert.That(recorder.Of("imap.client.responses.malformed").Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(recorder.Of("imap.client.events.dropped").Sum(m => m.Value), Is.EqualTo(3));
    }
}
