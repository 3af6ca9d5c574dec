using System.Buffers;
using System.Text;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>A body nobody has claimed yet is kept within its limit and attached to its response when it ends.</summary>
public sealed class BodyRouterTests
{
    private static FetchResponse Streaming() =>
        new(7) { Sections = [new FetchBodySection("BODY", "", null, null, IsStreamed: true)] };

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    [Test]
    public void An_unclaimed_body_becomes_the_data_of_its_section()
    {
        var router = new BodyRouter();
        var fetch = Streaming();
        router.Start(fetch, new PendingBody("BODY", "", null, 10), claimedBy: null);

        Assert.That(router.Data(Bytes("hello ")), Is.Null);
        Assert.That(router.Data(Bytes("body")), Is.Null);
        router.End();

        Assert.That(fetch.Sections![0].IsStreamed, Is.False);
        Assert.That(Encoding.ASCII.GetString(fetch.Sections[0].Data!), Is.EqualTo("hello body"));
    }

    [Test]
    public void An_unclaimed_body_over_the_limit_is_dropped_and_left_without_data()
    {
        var router = new BodyRouter { MaxUnclaimed = 8 };
        var fetch = Streaming();
        fetch.Uid = 42;
        router.Start(fetch, new PendingBody("BODY", "", null, 10), claimedBy: null);

        Assert.That(router.Data(Bytes("12345")), Is.Null);
        var dropped = router.Data(Bytes("67890"));
        Assert.That(router.Data(Bytes("more")), Is.Null, "dropped once, the rest is ignored");
        router.End();

        Assert.That(dropped, Is.Not.Null);
        Assert.That((dropped!.Name, dropped.Uid, dropped.Limit), Is.EqualTo(("FETCH", (uint?)42, 8L)));
        Assert.That(fetch.Sections![0].IsStreamed, Is.True);
        Assert.That(fetch.Sections[0].Data, Is.Null);
    }

    [Test]
    public void The_next_body_starts_empty()
    {
        var router = new BodyRouter();
        var first = Streaming();
        router.Start(first, new PendingBody("BODY", "", null, 3), claimedBy: null);
        router.Data(Bytes("one"));
        router.End();
        var second = Streaming();
        router.Start(second, new PendingBody("BODY", "", null, 3), claimedBy: null);
        router.Data(Bytes("two"));
        router.End();

        Assert.That(Encoding.ASCII.GetString(second.Sections![0].Data!), Is.EqualTo("two"));
    }
}
