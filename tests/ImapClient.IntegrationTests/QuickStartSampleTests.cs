using System.Text;
using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// The QuickStart sample (the README's demo) run as a program. It moves the newest message out of INBOX and back,
/// which gives it a new UID, so it runs as a user of its own (bob) with mail put there by the test: the INBOX the other
/// tests share is not touched.
/// </summary>
[TestFixture]
public sealed class QuickStartSampleTests
{
    [Test]
    public async Task QuickStart_lists_fetches_reads_an_attachment_searches_flags_and_moves_back()
    {
        var bob = DovecotInstance.DefaultUsers[1];
        await using var client = await ClientFactory.ConnectAsync();
        await client.LoginAsync(bob.Name, bob.Password);
        var inbox = await client.SelectAsync("INBOX");
        if (inbox.Count > 0)
        {
            await inbox.AddFlagsAsync(UidSet.All, MessageFlag.Deleted);
            await inbox.ExpungeAsync();
        }

        await client.AppendAsync("INBOX", Encoding.ASCII.GetBytes("From: Ann <ann@example.org>\r\nSubject: first\r\n\r\nhello\r\n"));
        await client.AppendAsync("INBOX", Encoding.ASCII.GetBytes(
            "From: Ben <ben@example.org>\r\nSubject: with a file\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
            "--b1\r\nContent-Type: text/plain\r\n\r\nsee the file\r\n" +
            "--b1\r\nContent-Type: text/plain; name=\"notes.txt\"\r\nContent-Disposition: attachment; filename=\"notes.txt\"\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8gZnJvbSB0aGUgZmlsZQ==\r\n--b1--\r\n"));

        string output = await SampleProcess.RunAsAsync(bob, "QuickStart");

        Assert.That(output, Does.Contain("INBOX: 2 messages"));
        Assert.That(output, Does.Contain("Attachment \"notes.txt\"").And.Contains("19 bytes decoded"));
        Assert.That(output, Does.Contain("Moved it back to INBOX"));
        await inbox.NoopAsync();
        Assert.That(inbox.Count, Is.EqualTo(2u), "the message moved out came back");
        var subjects = await inbox.FetchListAsync(UidSet.All, FetchItems.Envelope);
        Assert.That(subjects.Select(m => m.Envelope!.Subject), Is.EquivalentTo(new[] { "first", "with a file" }));
    }
}
