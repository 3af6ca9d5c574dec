namespace Imap.Tests.Dispatch;

/// <summary>The token commands get instead of the public mailbox: current until ended, and leaving only while current.</summary>
public sealed class MailboxSelectionTests
{
    [Test]
    public void A_current_selection_lets_commands_go_and_leaves_once()
    {
        uint count = 3;
        var selection = new MailboxSelection("INBOX", () => count);
        int left = 0;

        Assert.That(selection.CheckStillSelected(), Is.Null);
        count = 5;
        Assert.That(selection.Count, Is.EqualTo(5u), "the count is read live");
        Assert.That(selection.Leave(() => { left++; selection.End(); }), Is.Null);
        Assert.That(selection.Leave(() => left++), Is.Not.Null, "a second CLOSE finds the mailbox already left");
        Assert.That(left, Is.EqualTo(1));
    }

    [Test]
    public void An_ended_selection_fails_its_commands_naming_the_mailbox()
    {
        var selection = new MailboxSelection("Archive", () => 0);
        selection.End();

        Assert.That(selection.IsCurrent, Is.False);
        Assert.That(selection.CheckStillSelected()?.Message, Does.Contain("'Archive' is no longer the selected mailbox"));
    }
}
