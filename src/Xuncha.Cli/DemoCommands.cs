using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Common;
using Xuncha.Demo;

namespace Xuncha.Cli;

internal static class DemoCommands
{
    public static Command Build()
    {
        var ifEmpty = new Option<bool>("--if-empty") { Description = "库中已有数据时什么也不做（不报错）" };
        var treeOnly = new Option<bool>("--tree-only") { Description = "只载入组织树、届次和账号，不载入巡察轮次和整改历史" };
        var load = new Command("load", "向空库载入演示数据（明德大学党委的巡察与整改历史），并打印各角色账号的一次性密码") { ifEmpty, treeOnly };
        load.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var demo = sp.GetRequiredService<DemoData>();
            if (p.GetValue(ifEmpty) && !await demo.IsEmptyAsync(ct))
            {
                Console.WriteLine("库中已有数据，未载入演示数据。忘记密码可用 ./xuncha user reset-password 用户名 重置。");
                return 0;
            }
            var history = !p.GetValue(treeOnly);
            var accounts = await demo.LoadAsync(history, ct);
            Console.WriteLine("已载入演示数据：明德大学党委，30 个二级党组织及其下属支部，两届党委。");
            if (history)
                Console.WriteLine("巡察历史：2019年第一轮校内巡察（9 个党组织、46 个问题，已完成）；本届第一轮巡察（整改中）；选人用人专项巡察（巡察中）；本届第二轮巡察（待审批）。");
            Console.WriteLine("演示账号（一次性密码，首次登录须修改）：");
            foreach (var a in accounts) Console.WriteLine("  " + Columns.Pad(a.Role.DisplayName(), 20) + Columns.Pad(a.UserName, 14) + a.OneTimePassword);
            return 0;
        }));
        return new Command("demo", "演示数据") { load };
    }
}
