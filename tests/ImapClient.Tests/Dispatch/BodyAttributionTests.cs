namespace Imap.Tests.Dispatch;

/// <summary>A FETCH body reaches the command that asked for it, whatever else the server sends about the same message and wherever the UID comes.</summary>
public sealed class BodyAttributionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test(Description = "An unsolicited FETCH of flags for the same UID was taken as the body fetch's response and the body was lost.")]
    public async Task A_flags_fetch_for_the_same_uid_does_not_take_the_place_of_the_body()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var body = inbox.FetchBodyBytesAsync(new Uid(5));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 FETCH (UID 5 FLAGS (\\Seen))\r\n* 3 FETCH (UID 5 BODY[] {{5}}\r\nhello)\r\n{command.Tag} OK\r\n");

        Assert.That(await body.WaitAsync(Wait), Is.EqualTo("hello"u8.ToArray()));
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.InstanceOf<MessageFlagsChanged>(), "the flag change is still reported");
    }

    [Test(Description = "A streamed body whose UID came after the literal was dropped.")]
    public async Task A_large_body_with_the_uid_after_it_still_reaches_its_command()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var body = inbox.FetchBodyBytesAsync(new Uid(5));
        var command = await h.Server.ReadCommandAsync();
        string big = new('x', 70_000);
        await h.Server.SendAsync($"* 3 FETCH (BODY[] {{70000}}\r\n{big} UID 5)\r\n{command.Tag} OK\r\n");

        Assert.That((await body.WaitAsync(Wait)).Length, Is.EqualTo(70_000));
    }
}
