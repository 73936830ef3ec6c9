using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Backups;
using Xuncha.Data;

namespace Xuncha.Cli;

internal static class DbCommands
{
    public static Command Build()
    {
        var migrate = new Command("migrate", "应用尚未执行的数据库迁移");
        migrate.SetAction((_, ct) => CliHost.RunAsync(async sp =>
        {
            var settings = sp.GetRequiredService<XunchaSettings>();
            var applied = await sp.GetRequiredService<Migrator>().MigrateAsync(settings.MigrationConnectionString, settings.AppRoleToGrant, ct);
            Console.WriteLine(applied.Count == 0 ? "数据库已是最新。" : $"已应用迁移：{string.Join(", ", applied.Select(v => v.ToString("D4")))}");
            return 0;
        }));

        var status = new Command("status", "列出迁移及其是否已应用");
        status.SetAction((_, ct) => CliHost.RunAsync(async sp =>
        {
            var states = await sp.GetRequiredService<Migrator>().StatusAsync(sp.GetRequiredService<XunchaSettings>().ConnectionString, ct);
            foreach (var s in states)
                Console.WriteLine($"{s.Version:D4}  {s.Name,-30} {(s.Applied ? $"已应用 {s.AppliedAt:yyyy-MM-dd HH:mm}" : "未应用")}{(s.Modified ? "  ！文件在应用后被修改" : "")}");
            var pending = states.Count(s => !s.Applied);
            Console.WriteLine(pending == 0 ? "数据库已是最新。" : $"有 {pending} 个迁移未应用：运行 xuncha db migrate。");
            if (pending > 0) return states.Any(s => s.Modified) ? 1 : 0;
            var login = await DatabaseLogin.CheckAsync(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), ct);
            if (login.Warning is { } warning) Console.Error.WriteLine("！" + warning);
            else Console.WriteLine($"应用账号 {login.Name} 只能追加和读取审计记录：审计日志受保护。");
            return states.Any(s => s.Modified) || !login.ProtectsAuditTrail ? 1 : 0;
        }));

        var output = new Option<string?>("--output", "-o") { Description = "备份文件路径（默认在数据目录的 backups 下）" };
        var backup = new Command("backup", "用 pg_dump 备份数据库") { output };
        backup.SetAction((parse, ct) => CliHost.RunAsync(async sp =>
        {
            var file = await sp.GetRequiredService<BackupService>().CreateAsync(parse.GetValue(output), ct);
            Console.WriteLine($"已备份：{file.Name}（{file.Bytes / 1024.0:F0} KB）");
            return 0;
        }));

        return new Command("db", "数据库：迁移、状态、备份") { migrate, status, backup };
    }
}
