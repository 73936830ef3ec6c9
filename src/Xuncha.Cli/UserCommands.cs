using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Accounts;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Cli;

internal static class UserCommands
{
    public static Command Build()
    {
        var name = new Argument<string>("NAME") { Description = "用户名" };
        var role = new Option<string[]>("--role")
        {
            Description = "角色：" + string.Join(", ", Roles.All.Select(r => r.Key())), Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var org = new Option<string?>("--org") { Description = "所在组织的编码" };
        var display = new Option<string?>("--display-name") { Description = "姓名（默认同用户名）" };
        var stdin = new Option<bool>("--password-stdin") { Description = "从标准输入读取密码（首次登录须修改）；不给则生成一次性密码" };
        var add = new Command("add", "新建账号") { name, role, org, display, stdin };
        add.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var roles = new List<Role>();
            foreach (var key in p.GetValue(role) ?? [])
            {
                if (!Roles.TryParse(key, out var r)) throw new ValidationException("role", $"未知角色：{key}。可用：{string.Join(", ", Roles.All.Select(x => x.Key()))}");
                roles.Add(r);
            }
            Guid? orgId = null;
            if (p.GetValue(org) is { } code)
            {
                var db = sp.GetRequiredService<XunchaDbContext>();
                orgId = await db.Organizations.Where(o => o.Code == code.Trim().ToUpper()).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct)
                    ?? throw new ValidationException("org", $"没有编码为“{code}”的组织。");
            }
            string? password = null;
            if (p.GetValue(stdin))
            {
                password = Console.In.ReadLine();
                if (string.IsNullOrEmpty(password)) throw new ValidationException("password", "标准输入中没有密码。");
            }
            var userName = p.GetValue(name)!;
            var created = await sp.GetRequiredService<AccountService>().CreateAsync(
                new AccountInput(userName, p.GetValue(display) ?? userName, orgId), roles, password, ct);
            Console.WriteLine($"已创建账号 {created.Account.UserName}（{string.Join("、", created.Account.Roles.Select(r => r.DisplayName()))}），首次登录须修改密码。");
            if (created.OneTimePassword is not null) Console.WriteLine($"一次性密码：{created.OneTimePassword}");
            return 0;
        }));

        var resetName = new Argument<string>("NAME") { Description = "用户名" };
        var reset = new Command("reset-password", "重置密码，打印新的一次性密码") { resetName };
        reset.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var accounts = sp.GetRequiredService<AccountService>();
            var password = await accounts.ResetPasswordAsync(await accounts.FindIdAsync(p.GetValue(resetName)!, ct), ct);
            Console.WriteLine($"新的一次性密码：{password}");
            Console.WriteLine("首次登录须修改密码。");
            return 0;
        }));

        var unlockName = new Argument<string>("NAME") { Description = "用户名" };
        var unlock = new Command("unlock", "解除账号锁定") { unlockName };
        unlock.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var accounts = sp.GetRequiredService<AccountService>();
            await accounts.UnlockAsync(await accounts.FindIdAsync(p.GetValue(unlockName)!, ct), ct);
            Console.WriteLine("已解锁。");
            return 0;
        }));

        var list = new Command("list", "列出账号");
        list.SetAction((_, ct) => CliHost.RunAsync(async sp =>
        {
            var rows = await sp.GetRequiredService<AccountService>().ListAsync(null, ct);
            var clock = sp.GetRequiredService<TimeProvider>();
            Console.WriteLine(Columns.Pad("用户名", 16) + Columns.Pad("姓名", 12) + Columns.Pad("角色", 24) + Columns.Pad("组织", 28) + "状态");
            foreach (var a in rows)
            {
                var state = !a.IsActive ? "停用" : a.LockedUntil is { } until ? $"锁定至 {until.InOffice(clock):HH:mm}" : a.MustChangePassword ? "待改密码" : "正常";
                Console.WriteLine(Columns.Pad(a.UserName, 16) + Columns.Pad(a.DisplayName, 12)
                    + Columns.Pad(string.Join(",", a.Roles.Select(r => r.Key())), 24) + Columns.Pad(a.OrganizationName ?? "-", 28) + state);
            }
            return 0;
        }));

        var sessionsName = new Argument<string>("NAME") { Description = "用户名" };
        var sessions = new Command("sessions", "列出账号的登录会话（网页和接口）") { sessionsName };
        sessions.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var id = await sp.GetRequiredService<AccountService>().FindIdAsync(p.GetValue(sessionsName)!, ct);
            var rows = await sp.GetRequiredService<SessionService>().ListAsync(id, ct);
            var clock = sp.GetRequiredService<TimeProvider>();
            Console.WriteLine(Columns.Pad("会话", 38) + Columns.Pad("方式", 6) + Columns.Pad("登录时间", 18) + Columns.Pad("最近使用", 18) + Columns.Pad("地址", 18) + "状态");
            foreach (var s in rows)
                Console.WriteLine(Columns.Pad(s.Id.ToString(), 38) + Columns.Pad(SessionText.Kind(s.Kind), 6) + Columns.Pad($"{s.CreatedAt.InOffice(clock):yyyy-MM-dd HH:mm}", 18)
                    + Columns.Pad($"{s.LastSeenAt.InOffice(clock):yyyy-MM-dd HH:mm}", 18) + Columns.Pad(s.ClientAddress ?? "-", 18) + SessionText.State(s));
            if (rows.Count == 0) Console.WriteLine("（没有会话）");
            return 0;
        }));

        var signOutName = new Argument<string>("NAME") { Description = "用户名" };
        var signOutOne = new Option<Guid?>("--session") { Description = "只结束这一个会话（默认结束全部）" };
        var signOut = new Command("sign-out", "强制下线：结束账号的会话，网页和接口随即失效") { signOutName, signOutOne };
        signOut.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var id = await sp.GetRequiredService<AccountService>().FindIdAsync(p.GetValue(signOutName)!, ct);
            var ended = await sp.GetRequiredService<SessionService>().EndByAdministratorAsync(id, p.GetValue(signOutOne), ct);
            Console.WriteLine($"已结束 {ended} 个会话。");
            return 0;
        }));

        return new Command("user", "账号：新建、重置密码、解锁、列表、会话、强制下线") { add, reset, unlock, list, sessions, signOut };
    }
}
