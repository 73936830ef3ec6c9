using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Xuncha.Confidential.Crypto;

namespace Xuncha.Confidential;

/// <summary>
/// The 16-digit receipt code a writer keeps to follow a letter. Stored only as a keyed, salted hash (HMAC-SM3 under a
/// key derived from the master key, over a random salt and the code), found through a 32-bit keyed tag. Without the
/// master key the stored values cannot be tested offline; online guesses are throttled (<see cref="ReceiptThrottle"/>).
/// </summary>
public static class ReceiptCodes
{
    public const int Length = 16;

    public static string New()
    {
        var digits = new char[Length];
        for (var i = 0; i < Length; i++) digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        return new string(digits);
    }

    /// <summary>Digits only (full-width folded, spaces and dashes dropped); null when not 16 digits.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string(input.Normalize(NormalizationForm.FormKC).Where(char.IsAsciiDigit).ToArray());
        var other = input.Normalize(NormalizationForm.FormKC).Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-'));
        return digits.Length == Length && !other ? digits : null;
    }

    public static string Format(string code) => string.Join(' ', Enumerable.Range(0, Length / 4).Select(i => code.Substring(i * 4, 4)));

    internal static (int Tag, byte[] Salt, byte[] Hash) Protect(MasterKey master, string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (Tag(master, code), salt, Hash(master, salt, code));
    }

    internal static int Tag(MasterKey master, string code) => BitConverter.ToInt32(Sm3.Hmac(master.ReceiptKey, Encoding.ASCII.GetBytes("tag:" + code)), 0);

    internal static bool Matches(MasterKey master, string code, byte[] salt, byte[] hash) =>
        CryptographicOperations.FixedTimeEquals(Hash(master, salt, code), hash);

    private static byte[] Hash(MasterKey master, byte[] salt, string code) => Sm3.Hmac(master.ReceiptKey, [.. salt, .. Encoding.ASCII.GetBytes("code:" + code)]);
}

/// <summary>
/// Slows receipt-code guessing: a client with 5 wrong codes in 15 minutes waits out the window, and when wrong codes
/// from everyone pass 100 in 10 minutes, every lookup waits (a distributed guess). Kept in memory only, keyed by a
/// hash of the client's address: no address is ever stored.
/// </summary>
public sealed class ReceiptThrottle(TimeProvider clock)
{
    public const int PerClient = 5, Global = 100;
    private static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(15), GlobalWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _clients = new();
    private readonly Queue<DateTimeOffset> _all = new();
    private readonly Lock _gate = new();

    /// <summary>Whether a lookup may be tried now.</summary>
    public bool Allows(string? client)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Trim(_all, now - GlobalWindow);
            if (_all.Count >= Global) return false;
            if (!_clients.TryGetValue(Key(client), out var q)) return true;
            Trim(q, now - ClientWindow);
            return q.Count < PerClient;
        }
    }

    public void Failed(string? client)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _all.Enqueue(now);
            _clients.GetOrAdd(Key(client), _ => new Queue<DateTimeOffset>()).Enqueue(now);
            if (_clients.Count > 10_000)
                foreach (var (k, q) in _clients)
                {
                    Trim(q, now - ClientWindow);
                    if (q.Count == 0) _clients.TryRemove(k, out _);
                }
        }
    }

    private static void Trim(Queue<DateTimeOffset> q, DateTimeOffset before)
    {
        while (q.Count > 0 && q.Peek() < before) q.Dequeue();
    }

    private static string Key(string? client) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(client ?? "")))[..16];
}

/// <summary>Too many wrong receipt codes: wait, then try again.</summary>
public sealed class ThrottledException() : Common.DomainException(Messages.Receipt_Throttled);
