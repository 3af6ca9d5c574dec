using System.Text;

namespace Imap.IntegrationTests;

/// <summary>APPEND against Dovecot (LITERAL+ and UIDPLUS in force).</summary>
[TestFixture]
public sealed class AppendTests
{
    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Appended_message_comes_back_byte_for_byte_under_its_appenduid()
    {
        await using var client = await ClientFactory.LoginAsync();
        byte[] message = Encoding.UTF8.GetBytes(
            "From: Test <test@example.org>\r\nTo: alice@example.org\r\nSubject: =?UTF-8?Q?Append_=E2=9C=93?=\r\n" +
            "Message-ID: <append-test@example.org>\r\n\r\nBody line one\r\nBody line two\r\n");

        string drafts = DovecotFixture.Target.Mailbox("Drafts");
        var appended = await client.AppendAsync(drafts, message, MessageFlag.Draft | MessageFlag.Keyword("$Test"), new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));

        var uid = appended.Uid;
        Assert.That(uid, Is.Not.Null);
        var box = await client.ExamineAsync(drafts);
        Assert.That(await box.FetchBodyBytesAsync(uid!.Value), Is.EqualTo(message));
        var summary = (await box.FetchListAsync(UidSet.Create(uid.Value), FetchItems.Flags | FetchItems.InternalDate | FetchItems.Envelope)).Single();
        Assert.That(summary.Flags!.Select(f => f.Name), Is.SupersetOf(new[] { "\\Draft", "$Test" }));
        Assert.That(appended.UidValidity, Is.EqualTo(box.UidValidity));
        Assert.That(summary.InternalDate, Is.EqualTo(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2))));
        Assert.That(summary.Envelope!.Subject, Is.EqualTo("Append ✓"));
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Appending_to_a_missing_mailbox_fails_with_trycreate()
    {
        await using var client = await ClientFactory.LoginAsync();

        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.AppendAsync(DovecotFixture.Target.Mailbox("DoesNotExist"), "Subject: x\r\n\r\nx\r\n"u8.ToArray()));

        Assert.That(error!.Code?.Name, Is.EqualTo("TRYCREATE"));
        Assert.That(client.IsConnected, Is.True);
    }
}
