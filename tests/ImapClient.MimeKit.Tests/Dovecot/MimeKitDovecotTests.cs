using System.Globalization;
using MimeKit;

namespace Imap.MimeKit.Tests.Dovecot;

/// <summary>The MimeKit bridge against Dovecot: what it parses equals what MimeKit makes of the raw bytes.</summary>
[TestFixture]
public sealed class MimeKitDovecotTests
{
    [Test]
    public async Task Every_generated_message_parses_from_the_stream_as_from_its_bytes_and_its_parts_fetch_alone()
    {
        await using var client = await DovecotSetUp.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");
        var summaries = await inbox.FetchListAsync(UidSet.All, FetchItems.BodyStructure);
        Assert.That(summaries, Has.Count.EqualTo(DovecotSetUp.InboxMessages));
        int partsChecked = 0;
        foreach (var summary in summaries)
        {
            byte[] raw = await inbox.FetchBodyBytesAsync(summary.Uid);
            using var reference = await MimeMessage.LoadAsync(new MemoryStream(raw));
            using var streamed = await inbox.FetchMimeMessageAsync(summary.Uid);
            Assert.That(Written(streamed), Is.EqualTo(Written(reference)), $"UID {summary.Uid}");

            // The header section alone: every field, the Content-* ones included (MimeMessage.Headers leaves those to the body).
            HeaderList headers = await inbox.FetchHeadersAsync(summary.Uid);
            HeaderList rawHeaders = await HeaderList.LoadAsync(new MemoryStream(raw));
            Assert.That(headers.Select(h => h.Field + ":" + h.Value), Is.EqualTo(rawHeaders.Select(h => h.Field + ":" + h.Value)), $"UID {summary.Uid}");

            // Every attachment of a multipart message, fetched on its own, decodes to what the whole message holds.
            if (summary.Body is Multipart)
            {
                var named = summary.Body.Flatten().OfType<SinglePart>().Where(p => p.FileName is not null && !p.Section.Contains('.', StringComparison.Ordinal)).ToList();
                foreach (var part in named)
                {
                    var entity = (MimePart)await inbox.FetchMimeEntityAsync(summary.Uid, part);
                    // Section "n" of a multipart message is its n-th child (two attachments may share a file name).
                    var whole = (MimePart)((global::MimeKit.Multipart)reference.Body!)[int.Parse(part.Section, CultureInfo.InvariantCulture) - 1];
                    Assert.That(entity.FileName, Is.EqualTo(whole.FileName));
                    Assert.That(Decode(entity), Is.EqualTo(Decode(whole)), $"UID {summary.Uid} part {part.Section}");
                    partsChecked++;
                }
            }
        }

        Assert.That(partsChecked, Is.GreaterThan(0), "the generated mail has attachments");
        Assert.That(inbox.IsReadOnly, Is.True);
    }

    [Test]
    public async Task A_built_message_is_appended_through_a_stream_and_comes_back_byte_for_byte()
    {
        await using var client = await DovecotSetUp.LoginAsync();
        string name = "MimeKit-" + Guid.NewGuid().ToString("N")[..12];
        await client.CreateMailboxAsync(name);
        try
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Zoë Müller", "zoe@example.com"));
            message.To.Add(new MailboxAddress("Bob", "bob@example.com"));
            message.Subject = "Grüße aus dem Bridge-Test";
            message.MessageId = "bridge-" + name + "@example.com";
            var builder = new BodyBuilder { TextBody = "Hallo Bob,\nanbei die Datei.\n" };
            byte[] data = [.. Enumerable.Range(0, 400_000).Select(i => (byte)(i * 31 + (i >> 8)))];
            builder.Attachments.Add("Prüfbericht.bin", data);
            message.Body = builder.ToMessageBody();

            var sent = new List<long>();
            AppendResult stored = await client.AppendAsync(name, message, new AppendOptions { Flags = MessageFlag.Seen, Progress = new Collect(sent) });
            Assert.That(stored.Uid, Is.EqualTo(new Uid(1)));

            var box = await client.ExamineAsync(name);
            byte[] expected = Written(message);
            Assert.That(await box.FetchBodyBytesAsync(new Uid(1)), Is.EqualTo(expected));
            Assert.That(sent[^1], Is.EqualTo(expected.Length));

            using var back = await box.FetchMimeMessageAsync(new Uid(1));
            Assert.That(back.Subject, Is.EqualTo("Grüße aus dem Bridge-Test"));
            Assert.That(back.MessageId, Is.EqualTo(message.MessageId));
            var attachment = back.Attachments.OfType<MimePart>().Single();
            Assert.That(attachment.FileName, Is.EqualTo("Prüfbericht.bin"));
            Assert.That(Decode(attachment), Is.EqualTo(data));
            Assert.That((await box.FetchListAsync(UidSet.All, FetchItems.Flags))[0].HasFlag(MessageFlag.Seen), Is.True);
            await box.UnselectAsync();
        }
        finally
        {
            await client.DeleteMailboxAsync(name);
        }
    }

    private static byte[] Written(MimeMessage message)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var memory = new MemoryStream();
        message.WriteTo(format, memory);
        return memory.ToArray();
    }

    private static byte[] Decode(MimePart part)
    {
        using var memory = new MemoryStream();
        part.Content!.DecodeTo(memory);
        return memory.ToArray();
    }

    /// <summary>Progress reported synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Collect(List<long> into) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
