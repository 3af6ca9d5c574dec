namespace Imap.Protocol;

/// <summary>The outcome of one <see cref="ResponseFramer.Advance"/> call.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Length">
/// For <see cref="FrameStatus.Complete"/>, the length of the response including its CRLF; for
/// <see cref="FrameStatus.LargeLiteral"/>, the length up to and including the literal's header line.
/// </param>
/// <param name="LiteralLength">For <see cref="FrameStatus.LargeLiteral"/>, the announced literal length.</param>
/// <param name="Error">For <see cref="FrameStatus.Error"/>, the reason.</param>
internal readonly record struct FrameResult(FrameStatus Status, long Length, long LiteralLength, FrameError Error)
{
    public static FrameResult Incomplete => new(FrameStatus.Incomplete, 0, 0, FrameError.None);

    public static FrameResult Failed(FrameError error) => new(FrameStatus.Error, 0, 0, error);
}
