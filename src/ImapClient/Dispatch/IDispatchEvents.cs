using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>What the <see cref="Dispatcher"/> tells its owner (the connection): given once, when it is made.</summary>
internal interface IDispatchEvents
{
    /// <summary>An untagged response no command claimed. Runs on the reader loop.</summary>
    void OnUnsolicited(ImapResponse response);

    /// <summary>The dispatcher faulted (<see cref="Dispatcher.Shutdown"/>); called once, with the first cause.</summary>
    void OnFaulted(Exception error);
}
