using Xuncha.Testing;

namespace Xuncha.IntegrationTests;

/// <summary>The console's clue figures and key work on the demo's history (its own database: rotation changes the keys).</summary>
public class KeyCommandTests(StoryApp app) : IClassFixture<StoryApp>
{
    private Task<CliResult> Run(IReadOnlyDictionary<string, string>? env, params string[] args) =>
        CliRunner.RunAsync(app.Database, app.DataDirectory, null, env, args);

    [Fact]
    public async Task Clue_figures_then_verify_rotate_and_verify_again_under_the_new_master_key()
    {
        var stats = await Run(null, "clue", "stats");
        stats.ExitCode.ShouldBe(3, stats.Error); // a reply is overdue
        stats.Out.ShouldContain("逾期未回复 1");
        stats.Out.ShouldContain("第一种形态 1");
        var list = await Run(null, "clue", "list", "--overdue");
        list.ExitCode.ShouldBe(0, list.Error);
        list.Out.ShouldContain("逾期");
        list.Out.ShouldContain("共 1 条");
        list.Out.ShouldNotContain("发票"); // numbers and states, never what a clue says

        var verify = await Run(null, "keys", "verify");
        verify.ExitCode.ShouldBe(0, verify.Error + verify.Out);
        verify.Out.ShouldContain("0 条未通过");

        var same = await Run(null, "keys", "rotate", "--new-key-file", Path.Combine(app.DataDirectory, "keys", "master.key"));
        same.ExitCode.ShouldNotBe(0);
        same.Error.ShouldContain("相同");

        var announcement = Path.Combine(app.DataDirectory, "进驻公告.docx");
        var doc = await Run(new Dictionary<string, string> { ["XUNCHA_PUBLIC_URL"] = "https://xuncha.example.edu.cn" },
            "export", "doc", "entry-announcement", "--round", "选人用人", "--group", "1", "-o", announcement);
        doc.ExitCode.ShouldBe(0, doc.Error);
        OfficeChecks.AssertValid(await File.ReadAllBytesAsync(announcement), "进驻公告.docx");
        var noGroup = await Run(null, "export", "doc", "entry-announcement", "--round", "选人用人", "-o", announcement);
        noGroup.ExitCode.ShouldNotBe(0);
        noGroup.Error.ShouldContain("--group");

        var newKey = Path.Combine(app.DataDirectory, "keys", "master-2027.key");
        var rotate = await Run(null, "keys", "rotate", "--new-key-file", newKey);
        rotate.ExitCode.ShouldBe(0, rotate.Error);
        File.Exists(newKey).ShouldBeTrue();

        var under = await Run(new Dictionary<string, string> { ["XUNCHA_MASTER_KEY_FILE"] = newKey }, "keys", "verify");
        under.ExitCode.ShouldBe(0, under.Error + under.Out);
        var old = await Run(null, "keys", "verify");
        old.ExitCode.ShouldBe(1);
        old.Error.ShouldContain("主密钥");
    }
}
