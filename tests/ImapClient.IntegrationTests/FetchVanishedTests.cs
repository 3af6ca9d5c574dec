using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>UID FETCH ... (CHANGEDSINCE m VANISHED) against Dovecot (RFC 7162 §3.2.6).</summary>
[TestFixture]
public sealed class FetchVanishedTests
{
    private static readonly string[] QResync = ["QRESYNC"];

    [Test]
    public async Task One_fetch_names_the_flagged_and_the_expunged_messages_since_a_mod_sequence()
    {
        await using var client = await ClientFactory.LoginAsync(enable: QResync);
        await using var other = await ClientFactory.LoginAsync();
        string name = DovecotFixture.Target.Mailbox("Vanished-" + Guid.NewGuid().ToString("N")[..12]);
        await client.CreateMailboxAsync(name);
        for (int i = 1; i <= 12; i++)
        {
            await client.AppendAsync(name, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Subject: v{i}\r\n\r\nbody {i}\r\n")));
        }

        var before = await client.SelectAsync(name);
        ulong since = before.HighestModSeq!.Value;
        await before.UnselectAsync();

        var box = await other.SelectAsync(name);
        await box.AddFlagsAsync(UidSet.Parse("2,9"), MessageFlag.Flagged);
        await box.AddFlagsAsync(UidSet.Parse("4:6,11"), MessageFlag.Deleted);
        await box.ExpungeAsync();
        await box.UnselectAsync();

        var inbox = await client.SelectAsync(name);
        var result = await inbox.FetchChangesAsync(UidSet.Parse("1:12"), new FetchRequest(FetchItems.Flags) { ChangedSince = since, IncludeVanished = true });

        Assert.That(result.Vanished.ToString(), Is.EqualTo("4:6,11"));
        Assert.That(result.Changed.Select(m => m.Uid.Value).Order(), Is.EqualTo(new uint[] { 2, 9 }));
        Assert.That(result.Changed.All(m => m.HasFlag(MessageFlag.Flagged) && m.ModSeq > since), Is.True);

        await inbox.UnselectAsync();
        await client.DeleteMailboxAsync(name);
    }
}
