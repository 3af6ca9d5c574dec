using System.Text;

namespace Imap.IntegrationTests;

/// <summary>APPEND against Dovecot (LITERAL+ and UIDPLUS in force).</summary>
[TestFixture]
public sealed class AppendTests
{
    [Test]
    public async Task Appended_message_comes_back_byte_for_byte_under_its_appenduid()
    {
        await using var client = await ClientFactory.LoginAsync();
        byte[] message = Encoding.UTF8.GetBytes(
            "From: Test <test@example.org>\r\nTo: alice@example.org\r\nSubject: =?UTF-8?Q?Append_=E2=9C=93?=\r\n" +
            "Message-ID: <append-test@example.org>\r\n\r\nBody line one\r\nBody line two\r\n");

        var appended = await client.AppendAsync("Drafts", message, MessageFlag.Draft | MessageFlag.Keyword("$Test"), new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));

        var uid = appended.Uid;
        Assert.That(uid, Is.Not.Null);
        var drafts = await client.ExamineAsync("Drafts");
        Assert.That(await drafts.FetchBodyBytesAsync(uid!.Value), Is.EqualTo(message));
        var summary = (await drafts.FetchListAsync(UidSet.Create(uid.Value), FetchItems.Flags | FetchItems.InternalDate | FetchItems.Envelope)).Single();
        Assert.That(summary.Flags!.Select(f => f.Name), Is.SupersetOf(new[] { "\\Draft", "$Test" }));
        Assert.That(appended.UidValidity, Is.EqualTo(drafts.UidValidity));
        Assert.That(summary.InternalDate, Is.EqualTo(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2))));
        Assert.That(summary.Envelope!.Subject, Is.EqualTo("Append ✓"));
    }

    [Test]
    public async Task Appending_to_a_missing_mailbox_fails_with_trycreate()
    {
        await using var client = await ClientFactory.LoginAsync();

        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.AppendAsync("DoesNotExist", "Subject: x\r\n\r\nx\r\n"u8.ToArray()));

        Assert.That(error!.Code?.Name, Is.EqualTo("TRYCREATE"));
        Assert.That(client.IsConnected, Is.True);
    }
}
