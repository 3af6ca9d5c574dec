namespace Imap.Tests.Dispatch;

/// <summary>The stream of unsolicited events ends when the connection does.</summary>
public sealed class EventStreamEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test(Description = "Event readers waited forever after the connection ended.")]
    public async Task Event_readers_end_when_the_connection_ends()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var reading = Task.Run(async () =>
        {
            int count = 0;
            await foreach (var e in h.Client.ReadEventsAsync())
            {
                count++;
            }

            return count;
        });

        h.Server.DropConnection();

        Assert.That(await reading.WaitAsync(Wait), Is.Zero);
    }
}
