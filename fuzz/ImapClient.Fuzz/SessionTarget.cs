namespace Imap.Fuzz;

/// <summary>
/// Target "session": a whole client session over a <see cref="ScriptedServerStream"/> whose server output is the
/// fuzzer's bytes. The client runs a fixed script (connect, LOGIN, SELECT, UID FETCH of summaries and of a body,
/// UID SEARCH, IDLE ended by the caller, LOGOUT) and must never hang nor throw anything but what each call
/// documents: the <see cref="ImapException"/> family, and the documented state errors of the steps named in
/// <see cref="Documents"/>. The script makes no caller errors, so an <see cref="ArgumentException"/> is a finding too.
/// </summary>
public static class SessionTarget
{
    /// <summary>How long one session may take before it counts as hung (far longer than any honest run).</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    /// <summary>How long a stalled client is watched for the process to fall quiet before it counts as waiting anyway.</summary>
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMilliseconds(200);

    private static readonly ImapLimits Limits = new()
    {
        MaxLineLength = 4096,
        MaxLiteralSize = 4096,
        MaxResponseSize = 16384,
        MaxNestingDepth = 16,
        MaxLiteralsPerResponse = 64,
        MaxBodySize = 65536,
    };

    private static readonly FetchRequest Summaries = new(FetchItems.Summary)
    {
        Sections = [BodySection.HeaderFields("Subject")],
    };

    /// <summary>The same with MODSEQ, which a server without CONDSTORE is not asked for.</summary>
    private static readonly FetchRequest SummariesWithModSeq = new(FetchItems.Summary | FetchItems.ModSeq)
    {
        Sections = [BodySection.HeaderFields("Subject")],
    };

    /// <summary>Which exceptions besides the <see cref="ImapException"/> family a step's call documents.</summary>
    [Flags]
    private enum Documents
    {
        None = 0,

        /// <summary>The call documents <see cref="InvalidOperationException"/> for a state the server's data can cause.</summary>
        StateError = 1,

        /// <summary>The call documents <see cref="NotSupportedException"/> for a capability the server may lack.</summary>
        NotSupported = 2,

        /// <summary>The script cancels this call.</summary>
        Cancelled = 4,
    }

    public static void Run(ReadOnlySpan<byte> input)
    {
        var transport = new ScriptedServerStream(input);
        RunAsync(transport).GetAwaiter().GetResult();
    }

