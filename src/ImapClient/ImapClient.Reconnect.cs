using Imap.Commands;
using Imap.Connection;

namespace Imap;

/// <summary>
/// Reconnecting by itself after an unexpected drop (<see cref="ImapClientOptions.Reconnect"/>, docs/reconnect.md): the
/// loop that connects, logs in, sets the session up and selects the mailbox again; commands that wait meanwhile.
/// </summary>
public sealed partial class ImapClient
{
    /// <summary>Set inside the reconnect loop: its own commands go to the new connection instead of waiting for it.</summary>
    private static readonly AsyncLocal<ImapClient?> ReconnectLoopOf = new();

    private readonly object reconnectSync = new();

    /// <summary>Not null while the link is down: completes when it is back, fails when reconnecting gave up.</summary>
    private TaskCompletionSource? linkReady;

    private CancellationTokenSource? reconnectStop;

    /// <summary>The reconnect loop, awaited by <see cref="DisposeAsync"/>.</summary>
    private Task reconnectLoop = Task.CompletedTask;

    /// <summary>The mailbox that was selected at the drop, until it is selected again (or the client closes).</summary>
    private SelectedMailbox? awayFrom;

    /// <summary>LOGOUT, disposal or giving up: a drop from now on is final.</summary>
    private bool closing;

    /// <summary>Opens a new connection (tests over in-memory streams replace it); null: the options' host.</summary>
    private Func<CancellationToken, Task<ImapConnection>>? reopen;

    /// <summary>
    /// Whether the client is reconnecting after a drop (<see cref="ImapClientOptions.Reconnect"/>): commands issued now
    /// wait for the link, then run on the new connection. False once reconnected, and after giving up.
    /// </summary>
    public bool IsReconnecting
    {
        get
        {
            lock (reconnectSync)
            {
                return linkReady is not null && !closing;
            }
        }
    }

    /// <summary>Whether a command must wait for the link first: the link is down, and the caller is not the reconnect loop.</summary>
    private bool MustWaitForLink => Volatile.Read(ref linkReady) is not null && ReconnectLoopOf.Value != this;

    /// <summary>Runs a client over streams that <paramref name="streams"/> opens, the first one and one per reconnect (tests).</summary>
    internal static async Task<ImapClient> ConnectWithStreamsAsync(Func<CancellationToken, Task<Stream>> streams, ImapClientOptions options, CancellationToken cancellationToken = default)
    {
        ReconnectPolicy.Validate(options);
        var client = await ConnectAsync(await streams(cancellationToken).ConfigureAwait(false), options, cancellationToken).ConfigureAwait(false);
        client.reopen = async token => await ImapConnection.OpenAsync(await streams(token).ConfigureAwait(false), options, token).ConfigureAwait(false);
        return client;
    }

    /// <summary>
    /// The current connection faulted. Returns whether the client goes on (reconnecting, or already doing so) rather
    /// than ending; starts the reconnect loop on the first unexpected drop of an authenticated session.
    /// </summary>
    private bool OnConnectionFaulted(ImapConnection faulted, Exception error)
    {
        if (Options.Reconnect is null)
        {
            return false;
        }

        lock (reconnectSync)
        {
            if (closing)
            {
                return false;
            }

            if (!ReferenceEquals(faulted, connection) || linkReady is not null)
            {
                // A connection already replaced, or one the reconnect loop is still setting up: the loop sees its failure.
                return true;
            }

            if (!IsAuthenticated)
            {
                // Never logged in: ConnectAsync reports the failure to its caller.
                return false;
            }

            linkReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            reconnectStop ??= new CancellationTokenSource();
            awayFrom = Interlocked.Exchange(ref selected, null);
            Publish(new ConnectionLost(error.Message, error));
            reconnectLoop = Task.Run(() => ReconnectAsync(error));
        }

        return true;
    }

    /// <summary>LOGOUT or disposal: a drop from now on is final, and a reconnect under way stops.</summary>
    private void StopReconnecting() => _ = StopReconnectingAsync();

    /// <summary>As <see cref="StopReconnecting"/>; completes when the reconnect loop has ended.</summary>
    private Task StopReconnectingAsync()
    {
        TaskCompletionSource? ready;
        CancellationTokenSource? stop;
        SelectedMailbox? away;
        lock (reconnectSync)
        {
            if (closing)
            {
                return reconnectLoop;
            }

            closing = true;
            ready = linkReady;
            stop = reconnectStop;
            away = awayFrom;
            awayFrom = null;
        }

        away?.Invalidate();
        stop?.Cancel();
        ready?.TrySetException(new ImapConnectionException("The client was closed while it was reconnecting."));
        return reconnectLoop;
    }

    private bool IsClosing
    {
        get
        {
            lock (reconnectSync)
            {
                return closing;
            }
        }
    }

