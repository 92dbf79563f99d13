namespace Hallway.Core.Files;

/// <summary>
/// An uploaded file as clients see it: on messages, as avatars and as custom stickers. The media
/// type comes from the bytes, never from the name; only PNG, JPEG, GIF and WebP count as images.
/// </summary>
public sealed record Attachment(
    long Id,
    string Name,
    long Size,
    string MediaType,
    bool IsImage,
    int? Width,
    int? Height,
    bool HasPreview,
    DateTimeOffset CreatedAt);

/// <summary>A file's row with what only the server needs: who uploaded it and where its bytes are.</summary>
public sealed record StoredFile(
    Attachment File,
    long OwnerId,
    string Sha256,
    string? PreviewSha256,
    string? PreviewMediaType)
{
    public long Id => File.Id;
}

/// <summary>An upload whose bytes are already in the blob store under <see cref="Sha256"/>.</summary>
public sealed record NewFile(
    long OwnerId,
    string Name,
    long Size,
    string MediaType,
    int? Width,
    int? Height,
    string Sha256,
    string? PreviewSha256,
    string? PreviewMediaType);
