namespace Imap.Tests.Messages;

public sealed class FlagSetTests
{
    [Test]
    public void System_flags_and_keywords_compare_ignoring_case()
    {
        var set = FlagSet.Create(MessageFlag.Seen, MessageFlag.Keyword("$Junk"));

        Assert.That(set.Contains(MessageFlag.Seen), Is.True);
        Assert.That(set.Contains(MessageFlag.Keyword("$JUNK")), Is.True);
        Assert.That(set.Contains(MessageFlag.Flagged), Is.False);
        Assert.That(set.Contains(MessageFlag.Keyword("Junk")), Is.False);
        Assert.That(set.ToString(), Is.EqualTo("(\\Seen $Junk)"));
    }

    [Test]
    public void Operators_union_and_except_drop_duplicates_and_keep_order()
    {
        var set = MessageFlag.Seen | MessageFlag.Flagged | MessageFlag.Seen;
        var more = set.Union(MessageFlag.Keyword("a") | MessageFlag.Flagged);

        Assert.That(more.Select(f => f.Name), Is.EqualTo(new[] { "\\Seen", "\\Flagged", "a" }));
        Assert.That(more.Except(MessageFlag.Flagged).Select(f => f.Name), Is.EqualTo(new[] { "\\Seen", "a" }));
        Assert.That(more.Keywords.Select(f => f.Name), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Sets_with_the_same_flags_in_another_order_and_case_are_equal()
    {
        var a = FlagSet.Create(MessageFlag.Keyword("X"), MessageFlag.Deleted);
        var b = FlagSet.Create(MessageFlag.Deleted, MessageFlag.Keyword("x"));

        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a == FlagSet.Create(MessageFlag.Deleted), Is.False);
    }

    [TestCase("has space")]
    [TestCase("\\Seen")]
    [TestCase("paren(")]
    [TestCase("brace{")]
    [TestCase("quote\"")]
    [TestCase("wild*")]
    [TestCase("wild%")]
    [TestCase("bracket]")]
    [TestCase("cr\r")]
    [TestCase("nul\0")]
    [TestCase("ümlaut")]
    [TestCase("")]
    public void A_keyword_that_is_not_an_atom_is_refused_where_it_is_made(string keyword)
    {
        Assert.That(() => MessageFlag.Keyword(keyword), Throws.ArgumentException);
    }

    [TestCase("$Forwarded")]
    [TestCase("$MDNSent")]
    [TestCase("Important")]
    [TestCase("a.b-c_d+e")]
    public void Keywords_that_are_atoms_are_accepted(string keyword)
    {
        var flag = MessageFlag.Keyword(keyword);

        Assert.That((flag.Name, flag.IsKeyword, flag.IsSystemFlag), Is.EqualTo((keyword, true, false)));
    }

    [Test]
    public void Default_flag_is_refused_in_a_set()
    {
        Assert.That(() => FlagSet.Create(default(MessageFlag)), Throws.ArgumentException);
    }

    [Test]
    public void Flags_from_the_server_keep_their_spelling_and_are_recognised_as_system_flags()
    {
        var set = FlagSet.FromServer(["\\SEEN", "\\Recent", "\\Extension", "$label"]);

        Assert.That(set.Contains(MessageFlag.Seen), Is.True);
        Assert.That(set.Contains(MessageFlag.Recent), Is.True);
        Assert.That(set.Select(f => (f.Name, f.IsSystemFlag, f.IsKeyword)), Is.EqualTo(new[]
        {
            ("\\SEEN", true, false), ("\\Recent", true, false), ("\\Extension", false, false), ("$label", false, true),
        }));
    }

    [Test]
    public void The_wildcard_of_permanentflags_is_taken_out_and_reported()
    {
        var set = FlagSet.FromServer(["\\Seen", "\\*"]).WithoutWildcard(out bool wildcard);

        Assert.That(wildcard, Is.True);
        Assert.That(set.ToString(), Is.EqualTo("(\\Seen)"));
        FlagSet.FromServer(["\\Seen"]).WithoutWildcard(out bool none);
        Assert.That(none, Is.False);
    }
}
