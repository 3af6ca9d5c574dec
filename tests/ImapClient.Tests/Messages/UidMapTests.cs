namespace Imap.Tests.Messages;

public sealed class UidMapTests
{
    [Test]
    public void Copyuid_sets_with_different_range_boundaries_pair_up_by_position()
    {
        var map = UidMap.FromCodes([CopyUid(38505, "304,319:320,400", "3956:3958,4000")]);

        Assert.That(map.DestinationUidValidity, Is.EqualTo(38505));
        Assert.That(map.Count, Is.EqualTo(4));
        Assert.That(map.Select(p => (p.Key.Value, p.Value.Value)), Is.EqualTo(new[] { (304u, 3956u), (319u, 3957u), (320u, 3958u), (400u, 4000u) }));
        Assert.That(map.TryGetDestination(new Uid(320), out var d) ? d.Value : 0, Is.EqualTo(3958));
        Assert.That(map.TryGetDestination(new Uid(305), out _), Is.False);
        Assert.That((map.Source.ToString(), map.Destination.ToString()), Is.EqualTo(("304,319:320,400", "3956:3958,4000")));
    }

    [Test]
    public void Several_codes_of_a_move_are_merged_in_source_order()
    {
        var map = UidMap.FromCodes([CopyUid(7, "10:11", "20:21"), CopyUid(7, "1:2", "18:19")]);

        Assert.That(map.Select(p => (p.Key.Value, p.Value.Value)), Is.EqualTo(new[] { (1u, 18u), (2u, 19u), (10u, 20u), (11u, 21u) }));
    }

    [Test]
    public void A_code_whose_sets_differ_in_size_or_are_open_is_ignored()
    {
        Assert.That(UidMap.FromCodes([CopyUid(7, "1:3", "5:6")]).Count, Is.Zero);
        Assert.That(UidMap.FromCodes([CopyUid(7, "1:*", "5:*")]).Count, Is.Zero);
        Assert.That(UidMap.FromCodes([]).DestinationUidValidity, Is.Null);
    }

    [Test]
    public void A_huge_range_costs_one_piece_and_maps_by_offset()
    {
        var map = UidMap.FromCodes([CopyUid(1, "1:4000000000", "10:4000000009")]);

        Assert.That(map.Count, Is.EqualTo(4_000_000_000u));
        Assert.That(map.TryGetDestination(new Uid(3_999_999_999), out var d) ? d.Value : 0, Is.EqualTo(4_000_000_008u));
    }

    [Test]
    public void A_repeated_or_overlapping_code_maps_no_source_twice()
    {
        var whole = CopyUid(1, "1:4294967295", "1:4294967295");
        var map = UidMap.FromCodes([whole, whole, CopyUid(1, "7:8", "20:21")]);

        Assert.That(map.Count, Is.EqualTo(uint.MaxValue));
        Assert.That(map.TryGetDestination(new Uid(7), out var d) ? d.Value : 0, Is.EqualTo(7u), "the first code wins");

        var moved = UidMap.FromCodes([CopyUid(7, "10:11", "20:21"), CopyUid(7, "11:12", "30:31"), CopyUid(7, "1:2", "18:19")]);
        Assert.That(moved.Select(p => (p.Key.Value, p.Value.Value)), Is.EqualTo(new[] { (1u, 18u), (2u, 19u), (10u, 20u), (11u, 21u) }));
        Assert.That(moved.Count, Is.EqualTo(4u));
    }

    private static ResponseCode CopyUid(uint validity, string source, string destination) =>
        new(ResponseCodeKind.CopyUid, "COPYUID") { Number = validity, SourceSet = UidSet.Parse(source), DestinationSet = UidSet.Parse(destination) };
}
