using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Notifications;

namespace Xuncha.Cli;

internal static class RemindCommands
{
    public static Command Build()
    {
        var remind = new Command("remind", "发送临期、逾期提醒（Web 服务每小时自动发送一次）");
        remind.SetAction((_, ct) => CliHost.RunAsync(async sp =>
        {
            var sent = await sp.GetRequiredService<DeadlineReminders>().RunAsync(ct);
            Console.WriteLine($"已发送 {sent} 条提醒。");
            return 0;
        }));
        return remind;
    }
}
