using Microsoft.Extensions.Configuration;
using Npgsql;
using Xuncha.Common;

namespace Xuncha;

/// <summary>Where Xuncha finds its database and its files. Read from the environment or appsettings.</summary>
public sealed class XunchaSettings
{
    /// <summary>The application's connection (XUNCHA_DB).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// Optional owner connection used for migrations (XUNCHA_DB_OWNER). When given, the application's login
    /// is granted only what it needs, and only INSERT and SELECT on the audit trail.
    /// </summary>
    public string? OwnerConnectionString { get; init; }

    /// <summary>Keys, evidence files and backups (XUNCHA_DATA); outside the web root.</summary>
    public required string DataDirectory { get; init; }

    public string? AuditKeyFileOverride { get; init; }

    public string AuditKeyFile => AuditKeyFileOverride ?? Path.Combine(DataDirectory, "keys", "audit.key");

    public string? MasterKeyFileOverride { get; init; }

    /// <summary>The key that wraps the key of every confidential record (XUNCHA_MASTER_KEY_FILE). Back it up apart from the database.</summary>
    public string MasterKeyFile => MasterKeyFileOverride ?? Path.Combine(DataDirectory, "keys", "master.key");

    /// <summary>The cipher new confidential records are sealed with (XUNCHA_CIPHER): sm4-gcm or aes-256-gcm.</summary>
    public string Cipher { get; init; } = "sm4-gcm";

    /// <summary>
    /// The address people reach Xuncha at (XUNCHA_PUBLIC_URL), without a trailing slash: every absolute link,
    /// QR code and redirect is built from it, never from the request's Host header. When it is not set, the
    /// first address the server listens on.
    /// </summary>
    public string PublicUrl { get; private set; } = DefaultPublicUrl;

    /// <summary>Whether <see cref="PublicUrl"/> was configured rather than guessed.</summary>
    public bool PublicUrlConfigured { get; init; }

    /// <summary>Once the server listens: its first address becomes the public one, unless XUNCHA_PUBLIC_URL says otherwise.</summary>
    public void ListeningAt(string? address)
    {
        if (PublicUrlConfigured || string.IsNullOrEmpty(address)) return;
        PublicUrl = Normalize(address);
    }

    /// <summary>The absolute link of a group's public report page, as printed in the 进驻公告 and shown as a QR code.</summary>
    public string ReportLink(string token) => $"{PublicUrl}/report/{token}";

    public const string DefaultPublicUrl = "http://127.0.0.1:5080";

    /// <summary>Served over https: cookies are __Host- and Secure, and responses carry HSTS.</summary>
    public bool IsHttps => PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The office's time zone (XUNCHA_TIME_ZONE, default Asia/Shanghai): dates and times are read in it, not the server's.</summary>
    public TimeZoneInfo TimeZone { get; init; } = OfficeClock.Zone(null);

    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>Creates a directory only its owner can enter (keys, uploads): mode 700.</summary>
    public static string PrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public string BackupDirectory => Path.Combine(DataDirectory, "backups");

    public string MigrationConnectionString => OwnerConnectionString ?? ConnectionString;

    /// <summary>The role to grant least privilege to, when migrations run as a different (owner) role.</summary>
    public string? AppRoleToGrant
    {
        get
        {
            if (OwnerConnectionString is null) return null;
            var app = new NpgsqlConnectionStringBuilder(ConnectionString).Username;
            var owner = new NpgsqlConnectionStringBuilder(OwnerConnectionString).Username;
            return string.IsNullOrEmpty(app) || app == owner ? null : app;
        }
    }

    public static XunchaSettings From(IConfiguration config)
    {
        var cs = config["XUNCHA_DB"] ?? config.GetConnectionString("Xuncha");
        if (string.IsNullOrWhiteSpace(cs))
            throw new InvalidOperationException("未配置数据库：请设置环境变量 XUNCHA_DB（PostgreSQL 连接串），或用 ./run.sh 启动。");
        return new XunchaSettings
        {
            ConnectionString = cs,
            OwnerConnectionString = NullIfBlank(config["XUNCHA_DB_OWNER"]),
            DataDirectory = Path.GetFullPath(NullIfBlank(config["XUNCHA_DATA"]) ?? Path.Combine(Environment.CurrentDirectory, ".data")),
            AuditKeyFileOverride = NullIfBlank(config["XUNCHA_AUDIT_KEY_FILE"]),
            MasterKeyFileOverride = NullIfBlank(config["XUNCHA_MASTER_KEY_FILE"]),
            Cipher = NullIfBlank(config["XUNCHA_CIPHER"]) ?? "sm4-gcm",
            PublicUrl = PublicUrlFrom(config),
            PublicUrlConfigured = NullIfBlank(config["XUNCHA_PUBLIC_URL"]) is not null,
            TimeZone = OfficeClock.Zone(config["XUNCHA_TIME_ZONE"]),
        };
    }

    private static string PublicUrlFrom(IConfiguration config) => Normalize(NullIfBlank(config["XUNCHA_PUBLIC_URL"])
        ?? NullIfBlank(config["urls"])?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? DefaultPublicUrl);

    private static string Normalize(string address)
    {
        var url = address.Trim();
        // a wildcard listening address (http://*:5080, http://+:80, 0.0.0.0) names no host anyone can reach
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
            url = url.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"XUNCHA_PUBLIC_URL 不是有效的 http(s) 地址：{url}");
        return uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/');
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
