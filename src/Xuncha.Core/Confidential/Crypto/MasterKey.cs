using Xuncha.Common;

namespace Xuncha.Confidential.Crypto;

/// <summary>
/// The key that wraps every record key, read from a key file outside the database (XUNCHA_MASTER_KEY_FILE,
/// by default <c>$XUNCHA_DATA/keys/master.key</c>, created on first use with mode 600). A copy of the tables
/// without this file opens nothing. The purpose keys (wrapping, search tokens, receipt codes) are derived from it.
/// </summary>
public sealed class MasterKey
{
    public MasterKey(byte[] bytes, string cipherName = "sm4-gcm")
    {
        if (bytes.Length < 32) throw new ArgumentException("The master key must be at least 32 bytes.");
        Cipher = Ciphers.ByName(cipherName);
        Id = Convert.ToHexStringLower(Sm3.Hash(bytes))[..16];
        _bytes = bytes;
        _indexKey = Sm3.Derive(bytes, "blind-index/v1", 32);
        ReceiptKey = Sm3.Derive(bytes, "receipt/v1", 32);
    }

    private readonly byte[] _bytes;
    private readonly byte[] _indexKey;

    /// <summary>The cipher new records are sealed with (XUNCHA_CIPHER: sm4-gcm by default, or aes-256-gcm).</summary>
    public IAeadCipher Cipher { get; }

    /// <summary>A fingerprint stored beside each wrapped key, so a rotation knows which master wrapped it.</summary>
    public string Id { get; }

    internal byte[] ReceiptKey { get; }

    /// <summary>The key-encryption key for one cipher: derived per algorithm, sized to it.</summary>
    internal byte[] WrappingKey(IAeadCipher cipher) => Sm3.Derive(_bytes, "wrap/" + cipher.Name, cipher.KeySize);

    /// <summary>The search-token key of one kind of record: tokens of letters and clues never compare.</summary>
    internal byte[] IndexKey(string recordType) => Sm3.Derive(_indexKey, "type/" + recordType, 32);

    public static MasterKey LoadOrCreate(string path, string cipherName) => new(KeyFile.LoadOrCreate(path), cipherName);
}
