// Rules: a small rule engine. Reads rules such as "from alice@example.com -> move Lists/Alice" or
// "subject invoice -> flag $Invoice" from a file, and applies them in order to a mailbox: each rule is one SEARCH on the
// server, then one MOVE (the destination is created when the server says TRYCREATE) or one STORE for all the messages
// it matched. A message moved by one rule is gone from the mailbox for the rules after it; a flag rule skips messages
// that have the flag already, so running the rules twice changes nothing the second time. --dry-run only shows what
// would be done.
//
//   dotnet run --project samples/Rules -- RULES-FILE [MAILBOX] [--dry-run]
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
using Imap;
using Rules;
using Samples;

bool dryRun = args.Contains("--dry-run");
string[] positional = [.. args.Where(a => a != "--dry-run")];
if (positional.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Rules RULES-FILE [MAILBOX] [--dry-run]");
    return 2;
}

IReadOnlyList<Rule> rules;
try
{
    rules = Rule.Load(positional[0]);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

string mailbox = positional.Length > 1 ? positional[1] : "INBOX";
await using var client = await DemoServer.ConnectAsync();
SelectedMailbox box = dryRun ? await client.ExamineAsync(mailbox) : await client.SelectAsync(mailbox);
Console.WriteLine($"{rules.Count} rules for {mailbox} ({box.Count} messages){(dryRun ? ", dry run: nothing is changed" : "")}");

long changed = 0;
var movedAway = new HashSet<Uid>();   // in a dry run nothing moves, but later rules must not count those messages again
foreach (Rule rule in rules)
{
    UidSet matched = await box.SearchAsync(rule.Query);
    var uids = UidSet.Create(matched.Where(uid => !movedAway.Contains(uid)));
    if (uids.IsEmpty)
    {
        Console.WriteLine($"{rule}: no messages");
        continue;
    }

    if (dryRun)
    {
        await foreach (MessageSummary m in box.FetchAsync(uids, FetchItems.Envelope))
        {
            Console.WriteLine($"  would {rule.Action} UID {m.Uid}: {m.Envelope?.Subject}");
        }
    }
    else if (rule.Action == "move")
    {
        try
        {
            await box.MoveAsync(uids, rule.Argument);
        }
        catch (ImapCommandException e) when (e.Code?.Kind == ResponseCodeKind.TryCreate)
        {
            await client.CreateMailboxAsync(rule.Argument);
            await box.MoveAsync(uids, rule.Argument);
        }
    }
    else
    {
        await box.AddFlagsAsync(uids, rule.Flag);
    }

    if (rule.Action == "move")
    {
        movedAway.UnionWith(uids);
    }

    changed += uids.Count;
    Console.WriteLine($"{rule}: {uids.Count} messages {(dryRun ? "would be " : "")}{(rule.Action == "move" ? "moved" : "flagged")}");
}

Console.WriteLine($"{(dryRun ? "Would change" : "Changed")} {changed} messages.");
await client.LogoutAsync();
return 0;
