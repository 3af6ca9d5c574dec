namespace Imap;

/// <summary>
/// How the client reconnects by itself after the connection dropped unexpectedly (set
/// <see cref="ImapClientOptions.Reconnect"/>; off by default). Attempt <c>n</c> waits a random time between zero and
/// <c>min(MaxDelay, FirstDelay × 2^(n-1))</c> ("full jitter", so that many clients cut off at once do not come back at
/// once), then connects, logs in with <see cref="ImapClientOptions.Credentials"/>, runs the same post-login setup, and
/// selects again the mailbox that was selected. See docs/reconnect.md.
/// </summary>
public sealed class ReconnectPolicy
{
    /// <summary>How many attempts before giving up (at least 1). Default: 10.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The upper bound of the first attempt's random wait; it doubles with each attempt. Default: 1 second.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest upper bound of the random wait before an attempt. Default: 1 minute.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Decides, after attempt number <c>n</c> (from 1) failed with the given exception, whether to try again. Null (the
    /// default) tries again when the failure may pass (<see cref="IsTransient"/>): a network error, a time-out, a
    /// server that is unavailable; it gives up at once on refused credentials or a rejected certificate.
    /// <see cref="MaxAttempts"/> bounds the attempts either way.
    /// </summary>
    public Func<int, Exception, bool>? ShouldRetry { get; init; }

    /// <summary>
    /// Whether commands that change nothing on the server and were pending at the drop run again, once, when the link is
    /// back, instead of failing: NOOP, CAPABILITY and STATUS (of the client) and <see cref="SelectedMailbox.NoopAsync"/>.
    /// Default false: every command pending at the drop fails with <see cref="ImapConnectionException"/>.
    /// </summary>
    public bool RetryReadOnlyCommands { get; init; }

    /// <summary>The wait before each attempt (tests replace it with a clock they control).</summary>
    internal Func<TimeSpan, CancellationToken, Task> DelayAsync { get; init; } = Task.Delay;

    /// <summary>A random number in [0, 1) for the jitter (tests make it fixed).</summary>
    internal Func<double> NextRandom { get; init; } = Random.Shared.NextDouble;

    /// <summary>Whether a failure may pass by itself: the default of <see cref="ShouldRetry"/>.</summary>
    /// <param name="error">Why the attempt failed.</param>
    public static bool IsTransient(Exception error) => error switch
    {
        ImapException imap => imap.IsTransient,
        IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The random wait before attempt <paramref name="attempt"/> (from 1): full jitter over the capped exponential bound.</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        double bound = FirstDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62));
        double capped = Math.Min(bound, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * Math.Clamp(NextRandom(), 0, 1)));
    }

    /// <summary>Whether to try again after attempt <paramref name="attempt"/> failed with <paramref name="error"/>.</summary>
    internal bool MayRetry(int attempt, Exception error) =>
        attempt < MaxAttempts && (ShouldRetry?.Invoke(attempt, error) ?? IsTransient(error));

    /// <summary>Checks the policy and that <paramref name="options"/> can log in again without the caller.</summary>
    internal static void Validate(ImapClientOptions options)
    {
        if (options.Reconnect is not { } policy)
        {
            return;
        }

        if (options.Credentials is null)
        {
            throw new ArgumentException(
                "Reconnecting needs ImapClientOptions.Credentials: the client logs in again by itself after a drop. Set Credentials, or leave Reconnect null.",
                nameof(options));
        }

        if (policy.MaxAttempts < 1 || policy.FirstDelay < TimeSpan.Zero || policy.MaxDelay < policy.FirstDelay)
        {
            throw new ArgumentException("ReconnectPolicy needs MaxAttempts ≥ 1 and 0 ≤ FirstDelay ≤ MaxDelay.", nameof(options));
        }
    }
}