    private async Task ReconnectAsync(Exception cause)
    {
        ReconnectLoopOf.Value = this;
        var policy = Options.Reconnect!;
        CancellationToken token;
        SelectedMailbox? previous;
        lock (reconnectSync)
        {
            token = reconnectStop!.Token;
            previous = awayFrom;
        }

        Exception last = cause;
        int attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                await policy.DelayAsync(policy.DelayBefore(attempt), token).ConfigureAwait(false);
                bool resynchronised = await ReconnectOnceAsync(previous, token).ConfigureAwait(false);
                TaskCompletionSource? ready;
                lock (reconnectSync)
                {
                    if (closing)
                    {
                        return;
                    }

                    ready = linkReady;
                    linkReady = null;
                    awayFrom = null;
                }

                Publish(new Reconnected(attempt, resynchronised));
                ready?.TrySetResult();
                return;
            }
            catch (Exception) when (IsClosing)
            {
                // Logged out or disposed meanwhile (which ended the mailbox from before): nothing to report.
                return;
            }
            catch (Exception e)
            {
                last = e;
                await connection.DisposeAsync().ConfigureAwait(false);
                if (!policy.MayRetry(attempt, e))
                {
                    break;
                }
            }
        }

        GiveUp(attempt, last, previous);
    }

    /// <summary>One attempt: connect, log in (with the post-login setup), select the mailbox again.</summary>
    /// <returns>Whether the mailbox was resynchronised with QRESYNC.</returns>
    private async Task<bool> ReconnectOnceAsync(SelectedMailbox? previous, CancellationToken cancellationToken)
    {
        var fresh = await (reopen?.Invoke(cancellationToken) ?? ImapConnection.OpenAsync(Options, cancellationToken)).ConfigureAwait(false);
        ImapConnection old;
        lock (reconnectSync)
        {
            old = connection;
            if (!closing)
            {
                Attach(fresh);
            }
        }

        if (ReferenceEquals(old, connection))
        {
            await fresh.DisposeAsync().ConfigureAwait(false);
            throw new OperationCanceledException("The client was closed while it was reconnecting.");
        }

        await old.DisposeAsync().ConfigureAwait(false);
        if (Capabilities.Count == 0)
        {
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!IsAuthenticated)
        {
            await AuthenticateAsync(Options.Credentials!, cancellationToken).ConfigureAwait(false);
        }

        // Login does not wait for the post-login ENABLE; whether QRESYNC is on is known once it has been answered.
        await SessionSetup.WaitAsync(cancellationToken).ConfigureAwait(false);
        return previous is not null && await ReselectAsync(previous, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Selects <paramref name="previous"/>'s mailbox again, the same way (read-only or not), with QRESYNC from its
    /// UIDVALIDITY and HIGHESTMODSEQ when the connection allows; binds the object to the new selection and raises the
    /// events for what changed while away (or <see cref="ResyncRequired"/>).
    /// </summary>
    /// <returns>Whether the mailbox was resynchronised with QRESYNC.</returns>
    private async Task<bool> ReselectAsync(SelectedMailbox previous, CancellationToken cancellationToken)
    {
        var opened = previous.OpenedWith ?? new SelectOptions { ReadOnly = previous.IsReadOnly };
        uint? uidValidity = previous.UidValidity;
        ulong? modSeq = previous.HighestModSeq;
        bool qresync = Capabilities.Contains("QRESYNC") && EnabledExtensions.Contains("QRESYNC") && uidValidity is > 0 && modSeq is > 0;
        var options = new SelectOptions
        {
            ReadOnly = opened.ReadOnly,
            CondStore = !qresync && opened.CondStore && Capabilities.Contains("CONDSTORE"),
            QResync = qresync ? new QResyncParameters(uidValidity!.Value, modSeq!.Value) : null,
        };
        uint before = previous.Count;
        bool resynchronised = false;
        var command = new SelectCommand<SelectedMailbox>(previous.Name, options, onSending: static () => { }, open: (state, isReadOnly) =>
        {
            // Runs as the tagged OK is read, before any later response: the events keep their order.
            if (uidValidity is { } was && state.UidValidity is { } now && was != now)
            {
                previous.InvalidateForUidValidity(now);
                var replacement = new SelectedMailbox(this, state, isReadOnly) { OpenedWith = opened };
                Interlocked.Exchange(ref selected, replacement);
                Publish(new ResyncRequired(replacement.Name, UidValidityChanged: true));
                return replacement;
            }

            previous.Rebind(state, isReadOnly);
            Interlocked.Exchange(ref selected, previous);
            if (qresync && !state.NoModSeq && state.HighestModSeq is not null)
            {
                resynchronised = true;
                if (!state.Vanished.IsEmpty)
                {
                    Publish(new MessagesVanished(state.Vanished, Earlier: true));
                }

                foreach (var changed in state.Changed)
                {
                    if (changed.Flags is { } flags)
                    {
                        Publish(new MessageFlagsChanged(changed.SequenceNumber, changed.Uid, flags, changed.ModSeq));
                    }
                }
            }
            else
            {
                Publish(new ResyncRequired(previous.Name, UidValidityChanged: false));
            }

            if (state.Count != before)
            {
                Publish(new MessageCountChanged(state.Count));
            }

            return previous;
        });

        try
        {
            await RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException)
        {
            // The link is back but the mailbox cannot be selected (deleted or renamed while away): the old object ends,
            // and the application hears that its picture is void.
            previous.Invalidate();
            Publish(new ResyncRequired(previous.Name, UidValidityChanged: false));
            return false;
        }

        return resynchronised;
    }

    /// <summary>The policy said no more: the client is closed for good, and everything waiting fails.</summary>
    private void GiveUp(int attempts, Exception last, SelectedMailbox? previous)
    {
        TaskCompletionSource? ready;
        lock (reconnectSync)
        {
            if (closing)
            {
                return;
            }

            closing = true;
            ready = linkReady;
            awayFrom = null;
        }

        previous?.Invalidate();
        Publish(new ReconnectFailed(attempts, last));
        ready?.TrySetException(new ImapConnectionException($"Reconnecting gave up after {attempts} attempt(s): {last.Message}", last));
        events.TryComplete();
    }
}
