using Imap.Dispatch;

namespace Imap;

/// <summary>
/// Commands while the client reconnects (docs/reconnect.md): those issued meanwhile wait for the link; with
/// <see cref="ReconnectPolicy.RetryReadOnlyCommands"/>, read-only ones pending at the drop run again.
/// </summary>
public sealed partial class ImapClient
{
    /// <summary>Waits for the link, bounded by the caller's cancellation and the command timeout, then runs the command.</summary>
    private async Task<TResult> RunAfterReconnectAsync<TResult>(PendingCommand<TResult> command, CancellationToken cancellationToken)
    {
        try
        {
            await WaitForLinkAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Never sent: the command ends here, so that whatever waits on its side (a FETCH's stream) ends too.
            command.Fail(e);
            throw;
        }

        return await RunAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a command that changes nothing on the server; with <see cref="ReconnectPolicy.RetryReadOnlyCommands"/>, one
    /// that failed because its connection dropped runs again, once, when the link is back (a fresh command from
    /// <paramref name="make"/>: a command object runs once). Without the option this is <see cref="RunAsync"/>.
    /// </summary>
    internal Task<TResult> RunReadOnlyAsync<TState, TResult>(Func<TState, PendingCommand<TResult>> make, TState state, CancellationToken cancellationToken) =>
        Options.Reconnect is { RetryReadOnlyCommands: true } && ReconnectLoopOf.Value != this
            ? RunRetryingAsync(make, state, cancellationToken)
            : RunAsync(make(state), cancellationToken);

    private async Task<TResult> RunRetryingAsync<TState, TResult>(Func<TState, PendingCommand<TResult>> make, TState state, CancellationToken cancellationToken)
    {
        var used = connection;
        try
        {
            return await RunAsync(make(state), cancellationToken).ConfigureAwait(false);
        }
        catch (ImapException e) when (e is ImapConnectionException or ImapTimeoutException
            && used.Dispatcher.Fault is not null
            && !cancellationToken.IsCancellationRequested
            && OnConnectionFaulted(used, e)
            && !IsClosing)
        {
            // The drop may reach the caller before the dispatcher tells the client (both follow one fault);
            // OnConnectionFaulted starts the reconnect if it has not started yet, so that the retry waits for it.
            return await RunAsync(make(state), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForLinkAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref linkReady) is not { } ready)
        {
            return;
        }

        TimeSpan limit = Options.CommandTimeout;
        try
        {
            await (limit == Timeout.InfiniteTimeSpan ? ready.Task.WaitAsync(cancellationToken) : ready.Task.WaitAsync(limit, cancellationToken)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ImapTimeoutException($"The connection was not back within the command timeout ({limit}); the command was not sent.", e);
        }
        catch (ImapConnectionException e)
        {
            // One exception per waiter, each with the shared cause.
            throw new ImapConnectionException(e.Message, e);
        }
    }
}
