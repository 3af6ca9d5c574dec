namespace Imap.Dispatch;

/// <summary>
/// RFC 9051 §5.5 as rules over command traits: whether a command may go on the wire while other commands are in
/// flight. Pure and small, so that each rule is tested on its own.
/// </summary>
internal static class PipelineGate
{
    /// <summary>Whether <paramref name="candidate"/> may be sent now, beside <paramref name="inFlight"/>.</summary>
    public static bool CanSend(PendingCommand candidate, List<PendingCommand> inFlight)
    {
        if (inFlight.Count == 0)
        {
            return true;
        }

        // A barrier waits for everything before it; one that only changes the selection (SELECT) not for commands that
        // do not involve the selection, unless another rule keeps them apart.
        // Loops rather than a predicate over the list: a lambda capturing the candidate would be allocated on every
        // call, and this runs for every command sent.
        bool barrier = (candidate.Traits & CommandTraits.Barrier) != 0;
        if (barrier && !candidate.ChangesSelection)
        {
            return false;
        }

        foreach (var other in inFlight)
        {
            if ((barrier && !other.IsSelectionIndependent) || Conflicts(candidate, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the two commands must not be in flight together; the reason is the rule that applies.</summary>
    public static bool Conflicts(PendingCommand candidate, PendingCommand other)
    {
        var a = candidate.Traits;
        var b = other.Traits;

        // Everything after a barrier waits for it.
        if ((b & CommandTraits.Barrier) != 0)
        {
            return true;
        }

        // Sequence numbers shift under an EXPUNGE: no command naming them beside one that may expunge, either order.
        if (((a & CommandTraits.UsesSequenceNumbers) != 0 && (b & CommandTraits.MayExpunge) != 0)
            || ((a & CommandTraits.MayExpunge) != 0 && (b & CommandTraits.UsesSequenceNumbers) != 0))
        {
            return true;
        }

        // An encoding switch (a pipelined ENABLE UTF8=ACCEPT) runs beside nothing that reads or writes names, either way
        // round: such a command built before the switch would be read by the server after it.
        if ((candidate.SwitchesEncoding && !other.IsEncodingNeutral) || (other.SwitchesEncoding && !candidate.IsEncodingNeutral))
        {
            return true;
        }

        // Untagged data without correlation: one collector of a kind at a time.
        if ((candidate.Collects & other.Collects) != 0)
        {
            return true;
        }

        // RFC 5182 §2.1: the server runs a command that uses $ only once the SAVE search sent before it has completed,
        // so the two are ordered and may share the wire (the queue keeps submission order). The other way round the
        // client holds back: a SAVE search waits for the commands in flight that use $, so $ cannot change under them.
        bool aUsesSaved = UsesSavedResult(candidate);
        bool bUsesSaved = UsesSavedResult(other);
        if ((a & CommandTraits.SavesSearchResult) != 0 && bUsesSaved)
        {
            return true;
        }

        if (aUsesSaved && (b & CommandTraits.SavesSearchResult) != 0)
        {
            // Not a flags conflict either: a STORE to $ runs after the search that fills $ (the same rule).
            return false;
        }

        // FETCH data for $ carries nothing that says which command asked for it: a command naming $ that takes FETCH
        // data runs beside no other command taking FETCH data.
        if (candidate.ClaimsFetchData && other.ClaimsFetchData && (candidate.Uids is { IsSavedResult: true } || other.Uids is { IsSavedResult: true }))
        {
            return true;
        }

        // Reading flags beside a STORE to the same messages would be ambiguous (RFC 9051 §5.5's example).
        bool aWrites = (a & CommandTraits.WritesFlags) != 0;
        bool bWrites = (b & CommandTraits.WritesFlags) != 0;
        bool aTouches = aWrites || (a & CommandTraits.ReadsFlags) != 0;
        bool bTouches = bWrites || (b & CommandTraits.ReadsFlags) != 0;
        if ((aWrites && bTouches) || (bWrites && aTouches))
        {
            return MayOverlap(candidate.Uids, other.Uids);
        }

        return false;
    }

    private static bool UsesSavedResult(PendingCommand command) =>
        (command.Traits & CommandTraits.UsesSearchResult) != 0 || command.Uids is { IsSavedResult: true };

    private static bool MayOverlap(UidSet? first, UidSet? second)
    {
        // Unknown sets (sequence numbers, saved results, open ranges) are assumed to overlap.
        if (first is null || second is null || !first.IsBounded || !second.IsBounded)
        {
            return true;
        }

        var a = first.Ranges;
        var b = second.Ranges;
        int i = 0;
        int j = 0;
        while (i < a.Count && j < b.Count)
        {
            uint aFirst = a[i].First!.Value.Value;
            uint aLast = a[i].Last!.Value.Value;
            uint bFirst = b[j].First!.Value.Value;
            uint bLast = b[j].Last!.Value.Value;
            if (aLast < bFirst)
            {
                i++;
            }
            else if (bLast < aFirst)
            {
                j++;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
