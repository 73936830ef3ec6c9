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
        var load = new Command("load", "向空库载入演示数据，并打印各角色账号的一次性密码") { ifEmpty };
        load.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var demo = sp.GetRequiredService<DemoData>();
            if (p.GetValue(ifEmpty) && !await demo.IsEmptyAsync(ct))
            {
                Console.WriteLine("库中已有数据，未载入演示数据。忘记密码可用 ./xuncha user reset-password 用户名 重置。");
                return 0;
            }
            var accounts = await demo.LoadAsync(ct);
            Console.WriteLine("已载入演示数据：明德大学党委，30 个二级党组织及其下属支部，两届党委。");
            Console.WriteLine("演示账号（一次性密码，首次登录须修改）：");
            foreach (var a in accounts) Console.WriteLine("  " + Columns.Pad(a.Role.DisplayName(), 20) + Columns.Pad(a.UserName, 14) + a.OneTimePassword);
            return 0;
        }));
        return new Command("demo", "演示数据") { load };
    }
}
