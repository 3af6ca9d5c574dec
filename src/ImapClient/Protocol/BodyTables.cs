namespace Imap.Protocol;

/// <summary>
/// What the parser reuses while it reads envelopes and body structures: the scratch lists that gather parts,
/// addresses and parameters, and the per-connection tables of shared addresses, address lists and body type names.
/// Made on the first envelope or body structure a connection reads, so that an idle connection holds none of it.
/// </summary>
internal sealed class BodyTables
{
    public ScratchList<Address> AddressScratch { get; } = new();

    public ScratchList<BodyPart> PartScratch { get; } = new();

    public ScratchList<KeyValuePair<string, string>> ParameterScratch { get; } = new();

    public BodyTypeNamesCache BodyTypes { get; } = new();

    /// <summary>Single addresses by their bytes.</summary>
    public ValueCache<Address> Addresses { get; } = new();

    /// <summary>Lists of shared addresses, by the addresses they hold.</summary>
    public AddressListTable AddressLists { get; } = new();
}