    /// <summary>Runs the script over <paramref name="transport"/>; <paramref name="trace"/> hears how each step ended.</summary>
    public static async Task RunAsync(ScriptedServerStream transport, Action<string>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        using var hang = new CancellationTokenSource();
        var deadline = Task.Delay(HangLimit, hang.Token);
        var session = new Session(transport, deadline, trace);
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            await hang.CancelAsync().ConfigureAwait(false);
        }
    }

    private sealed class Session(ScriptedServerStream transport, Task deadline, Action<string>? trace)
    {
        private ImapClient? client;

        public async Task RunAsync()
        {
            var options = new ImapClientOptions
            {
                Host = "fuzz.test",
                Security = ImapSecurity.InsecurePlaintext,
                AllowCleartextPasswords = true,
                Limits = Limits,
                GreetingTimeout = Timeout.InfiniteTimeSpan,
                EventCapacity = 16,
            };
            await StepAsync("connect", async () => client = await ImapClient.ConnectAsync(transport, options).ConfigureAwait(false)).ConfigureAwait(false);
            try
            {
                if (client is null)
                {
                    return;
                }

                await RunScriptAsync(client).ConfigureAwait(false);
            }
            finally
            {
                transport.End();
                if (client is not null)
                {
                    await Within("dispose", client.DisposeAsync().AsTask()).ConfigureAwait(false);
                }

                await transport.DisposeAsync().ConfigureAwait(false);
            }
        }

        private async Task RunScriptAsync(ImapClient imap)
        {
            // The step ends with the post-login setup, which LoginAsync does not wait for: what the setup writes is then
            // part of this step and not, on some runs, of the next.
            await StepAsync("login", () => LoginAsync(imap), Documents.StateError).ConfigureAwait(false);
            SelectedMailbox? inbox = null;
            if (imap.IsConnected)
            {
                await StepAsync("select", async () => inbox = await imap.SelectAsync("INBOX").ConfigureAwait(false)).ConfigureAwait(false);
            }

            if (inbox is not null && imap.IsConnected)
            {
                await StepAsync("fetch", () => inbox.FetchListAsync(UidSet.All, imap.Capabilities.Contains("CONDSTORE") ? SummariesWithModSeq : Summaries), Documents.StateError).ConfigureAwait(false);
            }

            if (inbox is not null && imap.IsConnected)
            {
                await StepAsync("fetch body", () => inbox.FetchBodyBytesAsync(new Uid(1)), Documents.StateError).ConfigureAwait(false);
            }

            if (inbox is not null && imap.IsConnected)
            {
                await StepAsync("search", () => inbox.SearchAsync(SearchQuery.Unseen), Documents.StateError).ConfigureAwait(false);
            }

            if (imap.IsConnected)
            {
                using var stop = new CancellationTokenSource();
                await StepAsync("idle", () => imap.IdleAsync(stop.Token), Documents.NotSupported | Documents.Cancelled, stop.Cancel).ConfigureAwait(false);
            }

            if (imap.IsConnected)
            {
                await StepAsync("logout", () => imap.LogoutAsync()).ConfigureAwait(false);
            }
        }

        /// <summary>Logs in and waits for the post-login setup (which LoginAsync does not wait for).</summary>
        private static async Task LoginAsync(ImapClient imap)
        {
            await imap.LoginAsync("fuzz", "secret").ConfigureAwait(false);
            await imap.WaitForSessionSetupAsync().ConfigureAwait(false);
        }

        /// <summary>
        /// Runs one call of the script to its end. While the client waits for an answer the script does not give, the
        /// first such wait runs <paramref name="onStall"/> (IDLE's caller ending it), and later ones release the next
        /// segment or end the stream, so every call ends without the help of a clock.
        /// </summary>
        private async Task StepAsync(string name, Func<Task> call, Documents documented = Documents.None, Action? onStall = null)
        {
            Task operation;
            try
            {
                operation = call();
            }
            catch (Exception ex)
            {
                operation = Task.FromException(ex);
            }

            while (!operation.IsCompleted)
            {
                var first = await Task.WhenAny(operation, transport.WhenStalledAsync(), deadline).ConfigureAwait(false);
                if (first == deadline)
                {
                    throw Hung(name);
                }

                if (first == operation || !await WaitsForServerAsync(operation).ConfigureAwait(false))
                {
                    continue;
                }

                if (onStall is not null)
                {
                    onStall();
                    onStall = null;
                }
                else
                {
                    trace?.Invoke($"{name}: waits for an answer the script does not give; forcing after {transport.Released} segments");
                    transport.Force();
                }
            }

            try
            {
                await operation.ConfigureAwait(false);
                trace?.Invoke($"{name}: ok ({transport.Released} segments released)");
            }
            catch (Exception ex) when (IsDocumented(ex, documented))
            {
                // A typed failure the caller is told to expect: the script goes on while the connection lasts.
                trace?.Invoke($"{name}: {ex.GetType().Name}: {ex.Message} ({transport.Released} segments released)");
            }
            catch (Exception ex)
            {
                throw new FuzzFindingException($"Step '{name}' threw {ex.GetType().Name}: {ex.Message} (client wrote: \"{Escape(transport.Written)}\")", ex);
            }
        }

        /// <summary>
        /// Whether the client, stalled on a read, is really waiting for the server: true once the process is quiet (no
        /// work queued or running on the thread pool but this check), false when the call completes or the stall ends
        /// meanwhile. An answer the reader has just handed over finishes the call on another thread, and a call may
        /// go on to write another command, after the reader has already gone back to waiting; quiet means neither is
        /// under way. Deciding by this rather than by a clock makes a run repeatable, cold or warm. In a process that
        /// never falls quiet (other work beside), it decides after <see cref="QuietLimit"/>.
        /// </summary>
        private async Task<bool> WaitsForServerAsync(Task operation)
        {
            long start = Environment.TickCount64;
            int quiet = 0;
            while (!operation.IsCompleted && transport.IsStalled)
            {
                quiet = IsQuiet() ? quiet + 1 : 0;
                if (quiet >= 3 || Environment.TickCount64 - start > QuietLimit.TotalMilliseconds)
                {
                    return true;
                }

                await Task.Yield();
            }

            return false;
        }

        private static bool IsQuiet()
        {
            ThreadPool.GetMaxThreads(out int maxWorkers, out _);
            ThreadPool.GetAvailableThreads(out int availableWorkers, out _);
            return ThreadPool.PendingWorkItemCount == 0 && maxWorkers - availableWorkers <= 1;
        }

        private async Task Within(string name, Task task)
        {
            if (await Task.WhenAny(task, deadline).ConfigureAwait(false) == deadline)
            {
                throw Hung(name);
            }

            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                throw new FuzzFindingException($"Step '{name}' threw {ex.GetType().Name}: {ex.Message}", ex);
            }
        }

        private FuzzFindingException Hung(string name) =>
            new($"Step '{name}' did not end within {HangLimit.TotalSeconds:0} s ({transport.Released} of {transport.SegmentCount} segments released; client wrote: \"{Escape(transport.Written)}\").");

        private static bool IsDocumented(Exception ex, Documents documented) => ex switch
        {
            ImapException => true,
            OperationCanceledException => documented.HasFlag(Documents.Cancelled),
            InvalidOperationException => documented.HasFlag(Documents.StateError),
            NotSupportedException => documented.HasFlag(Documents.NotSupported),
            _ => false,
        };

        private static string Escape(string text) =>
            text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
