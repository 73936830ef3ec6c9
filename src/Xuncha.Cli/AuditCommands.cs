using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Audit;
using Xuncha.Common;

namespace Xuncha.Cli;

internal static class AuditCommands
{
    public static Command Build()
    {
        var checkpointFile = new Option<FileInfo?>("--checkpoint") { Description = "同时与此前下载的检查点文件核对（日志是否被截断或回退）" };
        var verify = new Command("verify", "校验审计日志的哈希链和链头：完整时退出码 0，否则 1 并指出第一条被修改、插入或缺失的记录") { checkpointFile };
        verify.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var checkpoint = p.GetValue(checkpointFile) is { } file
                ? AuditCheckpoint.Read(await File.ReadAllTextAsync(file.FullName, ct), sp.GetRequiredService<AuditChain>())
                : null;
            var result = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(checkpoint, ct);
            (result.Intact ? Console.Out : Console.Error).WriteLine(result.Message);
            return result.Intact ? 0 : 1;
        }));

        var output = new Option<FileInfo>("-o", "--output") { Description = "检查点文件", Required = true };
        var checkpoint = new Command("checkpoint", "签发审计检查点（记录日志此刻到第几条），离线保存，日后用 verify --checkpoint 核对") { output };
        checkpoint.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var c = await sp.GetRequiredService<AuditCheckpoints>().CreateAsync(ct);
            await File.WriteAllTextAsync(p.GetValue(output)!.FullName, c.ToJson(), ct);
            Console.WriteLine($"已签发检查点：审计日志到第 {c.Seq} 条（{c.At.InOffice(sp.GetRequiredService<TimeProvider>()):yyyy-MM-dd HH:mm}）。");
            return 0;
        }));
        return new Command("audit", "审计日志") { verify, checkpoint };
    }
}
