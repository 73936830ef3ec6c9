using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Xuncha.Confidential.Crypto;

/// <summary>
/// Authenticated encryption with associated data, the one interface every confidential record is sealed through,
/// so that a certified cryptographic module can take the place of these implementations. Output is the
/// ciphertext followed by a 16-byte tag; a wrong key, nonce, associated data or any changed byte fails to open.
/// </summary>
public interface IAeadCipher
{
    /// <summary>Stored with every record key ("sm4-gcm", "aes-256-gcm"), so records sealed under either stay readable.</summary>
    string Name { get; }

    int KeySize { get; }

    byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad);

    /// <exception cref="TamperedException">the ciphertext, its tag or its context do not match.</exception>
    byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> aad);
}

/// <summary>A sealed value did not authenticate: changed, truncated, moved to another record, or under another key.</summary>
public sealed class TamperedException(string detail) : Common.DomainException(Messages.Confidential_Tampered)
{
    public string Detail { get; } = detail;
}

public static class Ciphers
{
    public const int NonceSize = 12, TagSize = 16;

    public static IAeadCipher Sm4Gcm { get; } = new Sm4GcmCipher();

    public static IAeadCipher Aes256Gcm { get; } = new AesGcmCipher();

    public static IAeadCipher ByName(string name) => name switch
    {
        "sm4-gcm" => Sm4Gcm,
        "aes-256-gcm" => Aes256Gcm,
        _ => throw new InvalidOperationException($"未知的加密算法 {name}（可用 sm4-gcm、aes-256-gcm）。"),
    };
}

/// <summary>SM4 (GB/T 32907) in GCM mode, by BouncyCastle.</summary>
internal sealed class Sm4GcmCipher : IAeadCipher
{
    public string Name => "sm4-gcm";

    public int KeySize => 16;

    public byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        var gcm = Init(true, key, nonce, aad);
        var output = new byte[gcm.GetOutputSize(plaintext.Length)];
        var n = gcm.ProcessBytes(plaintext.ToArray(), 0, plaintext.Length, output, 0);
        gcm.DoFinal(output, n);
        return output;
    }

    public byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> aad)
    {
        if (sealedBytes.Length < Ciphers.TagSize) throw new TamperedException("密文长度不足。");
        var gcm = Init(false, key, nonce, aad);
        var output = new byte[gcm.GetOutputSize(sealedBytes.Length)];
        try
        {
            var n = gcm.ProcessBytes(sealedBytes.ToArray(), 0, sealedBytes.Length, output, 0);
            gcm.DoFinal(output, n);
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            throw new TamperedException("密文校验失败。");
        }
        return output;
    }

    private GcmBlockCipher Init(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad)
    {
        if (key.Length != KeySize) throw new ArgumentException("SM4 needs a 16-byte key.", nameof(key));
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(key.ToArray()), Ciphers.TagSize * 8, nonce.ToArray(), aad.ToArray()));
        return gcm;
    }
}

/// <summary>AES-256-GCM from the platform (OpenSSL on Linux).</summary>
internal sealed class AesGcmCipher : IAeadCipher
{
    public string Name => "aes-256-gcm";

    public int KeySize => 32;

    public byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        using var aes = new AesGcm(key, Ciphers.TagSize);
        var output = new byte[plaintext.Length + Ciphers.TagSize];
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), aad);
        return output;
    }

    public byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> aad)
    {
        if (sealedBytes.Length < Ciphers.TagSize) throw new TamperedException("密文长度不足。");
        using var aes = new AesGcm(key, Ciphers.TagSize);
        var n = sealedBytes.Length - Ciphers.TagSize;
        var output = new byte[n];
        try
        {
            aes.Decrypt(nonce, sealedBytes[..n], sealedBytes[n..], output, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new TamperedException("密文校验失败。");
        }
        return output;
    }
}

/// <summary>SM3 (GB/T 32905) and HMAC-SM3, by BouncyCastle: key derivation, blind-index tokens, receipt codes.</summary>
public static class Sm3
{
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var d = new SM3Digest();
        d.BlockUpdate(data.ToArray(), 0, data.Length);
        var output = new byte[d.GetDigestSize()];
        d.DoFinal(output, 0);
        return output;
    }

    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key.ToArray()));
        mac.BlockUpdate(data.ToArray(), 0, data.Length);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return output;
    }

    /// <summary>A sub-key for one purpose: HMAC-SM3(master, purpose), cut to the length asked.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> master, string purpose, int length) =>
        Hmac(master, System.Text.Encoding.UTF8.GetBytes("xuncha/" + purpose))[..length];
}

/// <summary>SM4 in ECB on single blocks, for the standard's known-answer test only.</summary>
public static class Sm4Block
{
    public static byte[] Encrypt(byte[] key, byte[] block)
    {
        var e = new SM4Engine();
        e.Init(true, new KeyParameter(key));
        var output = new byte[16];
        e.ProcessBlock(block, 0, output, 0);
        return output;
    }
}
