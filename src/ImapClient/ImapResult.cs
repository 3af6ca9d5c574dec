namespace Imap;

/// <summary>The outcome of an <see cref="ImapCommand"/>: its tagged status and the untagged responses it collected.</summary>
public sealed class ImapResult
{
    internal ImapResult(ImapStatus status, string? responseCode, string text, IReadOnlyList<ImapUntaggedResponse> responses)
    {
        Status = status;
        ResponseCode = responseCode;
        Text = text;
        Responses = responses;
    }

    /// <summary>OK, NO or BAD. NO and BAD are reported here, not thrown.</summary>
    public ImapStatus Status { get; }

    /// <summary>The tagged response's code name, e.g. "TRYCREATE", or null.</summary>
    public string? ResponseCode { get; }

    /// <summary>The tagged response's text.</summary>
    public string Text { get; }

    /// <summary>The collected untagged responses, in arrival order.</summary>
    public IReadOnlyList<ImapUntaggedResponse> Responses { get; }
}
