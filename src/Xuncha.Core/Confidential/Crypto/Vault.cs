using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Confidential.Crypto;

/// <summary>
/// Seals and opens confidential records. Each record has its own random key (<see cref="RecordKey"/>), wrapped by
/// the master key; each sealed value is <c>version · nonce · ciphertext · tag</c>, bound by its associated data
/// to the record type, the record id and the field, so a value copied into another row or field fails to open.
/// </summary>
public sealed class Vault(XunchaDbContext db, MasterKey master)
{
    /// <summary>A new record's key, added to the context (saved with the record).</summary>
    public RecordLock Create(string recordType, Guid recordId)
    {
        var cipher = master.Cipher;
        var key = RandomNumberGenerator.GetBytes(cipher.KeySize);
        db.RecordKeys.Add(RecordKey.Of(recordId, recordType, cipher.Name, master.Id, Wrap(cipher, recordType, recordId, key)));
        return new RecordLock(cipher, key, recordType, recordId);
    }

    /// <exception cref="NotFoundException">the record was deleted and its key destroyed.</exception>
    /// <exception cref="TamperedException">the wrapped key was changed or moved.</exception>
    public async Task<RecordLock> OpenAsync(string recordType, Guid recordId, CancellationToken ct = default)
    {
        var row = await db.RecordKeys.AsNoTracking().SingleOrDefaultAsync(k => k.RecordId == recordId && k.RecordType == recordType, ct)
                  ?? throw new NotFoundException(Messages.Confidential_KeyDestroyed);
        return Unwrap(row);
    }

    /// <summary>The keys of many records for a list; a key that fails its check maps to null (the row shows as failed, the list still shows).</summary>
    public async Task<Dictionary<Guid, RecordLock?>> OpenManyAsync(string recordType, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var rows = await db.RecordKeys.AsNoTracking().Where(k => k.RecordType == recordType && ids.Contains(k.RecordId)).ToListAsync(ct);
        return rows.ToDictionary(r => r.RecordId, r =>
        {
            try
            {
                return Unwrap(r);
            }
            catch (TamperedException)
            {
                return null;
            }
        });
    }

    /// <summary>Destroys the record's key (with the caller's save): what it sealed is unreadable from then on, in backups too once they age out.</summary>
    public async Task DestroyAsync(string recordType, Guid recordId, CancellationToken ct = default)
    {
        var row = await db.RecordKeys.SingleOrDefaultAsync(k => k.RecordId == recordId && k.RecordType == recordType, ct);
        if (row is not null) db.RecordKeys.Remove(row);
    }

    /// <summary>Search tokens of a text for one kind of record: keyed hashes of its character pairs (see decision 0013).</summary>
    public int[] Tokens(string recordType, params string?[] texts) => BlindIndex.Tokens(master.IndexKey(recordType), texts);

    /// <summary>The tokens a query must all match, or null when it is too short to search by.</summary>
    public int[]? QueryTokens(string recordType, string query) => BlindIndex.QueryTokens(master.IndexKey(recordType), query);

    internal RecordLock Unwrap(RecordKey row)
    {
        var cipher = Ciphers.ByName(row.Algorithm);
        if (row.MasterId != master.Id) throw new TamperedException("记录密钥不是由当前主密钥封装的（主密钥已更换而未重新封装？）。");
        if (row.Wrapped.Length < 1 + Ciphers.NonceSize + Ciphers.TagSize) throw new TamperedException("记录密钥长度不符。");
        var w = row.Wrapped.AsSpan();
        var key = cipher.Open(master.WrappingKey(cipher), w.Slice(1, Ciphers.NonceSize), w[(1 + Ciphers.NonceSize)..], WrapContext(row.RecordType, row.RecordId));
        return new RecordLock(cipher, key, row.RecordType, row.RecordId);
    }

    /// <summary>Re-wraps every record key under another master key (key rotation); the sealed values do not change.</summary>
    internal static byte[] Rewrap(MasterKey from, MasterKey to, RecordKey row)
    {
        var cipher = Ciphers.ByName(row.Algorithm);
        var w = row.Wrapped.AsSpan();
        var key = cipher.Open(from.WrappingKey(cipher), w.Slice(1, Ciphers.NonceSize), w[(1 + Ciphers.NonceSize)..], WrapContext(row.RecordType, row.RecordId));
        var nonce = RandomNumberGenerator.GetBytes(Ciphers.NonceSize);
        return [1, .. nonce, .. cipher.Seal(to.WrappingKey(cipher), nonce, key, WrapContext(row.RecordType, row.RecordId))];
    }

    private byte[] Wrap(IAeadCipher cipher, string recordType, Guid recordId, byte[] key)
    {
        var nonce = RandomNumberGenerator.GetBytes(Ciphers.NonceSize);
        return [1, .. nonce, .. cipher.Seal(master.WrappingKey(cipher), nonce, key, WrapContext(recordType, recordId))];
    }

    private static byte[] WrapContext(string recordType, Guid recordId) => Encoding.UTF8.GetBytes($"xuncha/record-key/{recordType}/{recordId:N}");
}

/// <summary>The opened key of one record: seals and opens its fields and files.</summary>
public sealed class RecordLock(IAeadCipher cipher, byte[] key, string recordType, Guid recordId)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Guid RecordId => recordId;

    internal IAeadCipher Cipher => cipher;

    internal byte[] Key => key;

    public byte[] Seal(string field, ReadOnlySpan<byte> plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(Ciphers.NonceSize);
        return [1, .. nonce, .. cipher.Seal(key, nonce, plaintext, Context(field))];
    }

    public byte[] Open(string field, byte[] sealedValue)
    {
        if (sealedValue.Length < 1 + Ciphers.NonceSize + Ciphers.TagSize || sealedValue[0] != 1)
            throw new TamperedException("密文格式不符。");
        var s = sealedValue.AsSpan();
        return cipher.Open(key, s.Slice(1, Ciphers.NonceSize), s[(1 + Ciphers.NonceSize)..], Context(field));
    }

    public byte[] SealJson<T>(string field, T value) => Seal(field, JsonSerializer.SerializeToUtf8Bytes(value, Json));

    public T OpenJson<T>(string field, byte[] sealedValue) =>
        JsonSerializer.Deserialize<T>(Open(field, sealedValue), Json) ?? throw new TamperedException("密文内容为空。");

    /// <summary>For lists: the value, or null when it does not authenticate.</summary>
    public T? TryOpenJson<T>(string field, byte[] sealedValue) where T : class
    {
        try
        {
            return OpenJson<T>(field, sealedValue);
        }
        catch (TamperedException)
        {
            return null;
        }
    }

    public byte[] SealText(string field, string text) => Seal(field, Encoding.UTF8.GetBytes(text));

    public string OpenText(string field, byte[] sealedValue) => Encoding.UTF8.GetString(Open(field, sealedValue));

    internal byte[] Context(string field) => Encoding.UTF8.GetBytes($"xuncha/{recordType}/{recordId:N}/{field}");
}
