using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>The Backup, Watch, Rules and Upload samples, each run as a program against the test server.</summary>
[TestFixture]
public sealed class SampleProgramTests
{
    [Test]
    public async Task Backup_downloads_every_message_then_only_the_new_ones()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateMailboxAsync(client, "Backup", 7);
        string folder = Directory.CreateTempSubdirectory("imapclient-backup-").FullName;
        try
        {
            string first = await SampleProcess.RunAsync("Backup", folder, name);
            Assert.That(first, Does.Contain("downloaded 7 (").And.Contains("0 already there, 7 on the server"));

            await client.AppendAsync(name, Encoding.ASCII.GetBytes("Subject: backup 8\r\n\r\nbody 8\r\n"));
            string second = await SampleProcess.RunAsync("Backup", folder, name);
            Assert.That(second, Does.Contain("downloaded 1 (").And.Contains("7 already there, 8 on the server"));

            var box = await client.ExamineAsync(name);
            string sub = Path.Combine(folder, box.UidValidity!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.That(Directory.GetFiles(sub).Select(Path.GetFileName).Order(StringComparer.Ordinal),
                Is.EqualTo(new[] { "1.eml", "2.eml", "3.eml", "4.eml", "5.eml", "6.eml", "7.eml", "8.eml" }));
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(sub, "3.eml")), Is.EqualTo(await box.FetchBodyBytesAsync(new Uid(3))));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(sub, "8.eml")), Is.EqualTo("Subject: backup 8\r\n\r\nbody 8\r\n"));
            await box.UnselectAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await client.DeleteMailboxAsync(name);
        }
    }

    [Test]
    public async Task Watch_prints_a_new_message_a_flag_change_and_an_expunge_made_by_another_connection()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateMailboxAsync(client, "Watch", 2);
        string archive = name + "-moved";
        await client.CreateMailboxAsync(archive);
        try
        {
            await using var watch = await SampleProcess.StartAsync("Watch", name, "--events", "3", "--seconds", "90");
            await watch.WaitForLineAsync("Watching " + name, TimeSpan.FromSeconds(60));

            await client.AppendAsync(name, Encoding.ASCII.GetBytes("From: Sender <sender@example.com>\r\nSubject: watch me\r\n\r\nhello\r\n"));
            string added = await watch.WaitForLineAsync("new: ", TimeSpan.FromSeconds(30));
            Assert.That(added, Does.Contain("UID 3").And.Contains("watch me").And.Contains("sender@example.com"));

            var box = await client.SelectAsync(name);
            await box.AddFlagsAsync(UidSet.Create(new Uid(1)), MessageFlag.Flagged);
            string flagged = await watch.WaitForLineAsync("flags: ", TimeSpan.FromSeconds(30));
            Assert.That(flagged, Does.Contain("#1").And.Contains("\\Flagged"));

            await box.MoveAsync(UidSet.Create(new Uid(2)), archive);
            string expunged = await watch.WaitForLineAsync("expunged: ", TimeSpan.FromSeconds(30));
            Assert.That(expunged, Does.Contain("#2"));

            string all = await watch.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.That(all, Does.Contain("Stopped after 3 changes; connected: True"));
            await box.UnselectAsync();
        }
        finally
        {
            await client.DeleteMailboxAsync(name);
            await client.DeleteMailboxAsync(archive);
        }
    }

    [Test]
    public async Task Rules_change_nothing_in_a_dry_run_then_move_and_flag_once()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = "Rules-" + Guid.NewGuid().ToString("N")[..12];
        string target = name + "-ci";
        await client.CreateMailboxAsync(name);
        string[] messages =
        [
            "From: CI <noreply@ci.example.com>\r\nSubject: Build failed\r\n\r\nx\r\n",
            "From: Billing <billing@example.com>\r\nSubject: Your invoice is ready\r\n\r\nx\r\n",
            "From: CI <noreply@ci.example.com>\r\nSubject: Invoice for CI minutes\r\n\r\nx\r\n",
            "From: Bob <bob@example.com>\r\nSubject: Lunch\r\n\r\nx\r\n",
        ];
        foreach (string message in messages)
        {
            await client.AppendAsync(name, Encoding.ASCII.GetBytes(message));
        }

        string rules = Path.GetTempFileName();
        await File.WriteAllTextAsync(rules, $"# test rules\nsubject invoice -> flag $Invoice\nfrom noreply@ci.example.com -> move {target}\nsubject lunch -> flag \\Flagged\n");
        try
        {
            string dry = await SampleProcess.RunAsync("Rules", rules, name, "--dry-run");
            Assert.That(dry, Does.Contain("Would change 5 messages."));
            var box = await client.ExamineAsync(name);
            Assert.That(box.Count, Is.EqualTo(4));
            Assert.That((await box.SearchAsync(SearchQuery.Keyword(MessageFlag.Keyword("$Invoice")))).IsEmpty, Is.True);
            await box.UnselectAsync();

            string applied = await SampleProcess.RunAsync("Rules", rules, name);
            Assert.That(applied, Does.Contain("2 messages flagged").And.Contains("2 messages moved").And.Contains("Changed 5 messages."));

            box = await client.ExamineAsync(name);
            Assert.That(await box.SearchAsync(SearchQuery.All), Is.EqualTo(UidSet.Parse("2,4")));
            Assert.That(await box.SearchAsync(SearchQuery.Keyword(MessageFlag.Keyword("$Invoice"))), Is.EqualTo(UidSet.Parse("2")));
            Assert.That(await box.SearchAsync(SearchQuery.Keyword(MessageFlag.Flagged)), Is.EqualTo(UidSet.Parse("4")));
            await box.UnselectAsync();
            var moved = await client.ExamineAsync(target);
            Assert.That(moved.Count, Is.EqualTo(2));
            Assert.That(await moved.SearchAsync(SearchQuery.Keyword(MessageFlag.Keyword("$Invoice"))), Has.Count.EqualTo(1));
            await moved.UnselectAsync();

            string again = await SampleProcess.RunAsync("Rules", rules, name);
            Assert.That(again, Does.Contain("Changed 0 messages."));
        }
        finally
        {
            File.Delete(rules);
            await client.DeleteMailboxAsync(name);
            await DeleteIfThereAsync(client, target);
        }
    }

    [Test]
    public async Task Upload_appends_a_folder_and_skips_messages_already_there_by_message_id()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = "Upload-" + Guid.NewGuid().ToString("N")[..12];
        string folder = Directory.CreateTempSubdirectory("imapclient-upload-").FullName;
        for (int i = 1; i <= 3; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"m{i}.eml"), $"Message-ID: <upload-{i}-{name}@test>\r\nSubject: upload {i}\r\n\r\nbody {i}\r\n");
        }

        // A copy of the first under another name: the same Message-ID, so it is skipped on the first run too.
        File.Copy(Path.Combine(folder, "m1.eml"), Path.Combine(folder, "m9.eml"));
        try
        {
            string first = await SampleProcess.RunAsync("Upload", folder, name);
            Assert.That(first, Does.Contain("Uploaded 3 (").And.Contains("skipped 1 already in"));

            await File.WriteAllTextAsync(Path.Combine(folder, "m4.eml"), $"Message-ID:\r\n <upload-4-{name}@test>\r\nSubject: upload 4\r\n\r\nbody 4\r\n");
            string second = await SampleProcess.RunAsync("Upload", folder, name);
            Assert.That(second, Does.Contain("Uploaded 1 (").And.Contains("skipped 4 already in").And.Contains("uploaded m4.eml"));

            var box = await client.ExamineAsync(name);
            Assert.That(box.Count, Is.EqualTo(4));
            var stored = await box.FetchListAsync(UidSet.All, FetchItems.Envelope);
            Assert.That(stored.Select(m => m.Envelope?.Subject).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "upload 1", "upload 2", "upload 3", "upload 4" }));
            await box.UnselectAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await DeleteIfThereAsync(client, name);
        }
    }

    private static async Task<string> CreateMailboxAsync(ImapClient client, string prefix, int messages)
    {
        string name = prefix + "-" + Guid.NewGuid().ToString("N")[..12];
        await client.CreateMailboxAsync(name);
        for (int i = 1; i <= messages; i++)
        {
            await client.AppendAsync(name, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"From: Test <test@example.com>\r\nSubject: {prefix} {i}\r\n\r\nbody {i}\r\n")));
        }

        return name;
    }

    private static async Task DeleteIfThereAsync(ImapClient client, string name)
    {
        try
        {
            await client.DeleteMailboxAsync(name);
        }
        catch (ImapCommandException)
        {
            // The test failed before the mailbox was made.
        }
    }
}
