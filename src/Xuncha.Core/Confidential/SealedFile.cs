namespace Xuncha.Confidential;

/// <summary>
/// A file attached to a confidential record. Its bytes are sealed with the record's key in segments and stored
/// outside the web root under a random name; its name and type are sealed in the row; only its length and the
/// day it came in are plain. Its id is random (not time-ordered), so it dates nothing.
/// </summary>
public sealed class SealedFile : Common.IPublicSubmission
{
    private SealedFile() { }

    public Guid Id { get; private set; }
    public string RecordType { get; private set; } = "";
    public Guid RecordId { get; private set; }
    public byte[] Meta { get; private set; } = [];
    public long Length { get; private set; }
    public DateOnly AddedOn { get; private set; }

    internal static SealedFile Of(Guid id, string recordType, Guid recordId, byte[] meta, long length, DateOnly on) =>
        new() { Id = id, RecordType = recordType, RecordId = recordId, Meta = meta, Length = length, AddedOn = on };
}

public sealed record SealedFileMeta(string Name, string ContentType, string Sha256);

public sealed record SealedFileView(Guid Id, string FileName, string ContentType, long Length, DateOnly AddedOn);
