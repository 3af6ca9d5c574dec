using Imap.Connection;

namespace Imap.Tests.Connection;

/// <summary>The compact set of capability names: atoms compared ignoring case (RFC 9051 §9, "atom").</summary>
public sealed class CapabilitySetTests
{
    [Test]
    public void Lookups_ignore_case_and_duplicates_in_any_case_are_kept_once()
    {
        var set = CapabilitySet.Of(["IMAP4rev1", "LITERAL+", "literal+", "AUTH=PLAIN", "IDLE"]);

        Assert.That(set, Has.Count.EqualTo(4));
        Assert.That(set.Contains("imap4REV1"), Is.True);
        Assert.That(set.Contains("auth=plain"), Is.True);
        Assert.That(set.Contains("AUTH=LOGIN"), Is.False);
        Assert.That(set.Contains("IMAP4"), Is.False, "a prefix is not a member");
        Assert.That(set.Contains(null!), Is.False);
    }

    [Test]
    public void Set_comparisons_follow_the_same_case_rule()
    {
        var set = CapabilitySet.Of(["IMAP4rev1", "IDLE", "MOVE"]);

        Assert.That(set.SetEquals(["move", "idle", "imap4rev1", "IDLE"]), Is.True);
        Assert.That(set.SetEquals(["move", "idle"]), Is.False);
        Assert.That(set.IsSupersetOf(["idle", "move"]), Is.True);
        Assert.That(set.IsProperSupersetOf(["idle", "move"]), Is.True);
        Assert.That(set.IsProperSupersetOf(["idle", "move", "imap4rev1"]), Is.False);
        Assert.That(set.IsSubsetOf(["IDLE", "MOVE", "IMAP4REV1", "QRESYNC"]), Is.True);
        Assert.That(set.IsProperSubsetOf(["IDLE", "MOVE", "IMAP4REV1"]), Is.False);
        Assert.That(set.IsSubsetOf(["IDLE", "MOVE"]), Is.False);
        Assert.That(set.Overlaps(["qresync", "move"]), Is.True);
        Assert.That(set.Overlaps(["qresync"]), Is.False);
    }

    [Test]
    public void A_union_adds_only_what_is_new()
    {
        var set = CapabilitySet.Of(["CONDSTORE"]).Union(["condstore", "QRESYNC"]);

        Assert.That(set, Is.EquivalentTo(new[] { "CONDSTORE", "QRESYNC" }));
        Assert.That(CapabilitySet.Of([]), Is.SameAs(CapabilitySet.Empty));
    }
}
