using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// Starts one private Dovecot for the whole test run and stops it afterwards, also when tests fail.
/// </summary>
[SetUpFixture]
public sealed class DovecotFixture
{
    /// <summary>How many generated messages the primary user's INBOX holds.</summary>
    public const int InboxMessages = 2000;

    private static DovecotInstance? instance;

    /// <summary>The running instance; only valid inside a test.</summary>
    public static DovecotInstance Server => instance ?? throw new InvalidOperationException("Dovecot is not running.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        instance = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = InboxMessages });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (instance is not null)
        {
            await instance.DisposeAsync();
            instance = null;
        }
    }
}
