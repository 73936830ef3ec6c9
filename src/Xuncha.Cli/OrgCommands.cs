using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Organizations;

namespace Xuncha.Cli;

internal static class OrgCommands
{
    public static Command Build() => new("org", "组织机构：导入、导出") { Import(), Export() };

    public static Command Import(string name = "import")
    {
        var file = new Argument<FileInfo>("FILE") { Description = ".xlsx 或 .csv，表头：名称、上级、类型、书记、编码" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并预览，不写入" };
        var import = new Command(name, "导入组织机构（任何一行有错则全部不导入）") { file, dryRun };
        import.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(file)!;
            await using var stream = f.OpenRead();
            var result = await sp.GetRequiredService<OrganizationImport>().RunAsync(stream, f.Name, commit: !p.GetValue(dryRun), ct);
            foreach (var issue in result.Issues) Console.Error.WriteLine($"第 {issue.Row} 行「{issue.Column}」：{issue.Message}");
            if (!result.IsValid)
            {
                Console.Error.WriteLine($"有 {result.Issues.Count} 处错误，未导入任何组织。");
                return 1;
            }
            Console.WriteLine(p.GetValue(dryRun) ? $"检查通过：{result.Rows.Count} 行可以导入。" : $"已导入 {result.Imported} 个组织。");
            return 0;
        }));
        return import;
    }

    private static Command Export()
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "输出的 .xlsx 文件", Required = true };
        var export = new Command("export", "导出组织机构为 .xlsx") { output };
        export.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(output)!;
            int rows;
            await using (var stream = f.Create())
                rows = await sp.GetRequiredService<OrganizationExport>().WriteAsync(stream, ct);
            Console.WriteLine($"已导出 {rows} 个组织到 {f.FullName}");
            return 0;
        }));
        return export;
    }
}
