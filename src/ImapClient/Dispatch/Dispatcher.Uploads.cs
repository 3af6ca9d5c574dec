using System.Runtime.ExceptionServices;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// Sending a command whose literals come from sources (APPEND, MULTIAPPEND, CATENATE): each upload is written at its
/// place in <see cref="CommandWriter.UploadOffsets"/>, and a command abandoned part way is finished so that the server
/// must refuse it whole (DESIGN.md decision 7).
/// </summary>
internal sealed partial class Dispatcher
{
    /// <summary>
    /// Writes one segment of a command with uploads: its built bytes, with each upload that starts inside it written
    /// from its source at its place. The built bytes are small and always go out whole; cancellation is noticed between
    /// an upload's pieces. Returns why it stopped early (the caller's cancellation, a failing or short source, NUL), after
    /// handing the rest of the command to <see cref="AbandonUpload"/>; null when the segment is all out.
    /// </summary>
    private async Task<ExceptionDispatchInfo?> WriteWithUploadsAsync(
        PendingCommand command, IReadOnlyList<Upload> uploads, CommandWriter built, int segmentStart, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        int[] offsets = built.UploadOffsets.ToArray();
        int position = 0;
        for (int i = 0; i < offsets.Length && i < uploads.Count; i++)
        {
            int at = offsets[i] - segmentStart;
            if (at < position || at >= bytes.Length)
            {
                continue;
            }

            await WriteInChunksAsync(command, bytes[position..at], CancellationToken.None).ConfigureAwait(false);
            command.Started = true;
            var upload = uploads[i];
            var (sent, failure) = await WriteUploadAsync(upload, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                AbandonUpload(command, null, upload.Length - sent, upload.RefusedEnd);
                return failure;
            }

            position = at;
        }

        await WriteInChunksAsync(command, bytes[position..], CancellationToken.None).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Finishes, in the background and still holding the writer, a command with uploads whose caller gave up while it
    /// waited for the "+" that ends segment <paramref name="segment"/> - 1: the built bytes up to the next upload as the
    /// server asks for them, then that upload's length in filler and an ending the server must refuse. With no upload
    /// ahead, the rest of the command is written as it is (its data is all out; the answer is discarded).
    /// </summary>
    private void AbandonAhead(PendingCommand command, TaskCompletionSource<ContinuationResponse?>? prompted, CommandWriter built, int segment)
    {
        var points = built.ContinuationPoints;
        int start = points[segment - 1];
        int index = -1;
        var offsets = built.UploadOffsets;
        for (int i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] >= start)
            {
                index = i;
                break;
            }
        }

        var uploads = command.Uploads!;
        if (index < 0 || index >= uploads.Count)
        {
            FinishInBackground(command, prompted, Remaining(built, segment));
            return;
        }

        int uploadAt = offsets[index];
        var pieces = new List<byte[]>();
        for (int s = segment; s < built.SegmentCount; s++)
        {
            int from = points[s - 1];
            if (from >= uploadAt)
            {
                break;
            }

            var piece = built.GetSegment(s);
            pieces.Add(piece[..Math.Min(piece.Length, uploadAt - from)].ToArray());
        }

        bool synchronizing = points.Contains(uploadAt);
        var upload = uploads[index];
        command.Abandoned = true;
        _ = FinishAsync();

        async Task FinishAsync()
        {
            bool handed = false;
            try
            {
                foreach (byte[] piece in pieces)
                {
                    if (prompted is null || await prompted.Task.ConfigureAwait(false) is null)
                    {
                        return;
                    }

                    prompted = CurrentContinue(command);
                    await output.WriteAsync(piece, CancellationToken.None).ConfigureAwait(false);
                    ArmDeadlines(command, prompted);
                }

                handed = true;
                AbandonUpload(command, synchronizing ? prompted : null, upload.Length, upload.RefusedEnd);
            }
            catch (Exception e)
            {
                Shutdown(e is ImapException ? e : new ImapConnectionException($"The connection failed while finishing a cancelled {command.Name}.", e));
            }
            finally
            {
                if (!handed)
                {
                    ReleaseWriter(command);
                }
            }
        }
    }
}
