using Xuncha.Audit;

namespace Xuncha.UnitTests;

public class AuditChainTests
{
    private static readonly AuditChain Chain = new(new AuditKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private static AuditEvent Event() => new()
    {
        Seq = 7, At = new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero), UserId = Guid.Parse("01a1fd31-68e6-7d48-8ac3-d878fb964d35"),
        UserName = "wangxiao", Action = "update", ObjectType = "organizations", ObjectId = "abc", Outcome = "success",
        ClientAddress = "127.0.0.1", Detail = "{\"Name\":[\"旧\",\"新\"]}", PrevHash = AuditChain.Genesis,
    };

    [Fact]
    public void The_hash_is_a_keyed_digest_of_every_field()
    {
        var baseline = Chain.Compute(Event());
        baseline.Length.ShouldBe(64);
        Chain.Compute(Event()).ShouldBe(baseline);

        var variants = new Action<AuditEvent>[]
        {
            e => e.Seq++, e => e.At = e.At.AddTicks(10), e => e.UserId = null, e => e.UserName = "x", e => e.Action = "delete",
            e => e.ObjectType = "users", e => e.ObjectId = null, e => e.Outcome = "failure", e => e.ClientAddress = "10.0.0.1",
            e => e.Detail = null, e => e.PrevHash = new string('1', 64),
        };
        foreach (var change in variants)
        {
            var e = Event();
            change(e);
            Chain.Compute(e).ShouldNotBe(baseline);
        }
    }

    [Fact]
    public void Without_the_key_the_hash_cannot_be_recomputed()
    {
        var other = new AuditChain(new AuditKey(new byte[32]));
        other.Compute(Event()).ShouldNotBe(Chain.Compute(Event()));
        Should.Throw<ArgumentException>(() => new AuditKey(new byte[16]));
    }

    [Fact]
    public void The_key_file_is_created_once_and_reused()
    {
        var path = Path.Combine(Path.GetTempPath(), "xuncha-key-" + Guid.NewGuid().ToString("N"), "audit.key");
        var first = AuditKey.LoadOrCreate(path);
        var second = AuditKey.LoadOrCreate(path);
        second.Bytes.ShouldBe(first.Bytes);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.Delete(Path.GetDirectoryName(path)!, true);
    }
}
