using System.Globalization;
using System.Net;
using System.Text;
using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// Reconnecting against Dovecot through a proxy that cuts the link: while the client is away (the proxy refuses new
/// connections), another client expunges and flags; once the link is back, the client reconnects by itself, the
/// mailbox object from before works, and the events report exactly what changed.
/// </summary>
public sealed class ReconnectTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [TestCase(true)]
    [TestCase(false)]
    public async Task After_a_cut_the_client_comes_back_and_reports_exactly_the_changes_or_that_it_cannot(bool qresync)
    {
        var server = DovecotFixture.Target;
        await using var proxy = DroppingProxy.Start(new IPEndPoint(IPAddress.Loopback, server.ImapsPort));
        await using var other = await ClientFactory.LoginAsync();
        string name = server.Mailbox("Reconnect-" + Guid.NewGuid().ToString("N")[..12]);
        await other.CreateMailboxAsync(name);
        for (int i = 1; i <= 10; i++)
        {
            await other.AppendAsync(name, Message(name, i));
        }

        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "127.0.0.1",
            Port = proxy.EndPoint.Port,
            TrustedCertificate = server.Certificate,
            Credentials = ImapCredentials.Password(server.User.Name, server.User.Password),
            EnableExtensions = qresync ? ["QRESYNC"] : [],
            CommandTimeout = Limit,
            Reconnect = new ReconnectPolicy { MaxAttempts = 1000, FirstDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
        });
        var inbox = await client.SelectAsync(name);
        Assert.That(inbox.Count, Is.EqualTo(10u));
        var uids = (await inbox.FetchListAsync(UidSet.All, FetchItems.Flags)).Select(m => m.Uid.Value).ToArray();

        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var collected = Task.Run(async () =>
        {
            var seen = new List<MailboxEvent>();
            await foreach (var change in client.ReadEventsAsync())
            {
                seen.Add(change);
                if (change is ConnectionLost)
                {
                    lost.TrySetResult();
                }

                if (change is Reconnected or ReconnectFailed)
                {
                    break;
                }
            }

            return seen;
        });

        // Cut, and keep the client out while another client changes the mailbox.
        proxy.RefuseConnections = true;
        Assert.That(proxy.DropAll(reset: true), Is.EqualTo(1));
        await lost.Task.WaitAsync(Limit);
        var waiting = client.NoopAsync();

        var box = await other.SelectAsync(name);
        await box.AddFlagsAsync(UidSet.Create([uids[1], uids[6]]), MessageFlag.Flagged);
        await box.AddFlagsAsync(UidSet.Create([uids[2], uids[3]]), MessageFlag.Deleted);
        await box.ExpungeAsync();
        await box.UnselectAsync();
        Assert.That(waiting.IsCompleted, Is.False, "the command waits for the link");

        proxy.RefuseConnections = false;
        var events = await collected.WaitAsync(Limit);
        await waiting.WaitAsync(Limit);

        Assert.That(events[0], Is.TypeOf<ConnectionLost>());
        Assert.That(events[^1], Is.TypeOf<Reconnected>());
        Assert.That(((Reconnected)events[^1]).Resynchronised, Is.EqualTo(qresync));
        var between = events[1..^1];
        if (!qresync)
        {
            // A plain SELECT cannot tell what changed: the application is told to resynchronise, and the count is right.
            Assert.That(between, Is.EqualTo(new MailboxEvent[] { new ResyncRequired(name, UidValidityChanged: false), new MessageCountChanged(8) }));
            await CheckMailboxAsync();
            return;
        }

        var vanished = between.OfType<MessagesVanished>().ToList();
        Assert.That(vanished.All(v => v.Earlier), Is.True);
        Assert.That(UidSet.Create(vanished.SelectMany(v => v.Uids).Select(u => u.Value)).ToString(), Is.EqualTo(UidSet.Create([uids[2], uids[3]]).ToString()));
        var flagged = between.OfType<MessageFlagsChanged>().ToList();
        Assert.That(flagged.Select(f => f.Uid!.Value.Value).Order(), Is.EqualTo(new[] { uids[1], uids[6] }));
        Assert.That(flagged.All(f => f.Flags.Contains(MessageFlag.Flagged)), Is.True);
        Assert.That(between.OfType<MessageCountChanged>().Select(c => c.Count), Is.EqualTo(new[] { 8u }));
        Assert.That(between.Count, Is.EqualTo(vanished.Count + flagged.Count + 1), "nothing else: " + string.Join(", ", between));

        await CheckMailboxAsync();

        // The mailbox object from before the cut works on the new connection.
        async Task CheckMailboxAsync()
        {
            Assert.That((inbox.IsValid, inbox.Count, client.Selected), Is.EqualTo((true, 8u, inbox)));
            var now = await inbox.FetchListAsync(UidSet.All, FetchItems.Flags);
            Assert.That(now.Select(m => m.Uid.Value), Is.EqualTo(uids.Except([uids[2], uids[3]])));
            Assert.That(now.Where(m => m.HasFlag(MessageFlag.Flagged)).Select(m => m.Uid.Value), Is.EqualTo(new[] { uids[1], uids[6] }));
            Assert.That(proxy.AcceptedConnections, Is.GreaterThanOrEqualTo(2));
            await inbox.UnselectAsync();
            await client.DeleteMailboxAsync(name);
        }
    }

    private static byte[] Message(string name, int i) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"From: a{i}@example.org\r\nSubject: reconnect {i}\r\nMessage-ID: <{name}.{i}@example.org>\r\n\r\nbody {i}\r\n"));
}
