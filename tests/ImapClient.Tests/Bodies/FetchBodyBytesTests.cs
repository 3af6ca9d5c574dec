using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Bodies;

/// <summary>FetchBodyBytesAsync allocates the body once, at the announced length, within the limit.</summary>
public sealed class FetchBodyBytesTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test(Description = "Bodies over 64 KiB grew a doubling buffer and were copied again by ToArray: about 3x the body in allocations.")]
    public async Task A_streamed_body_allocates_about_its_own_size()
    {
        const int Size = 6 * 1024 * 1024 + 12345;
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var content = new byte[Size];
        new Random(11).NextBytes(content);
        var head = Encoding.ASCII.GetBytes($"* 3 FETCH (UID 7 BODY[] {{{Size}}}\r\n");

        // Warm up the path once so that first-use allocations (JIT, pools) are not counted.
        var warm = inbox.FetchBodyBytesAsync(new Uid(7));
        var first = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 FETCH (UID 7 BODY[] {{70000}}\r\n{new string('x', 70000)})\r\n{first.Tag} OK\r\n");
        await warm.WaitAsync(Wait);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        var body = inbox.FetchBodyBytesAsync(new Uid(7));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(head);
        for (int offset = 0; offset < Size; offset += 256 * 1024)
        {
            await h.Server.SendAsync(content.AsMemory(offset, Math.Min(256 * 1024, Size - offset)));
        }

        var tail = Encoding.ASCII.GetBytes($")\r\n{command.Tag} OK\r\n");
        await h.Server.SendAsync(tail);
        var result = await body.WaitAsync(Wait);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.That(result, Is.EqualTo(content));
        TestContext.Out.WriteLine($"Allocated {allocated} bytes for a {Size}-byte body.");

        // The count is process-wide: it includes the in-memory transport's buffers on both ends (about one more body).
        // The doubling buffer and its copy cost about 3.5 bodies on top of that; the exact array costs one.
        Assert.That(allocated, Is.LessThan(Size * 5L / 2));
    }
}
