using System.Text;

namespace Imap.IntegrationTests;

/// <summary>NAMESPACE, ID, ENABLE, QUOTA and METADATA against Dovecot.</summary>
[TestFixture]
public sealed class ServerInfoTests
{
    [Test]
    public async Task Namespaces_show_the_one_personal_namespace_of_the_test_configuration()
    {
        await using var client = await ClientFactory.LoginAsync();

        var ns = await client.GetNamespacesAsync();

        Assert.That(ns.Personal.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("", (char?)'/') }));
        Assert.That(ns.OtherUsers, Is.Empty);
        Assert.That(ns.Shared, Is.Empty);
    }

    [Test]
    public async Task Id_exchanges_identities_with_dovecot()
    {
        await using var client = await ClientFactory.LoginAsync();

        var server = await client.IdentifyAsync(new Dictionary<string, string?> { ["name"] = "ImapClient tests", ["version"] = "0.1" });

        Assert.That(server["NAME"], Is.EqualTo("Dovecot"));
        Assert.That(await client.IdentifyAsync(), Does.ContainKey("name"));
    }

    [Test]
    public async Task Enable_turns_on_condstore_and_ignores_what_dovecot_does_not_know()
    {
        await using var client = await ClientFactory.LoginAsync();

        var enabled = await client.EnableAsync(["CONDSTORE", "X-NOT-AN-EXTENSION"]);

        Assert.That(enabled, Is.EquivalentTo(new[] { "CONDSTORE" }));
        Assert.That(client.EnabledExtensions, Is.EquivalentTo(new[] { "CONDSTORE" }));
        await client.EnableAsync(["condstore"]);
        Assert.That(client.EnabledExtensions, Is.EquivalentTo(new[] { "CONDSTORE" }), "enabling twice records it once");
        var inbox = await client.ExamineAsync("INBOX");
        Assert.That(inbox.HighestModSeq, Is.GreaterThan(0ul));
    }

    [Test]
    public async Task Quota_root_of_inbox_reports_the_configured_storage_limit_in_kib()
    {
        await using var client = await ClientFactory.LoginAsync();

        var roots = await client.GetQuotaRootAsync("INBOX");
        var quota = await client.GetQuotaAsync("User quota");

        Assert.That(roots.Roots, Is.EqualTo(new[] { "User quota" }));
        var storage = roots.Quotas.Single().Storage!;
        Assert.That(storage.Limit, Is.EqualTo(10ul * 1024 * 1024), "10G in units of 1024 octets");
        Assert.That(storage.Usage, Is.GreaterThan(0L));
        Assert.That(quota.Root, Is.EqualTo("User quota"));
        Assert.That(quota.Storage!.Limit, Is.EqualTo(storage.Limit));
    }

    [Test]
    public async Task Quota_of_an_unknown_root_is_refused()
    {
        await using var client = await ClientFactory.LoginAsync();

        Assert.ThrowsAsync<ImapCommandException>(() => client.GetQuotaAsync("No such root"));
        Assert.That(client.IsConnected, Is.True);
    }

    [Test]
    public async Task Metadata_is_set_read_back_byte_for_byte_and_removed()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        byte[] binary = [.. Encoding.UTF8.GetBytes("line one\r\nZeile zwei: äöü\r\n"), 0xFF, (byte)'"', (byte)'\\'];

        await client.SetMetadataAsync(name,
        [
            MetadataEntry.FromText("/private/comment", "a \"quoted\" comment"),
            new MetadataEntry("/shared/comment", binary),
        ]);
        var read = await client.GetMetadataAsync(name, ["/private/comment", "/shared/comment"]);

        Assert.That(read.Find("/private/comment")!.GetText(), Is.EqualTo("a \"quoted\" comment"));
        Assert.That(read.Find("/shared/comment")!.Value!.Value.ToArray(), Is.EqualTo(binary));

        await client.SetMetadataAsync(name, [MetadataEntry.FromText("/private/comment", null)]);
        var removed = await client.GetMetadataAsync(name, ["/private/comment"]);
        Assert.That(removed.Find("/private/comment")?.Value, Is.Null);
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task Metadata_maxsize_leaves_long_entries_out_and_depth_reads_a_tree()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        await client.SetMetadataAsync(name,
        [
            MetadataEntry.FromText("/private/tree/short", "s"),
            MetadataEntry.FromText("/private/tree/long", new string('x', 100)),
        ]);

        var limited = await client.GetMetadataAsync(name, ["/private/tree/short", "/private/tree/long"], new MetadataOptions { MaxSize = 10 });
        Assert.That(limited.Entries.Select(e => e.Name), Is.EqualTo(new[] { "/private/tree/short" }));
        Assert.That(limited.LongEntries, Is.EqualTo(100L));

        var tree = await client.GetMetadataAsync(name, ["/private/tree"], new MetadataOptions { Depth = MetadataDepth.One });
        Assert.That(tree.Entries.Where(e => e.Value is not null).Select(e => e.Name), Is.EquivalentTo(new[] { "/private/tree/short", "/private/tree/long" }));
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task Server_metadata_lives_under_the_empty_mailbox_name()
    {
        await using var client = await ClientFactory.LoginAsync();
        string value = "server " + Guid.NewGuid().ToString("N");

        await client.SetMetadataAsync("", [MetadataEntry.FromText("/private/vendor/imapclient/test", value)]);
        var read = await client.GetMetadataAsync("", ["/private/vendor/imapclient/test"]);

        Assert.That(read.Mailbox, Is.EqualTo(""));
        Assert.That(read.Find("/private/vendor/imapclient/test")!.GetText(), Is.EqualTo(value));
        await client.SetMetadataAsync("", [MetadataEntry.FromText("/private/vendor/imapclient/test", null)]);
    }

    private static async Task<string> CreateAsync(ImapClient client)
    {
        string name = "ServerInfo-" + Guid.NewGuid().ToString("N")[..12];
        var created = await client.ExecuteAsync(new ImapCommand("CREATE").Mailbox(name));
        Assert.That(created.Status, Is.EqualTo(ImapStatus.Ok), created.Text);
        return name;
    }

    private static async Task DeleteAsync(ImapClient client, string name) =>
        await client.ExecuteAsync(new ImapCommand("DELETE").Mailbox(name));
}
