namespace Imap.IntegrationTests;

/// <summary>COMPRESS=DEFLATE against Dovecot: everything reads the same through the compressed connection.</summary>
[TestFixture]
public sealed class CompressTests
{
    [Test]
    public async Task Compressed_connection_returns_the_same_summaries_and_bodies()
    {
        await using var plain = await ClientFactory.LoginAsync();
        await using var compressed = await ClientFactory.LoginAsync();
        await compressed.CompressAsync();
        Assert.That(compressed.IsCompressed, Is.True);

        var plainInbox = await plain.ExamineAsync("INBOX");
        var compressedInbox = await compressed.ExamineAsync("INBOX");
        var range = UidSet.FromRange(new Uid(1), new Uid(300));
        var expected = await plainInbox.FetchListAsync(range, FetchItems.Summary);
        var actual = await compressedInbox.FetchListAsync(range, FetchItems.Summary);

        Assert.That(actual.Select(m => (m.Uid, m.Size, m.Envelope?.Subject, m.Envelope?.MessageId)),
            Is.EqualTo(expected.Select(m => (m.Uid, m.Size, m.Envelope?.Subject, m.Envelope?.MessageId))));

        var uids = Enumerable.Range(1, 100).Select(i => new Uid((uint)i)).ToList();
        var plainBodies = await Task.WhenAll(uids.Select(u => plainInbox.FetchBodyBytesAsync(u)));
        var compressedBodies = await Task.WhenAll(uids.Select(u => compressedInbox.FetchBodyBytesAsync(u)));
        Assert.That(compressedBodies, Is.EqualTo(plainBodies));

        Assert.That(() => compressed.CompressAsync(), Throws.InvalidOperationException);
        await compressed.NoopAsync();
        await compressed.LogoutAsync();
    }
}
