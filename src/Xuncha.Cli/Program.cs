using System.CommandLine;
using Xuncha.Cli;

var root = new RootCommand("xuncha — 巡察工作平台命令行工具（读取环境变量 XUNCHA_DB、XUNCHA_DB_OWNER、XUNCHA_DATA）");
root.Subcommands.Add(DbCommands.Build());
root.Subcommands.Add(UserCommands.Build());
root.Subcommands.Add(AuditCommands.Build());
root.Subcommands.Add(DemoCommands.Build());
root.Subcommands.Add(OrgCommands.Build());
root.Subcommands.Add(RoundCommands.BuildRounds());
root.Subcommands.Add(RoundCommands.BuildLedger());
root.Subcommands.Add(PoolCommands.Build());
root.Subcommands.Add(RemindCommands.Build());
root.Subcommands.Add(CalendarCommands.Build());
root.Subcommands.Add(TransferCommands.BuildExport());
root.Subcommands.Add(TransferCommands.BuildImport());
root.Subcommands.Add(ConfidentialCommands.BuildClues());
root.Subcommands.Add(ConfidentialCommands.BuildKeys());
return await root.Parse(args).InvokeAsync();
