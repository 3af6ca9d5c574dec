namespace Imap.IntegrationTests;

/// <summary>Many commands in flight on one connection to the real Dovecot.</summary>
[TestFixture]
public sealed class PipelinedFetchTests
{
    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task A_thousand_concurrent_uid_fetches_each_get_exactly_their_own_message()
    {
        await using var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");

        var calls = Enumerable.Range(1, 1000)
            .Select(i => Task.Run(() => inbox.FetchListAsync(UidSet.Create(new Uid((uint)i)), FetchItems.Flags | FetchItems.Size)))
            .ToList();
        var results = await Task.WhenAll(calls);

        for (int i = 0; i < results.Length; i++)
        {
            Assert.That(results[i].Select(m => m.Uid.Value), Is.EqualTo(new[] { (uint)(i + 1) }), $"call {i + 1}");
            Assert.That(results[i][0].Size, Is.GreaterThan(0));
        }
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Concurrent_body_fetches_return_each_message_whole()
    {
        await using var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");
        var sizes = (await inbox.FetchListAsync(UidSet.FromRange(new Uid(1), new Uid(200)), FetchItems.Size)).ToDictionary(m => m.Uid, m => m.Size);

        var bodies = await Task.WhenAll(sizes.Keys.Select(uid => inbox.FetchBodyBytesAsync(uid)));

        Assert.That(bodies.Select(b => (long?)b.Length), Is.EqualTo(sizes.Values));
        Assert.That(bodies.Max(b => b.Length), Is.GreaterThan(64 * 1024), "some bodies were large enough to be streamed");
    }

    [Test]
    public async Task Fetching_every_summary_parses_real_dovecot_output_without_a_skipped_response()
    {
        await using var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");

        var all = await inbox.FetchListAsync(UidSet.All, FetchItems.Summary | FetchItems.ModSeq);

        Assert.That(all, Has.Count.EqualTo(DovecotFixture.InboxMessages));
        Assert.That(all.Select(m => m.Uid.Value), Is.Ordered.Ascending);
        Assert.That(all.All(m => m.Envelope is not null && m.Body is not null && m.InternalDate is not null && m.ModSeq is not null), Is.True);
        Assert.That(all.Count(m => m.Body is Multipart), Is.GreaterThan(0));
        Assert.That(all.Count(m => m.Body!.Flatten().OfType<MessagePart>().Any()), Is.GreaterThan(0), "forwarded messages");
        Assert.That(all.Count(m => m.Envelope!.Subject?.Any(c => c > 127) == true), Is.GreaterThan(0), "decoded non-ASCII subjects");
        Assert.That(client.IsConnected, Is.True);
    }
}
