namespace Imap;

/// <summary>
/// The fields of a <see cref="BodyPart"/> that most parts leave empty (Content-ID, Content-Description, Content-MD5,
/// Content-Disposition, Content-Language, Content-Location), kept apart so that a part without them carries one null
/// reference instead of six.
/// </summary>
internal sealed class BodyPartExtras
{
    public string? Id { get; set; }

    public string? Description { get; set; }

    public string? Md5 { get; set; }

    public ContentDisposition? Disposition { get; set; }

    public IReadOnlyList<string> Languages { get; set; } = [];

    public string? Location { get; set; }

    /// <summary>The extras, or null when every one of them is empty.</summary>
    public static BodyPartExtras? Of(string? id, string? description, string? md5, ContentDisposition? disposition, IReadOnlyList<string> languages, string? location) =>
        id is null && description is null && md5 is null && disposition is null && languages.Count == 0 && location is null
            ? null
            : new BodyPartExtras
            {
                Id = id,
                Description = description,
                Md5 = md5,
                Disposition = disposition,
                Languages = languages,
                Location = location,
            };
}
