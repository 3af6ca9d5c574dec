namespace Imap.Tests.Support;

/// <summary>
/// Checks that a client sent nothing it should not have, each ending on a known event or state rather than on a quiet
/// interval (a wait of some milliseconds can miss a write that comes later). Kept apart from <see cref="ScriptedServer"/>,
/// whose sources other test projects share without the client's internals.
/// </summary>
internal static class ScriptedServerProbes
{
    /// <summary>
    /// Proves that <paramref name="client"/> sent nothing more so far: a NOOP it sends now must be the next command
    /// read (commands go on the wire in order), and it completes. Only where nothing is held back: a NOOP queued behind
    /// a held command would not come.
    /// </summary>
    public static async Task ExpectNothingBeforeNoopAsync(this ScriptedServer server, ImapClient client)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        var noop = client.NoopAsync();
        var command = await server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOOP"), "the client sent something before the NOOP");
        await server.SendAsync($"{command.Tag} OK NOOP completed.\r\n");
        await noop.WaitAsync(ScriptedServer.DefaultTimeout);
    }

    /// <summary>
    /// Proves that <paramref name="client"/> holds back the commands named, in this order, and wrote nothing unread:
    /// they wait in its queue (held by the gate, or behind the command that holds the writer), where no byte of theirs
    /// is on the wire. A held command writes nothing, so no event on the wire could show it waiting; the test then
    /// answers what is in flight and reads what the client sends next.
    /// </summary>
    public static void ExpectHeldBack(this ScriptedServer server, ImapClient client, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        Assert.That(client.QueuedCommandNames, Is.EqualTo(names), "the commands the client holds back, in order");
        server.ExpectNothingUnread();
    }
}
