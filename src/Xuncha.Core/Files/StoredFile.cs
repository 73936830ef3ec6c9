namespace Xuncha.Files;

/// <summary>What a file is attached to; downloads are allowed only to those who may see the owner.</summary>
public enum FileOwner
{
    Problem,
    Progress,
}

/// <summary>
/// An uploaded evidence file (佐证材料). The bytes live outside the web root under a generated name; the row
/// keeps the original name, the type judged from the content, the size and the SHA-256.
/// </summary>
public sealed class StoredFile
{
    public const int NameMax = 200;

    private StoredFile() { }

    public Guid Id { get; private set; }
    public FileOwner OwnerType { get; private set; }
    public Guid OwnerId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageName { get; private set; } = "";
    public Guid UploadedBy { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    public static StoredFile Of(Guid id, FileOwner ownerType, Guid ownerId, string fileName, string contentType, long length,
        string sha256, string storageName, Guid by, DateTimeOffset at) => new()
    {
        Id = id, OwnerType = ownerType, OwnerId = ownerId, FileName = fileName, ContentType = contentType, Length = length,
        Sha256 = sha256, StorageName = storageName, UploadedBy = by, UploadedAt = at,
    };
}
