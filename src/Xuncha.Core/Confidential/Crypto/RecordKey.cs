namespace Xuncha.Confidential.Crypto;

/// <summary>
/// The key of one confidential record (a letter, a talk record, a clue), wrapped by the master key. Deleting
/// the row destroys the record: its sealed columns and files can no longer be opened (crypto-shredding).
/// No time is kept here: an anonymous letter's key must not date it.
/// </summary>
public sealed class RecordKey : Common.IPublicSubmission
{
    private RecordKey() { }

    public Guid RecordId { get; private set; }
    public string RecordType { get; private set; } = "";
    public string Algorithm { get; private set; } = "";
    public string MasterId { get; private set; } = "";
    public byte[] Wrapped { get; private set; } = [];

    internal static RecordKey Of(Guid recordId, string recordType, string algorithm, string masterId, byte[] wrapped) =>
        new() { RecordId = recordId, RecordType = recordType, Algorithm = algorithm, MasterId = masterId, Wrapped = wrapped };

    internal void Rewrap(string masterId, byte[] wrapped)
    {
        MasterId = masterId;
        Wrapped = wrapped;
    }
}
