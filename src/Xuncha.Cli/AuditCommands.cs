using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Audit;

namespace Xuncha.Cli;

internal static class AuditCommands
{
    public static Command Build()
    {
        var verify = new Command("verify", "校验审计日志的哈希链：完整时退出码 0，否则 1 并指出第一条被修改、插入或缺失的记录");
        verify.SetAction((_, ct) => CliHost.RunAsync(async sp =>
        {
            var result = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            (result.Intact ? Console.Out : Console.Error).WriteLine(result.Message);
            return result.Intact ? 0 : 1;
        }));
        return new Command("audit", "审计日志") { verify };
    }
}
