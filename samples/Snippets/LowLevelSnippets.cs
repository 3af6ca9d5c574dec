using System.Text;
using Imap;

namespace Snippets;

/// <summary>The code of docs/low-level-commands.md.</summary>
public static class LowLevelSnippets
{
    public static async Task QuotaRootAsync(ImapClient client, CancellationToken cancellationToken)
    {
        #region raw-command
        // GETQUOTAROOT "INBOX", collecting the QUOTAROOT and QUOTA responses it causes (RFC 9208).
        ImapCommand command = new ImapCommand("GETQUOTAROOT").Mailbox("INBOX").Collect("QUOTAROOT", "QUOTA");
        ImapResult result = await client.ExecuteAsync(command, cancellationToken);
        if (result.Status != ImapStatus.Ok)
        {
            // NO and BAD are returned, not thrown.
            Console.WriteLine($"refused: {result.Status} [{result.ResponseCode}] {result.Text}");
            return;
        }

        foreach (ImapUntaggedResponse response in result.Responses)
            Console.WriteLine($"{response.Name}: {Encoding.UTF8.GetString(response.Raw.Span)}");
        #endregion
    }

    public static async Task ListArgumentsAsync(ImapClient client, UidSet uids, CancellationToken cancellationToken)
    {
        #region raw-command-list
        // UID FETCH 1:5 (X-GM-LABELS): a vendor item. "UID" is the name; the words after it are atoms.
        ImapCommand fetch = new ImapCommand("UID").Atom("FETCH").Set(uids)
            .BeginList().Atom("X-GM-LABELS").EndList()
            .Collect("FETCH");
        ImapResult labels = await client.ExecuteAsync(fetch, cancellationToken);
        Console.WriteLine($"{labels.Responses.Count} FETCH responses");
        #endregion
    }

    public static async Task PipelinedAsync(ImapClient client, CancellationToken cancellationToken)
    {
        #region raw-command-traits
        // A command that touches no mailbox state and collects nothing may run beside others: relax the barrier.
        var ping = new ImapCommand("XPING") { Traits = CommandTraits.None };
        ImapResult[] answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.ExecuteAsync(ping, cancellationToken)));
        Console.WriteLine(string.Join(", ", answers.Select(a => a.Status)));
        #endregion
    }
}
