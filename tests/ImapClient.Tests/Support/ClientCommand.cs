namespace Imap.Tests.Support;

/// <summary>A command line the client sent, split at its first space: <c>A1 SELECT INBOX</c> is (<c>A1</c>, <c>SELECT INBOX</c>).</summary>
internal sealed record ClientCommand(string Tag, string Text);
