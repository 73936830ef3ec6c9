using System.Text;
using Xuncha.Testing;
using Xuncha.Confidential;
using Xuncha.Confidential.Crypto;

namespace Xuncha.UnitTests;

/// <summary>The ciphers against the standards' known answers; sealing, tampering, search tokens, receipt codes.</summary>
public class ConfidentialCryptoTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s);

    [Fact]
    public void Sm3_of_abc_is_the_standard_answer() =>
        Convert.ToHexStringLower(Sm3.Hash("abc"u8)).ShouldBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");

    [Fact]
    public void Sm3_of_the_64_byte_example_is_the_standard_answer() =>
        Convert.ToHexStringLower(Sm3.Hash(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16)))))
            .ShouldBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");

    [Fact]
    public void Sm4_block_is_the_standard_answer()
    {
        var key = Hex("0123456789abcdeffedcba9876543210");
        Convert.ToHexStringLower(Sm4Block.Encrypt(key, key)).ShouldBe("681edf34d206965e86b3e94f536e4246");
    }

    [Fact]
    public void Sm4_gcm_matches_the_rfc_8998_example()
    {
        var key = Hex("0123456789ABCDEFFEDCBA9876543210");
        var iv = Hex("00001234567800000000ABCD");
        var aad = Hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plain = Hex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var sealedBytes = Ciphers.Sm4Gcm.Seal(key, iv, plain, aad);
        Convert.ToHexString(sealedBytes).ShouldBe(
            "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
            + "83DE3541E4C2B58177E065A9BF7B62EC");
        Ciphers.Sm4Gcm.Open(key, iv, sealedBytes, aad).ShouldBe(plain);
    }

    [Theory]
    [InlineData("sm4-gcm")]
    [InlineData("aes-256-gcm")]
    public void Sealed_values_open_only_unchanged_in_their_own_place(string cipher)
    {
        var master = new MasterKey(new byte[32].Select((_, i) => (byte)i).ToArray(), cipher);
        var c = master.Cipher;
        var key = new byte[c.KeySize];
        var record = new RecordLock(c, key, "letter", Guid.NewGuid());
        var text = "反映某学院违规发放津贴 MARKER-7731";
        var sealedValue = record.SealText("content", text);
        Encoding.UTF8.GetString(sealedValue).ShouldNotContain("MARKER");
        record.OpenText("content", sealedValue).ShouldBe(text);
        record.SealText("content", text).ShouldNotBe(sealedValue); // a fresh nonce every time

        for (var i = 0; i < sealedValue.Length; i++)
        {
            var bad = (byte[])sealedValue.Clone();
            bad[i] ^= 0x01;
            Should.Throw<TamperedException>(() => record.OpenText("content", bad));
        }
        Should.Throw<TamperedException>(() => record.OpenText("content", sealedValue[..^1]));
        Should.Throw<TamperedException>(() => record.OpenText("handling", sealedValue)); // another field
        Should.Throw<TamperedException>(() => new RecordLock(c, key, "letter", Guid.NewGuid()).OpenText("content", sealedValue)); // another record
        Should.Throw<TamperedException>(() => new RecordLock(c, new byte[c.KeySize].Select(_ => (byte)1).ToArray(), "letter", record.RecordId)
            .OpenText("content", sealedValue)); // another key
    }

    [Fact]
    public void Sealed_files_round_trip_across_segments_and_refuse_cuts_and_swaps()
    {
        var record = new RecordLock(Ciphers.Sm4Gcm, new byte[16], "clue", Guid.NewGuid());
        var file = Guid.NewGuid();
        var plain = new byte[200_000];
        new Random(7).NextBytes(plain);
        var stored = SealedFiles.Seal(record, file, plain);
        SealedFiles.Open(record, file, stored).ShouldBe(plain);
        Should.Throw<TamperedException>(() => SealedFiles.Open(record, Guid.NewGuid(), stored)); // moved to another file
        Should.Throw<TamperedException>(() => SealedFiles.Open(record, file, stored[..(12 + 65536 + 16)])); // the tail cut off at a segment
        var flipped = (byte[])stored.Clone();
        flipped[100_000] ^= 0x80;
        Should.Throw<TamperedException>(() => SealedFiles.Open(record, file, flipped));
        SealedFiles.Open(record, file, SealedFiles.Seal(record, file, [])).ShouldBeEmpty();
    }

    [Fact]
    public void Search_tokens_find_substrings_and_hold_no_text()
    {
        var key = new byte[32];
        var tokens = BlindIndex.Tokens(key, ["财务处 张某某 违规报销差旅费", "Ｍａｒｋｅｒ 2025"]);
        BlindIndex.QueryTokens(key, "报销差旅")!.All(tokens.Contains).ShouldBeTrue();
        BlindIndex.QueryTokens(key, "张某")!.All(tokens.Contains).ShouldBeTrue();
        BlindIndex.QueryTokens(key, "marker")!.All(tokens.Contains).ShouldBeTrue(); // full-width folded, case ignored
        BlindIndex.QueryTokens(key, "工程招标")!.All(tokens.Contains).ShouldBeFalse();
        BlindIndex.QueryTokens(key, "张").ShouldBeNull();
        BlindIndex.Tokens(new byte[32].Select(_ => (byte)9).ToArray(), ["财务处"]).Intersect(BlindIndex.Tokens(key, ["财务处"])).ShouldBeEmpty();
    }

    [Fact]
    public void Receipt_codes_are_16_digits_and_checked_only_through_their_keyed_salted_hash()
    {
        var master = new MasterKey(new byte[32], "sm4-gcm");
        var code = ReceiptCodes.New();
        code.Length.ShouldBe(16);
        code.All(char.IsAsciiDigit).ShouldBeTrue();
        var (tag, salt, hash) = ReceiptCodes.Protect(master, code);
        ReceiptCodes.Tag(master, code).ShouldBe(tag);
        ReceiptCodes.Matches(master, code, salt, hash).ShouldBeTrue();
        ReceiptCodes.Matches(master, code[..15] + (code[15] == '0' ? '1' : '0'), salt, hash).ShouldBeFalse();
        ReceiptCodes.Protect(master, code).Salt.ShouldNotBe(salt);
        ReceiptCodes.Normalize("１２３４ ５６７８-9012 3456").ShouldBe("1234567890123456");
        ReceiptCodes.Normalize("1234").ShouldBeNull();
        ReceiptCodes.Normalize("1234567890123456x").ShouldBeNull();
        ReceiptCodes.Format("1234567890123456").ShouldBe("1234 5678 9012 3456");
    }

    [Fact]
    public void Receipt_guessing_is_throttled_per_client_and_overall()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        var throttle = new ReceiptThrottle(clock);
        for (var i = 0; i < ReceiptThrottle.PerClient; i++)
        {
            throttle.Allows("203.0.113.5").ShouldBeTrue();
            throttle.Failed("203.0.113.5");
        }
        throttle.Allows("203.0.113.5").ShouldBeFalse();
        throttle.Allows("198.51.100.7").ShouldBeTrue();
        clock.Advance(TimeSpan.FromMinutes(16));
        throttle.Allows("203.0.113.5").ShouldBeTrue();

        for (var i = 0; i < ReceiptThrottle.Global; i++) throttle.Failed("10.0.0." + (i % 250));
        throttle.Allows("192.0.2.1").ShouldBeFalse(); // a distributed guess stops everyone for a while
        clock.Advance(TimeSpan.FromMinutes(11));
        throttle.Allows("192.0.2.1").ShouldBeTrue();
    }

    [Fact]
    public void The_master_key_id_changes_with_the_key_and_purpose_keys_differ()
    {
        var a = new MasterKey(new byte[32]);
        var b = new MasterKey(new byte[32].Select(_ => (byte)1).ToArray());
        a.Id.ShouldNotBe(b.Id);
        a.IndexKey("letter").ShouldNotBe(a.IndexKey("clue"));
        a.WrappingKey(Ciphers.Sm4Gcm).Length.ShouldBe(16);
        a.WrappingKey(Ciphers.Aes256Gcm).Length.ShouldBe(32);
        Should.Throw<InvalidOperationException>(() => new MasterKey(new byte[32], "des"));
    }
}
