using System.Diagnostics;
using Npgsql;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Backups;

public sealed record BackupFile(string Name, long Bytes, DateTimeOffset CreatedAt);

/// <summary>
/// Database backups with pg_dump, kept on the server under the data directory. The 系统管理员 starts and lists
/// them but cannot download them through the app: a dump holds business data he may not read.
/// </summary>
public sealed class BackupService(XunchaSettings settings, XunchaDbContext db, TimeProvider clock)
{
    public IReadOnlyList<BackupFile> List()
    {
        db.Actor.Demand(Permission.ManageBackups);
        if (!Directory.Exists(settings.BackupDirectory)) return [];
        return new DirectoryInfo(settings.BackupDirectory).GetFiles("xuncha-*.dump")
            .OrderByDescending(f => f.Name)
            .Select(f => new BackupFile(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
            .ToList();
    }

    public async Task<BackupFile> CreateAsync(string? path = null, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageBackups);
        var target = path ?? Path.Combine(settings.BackupDirectory, $"xuncha-{clock.GetLocalNow():yyyyMMdd-HHmmss}.dump");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var cs = new NpgsqlConnectionStringBuilder(settings.MigrationConnectionString);
        var psi = new ProcessStartInfo(PgDump())
        {
            RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { "--format=custom", "--no-owner", "--file", target, "--host", cs.Host ?? "localhost",
                "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "", cs.Database ?? "" },
        };
        psi.Environment["PGPASSWORD"] = cs.Password ?? "";
        using var process = Process.Start(psi) ?? throw new DomainException(Messages.Backup_Failed);
        var stderr = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var ok = process.ExitCode == 0;
        await db.RecordNowAsync(AuditAction.Backup, "database", Path.GetFileName(target), ok ? AuditOutcome.Success : AuditOutcome.Failure,
            ok ? null : new { error = stderr.Length > 500 ? stderr[..500] : stderr }, ct: ct);
        if (!ok) throw new DomainException(Messages.Backup_Failed + " " + stderr.Trim());
        var info = new FileInfo(target);
        return new BackupFile(info.Name, info.Length, clock.GetUtcNow());
    }

    private static string PgDump()
    {
        // Debian's /usr/bin/pg_dump picks the version matching the server; otherwise the newest installed
        if (File.Exists("/usr/bin/pg_dump")) return "/usr/bin/pg_dump";
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        return versions.Select(v => Path.Combine(v, "bin", "pg_dump")).Where(File.Exists).OrderDescending().FirstOrDefault() ?? "pg_dump";
    }
}
