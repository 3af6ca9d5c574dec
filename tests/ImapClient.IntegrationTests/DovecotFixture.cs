using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// Starts one private Dovecot for the whole test run and stops it afterwards, also when tests fail; or, when
/// IMAP_TEST_SERVER names another server (scripts/interop.sh), starts nothing and points <see cref="Target"/> there.
/// </summary>
[SetUpFixture]
public sealed class DovecotFixture
{
    /// <summary>How many generated messages the primary user's INBOX holds.</summary>
    public const int InboxMessages = 2000;

    private static DovecotInstance? instance;
    private static TestTarget? target;

    /// <summary>The running Dovecot; only valid inside a test that is not server-neutral.</summary>
    public static DovecotInstance Server => instance ?? throw new InvalidOperationException(
        target is null ? "Dovecot is not running." : $"This test needs Dovecot; IMAP_TEST_SERVER names {target.Kind}. Run only the {TestTarget.ServerNeutral} category there.");

    /// <summary>The server the tests talk to; only valid inside a test.</summary>
    internal static TestTarget Target => target ?? throw new InvalidOperationException("No test server is running.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        target = TestTarget.FromEnvironment();
        if (target is null)
        {
            instance = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = InboxMessages });
            target = TestTarget.FromDovecot(instance, InboxMessages);
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (instance is not null)
        {
            await instance.DisposeAsync();
            instance = null;
        }

        target = null;
    }
}
