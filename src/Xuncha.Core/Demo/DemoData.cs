using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xuncha.Accounts;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Organizations;

namespace Xuncha.Demo;

public sealed record DemoAccount(Role Role, string UserName, string DisplayName, string OneTimePassword);

/// <summary>
/// A university committee shaped like the seeds: the nine organisations inspected in seed 000's first round
/// are among seed 004's 29 secondary party organisations and one directly-affiliated branch, plus the offices
/// the inspectors come from, two terms, and one account per role.
/// </summary>
public sealed class DemoData(XunchaSettings settings, XunchaDbContext db, TimeProvider clock)
{
    public const string CommitteeCode = "MD";

    internal static readonly (string Code, string Name, OrganizationType Type, string Secretary)[] Secondary =
    [
        ("ZZB", "党委组织部（人事处）党总支", OrganizationType.GeneralBranch, "周建华"),
        ("XGB", "学生工作部（学生处）党总支", OrganizationType.GeneralBranch, "吴海燕"),
        ("CWC", "财务处党总支", OrganizationType.GeneralBranch, "郑永生"),
        ("ZCC", "资产管理处党总支", OrganizationType.GeneralBranch, "冯志刚"),
        ("HQC", "后勤管理处党总支", OrganizationType.GeneralBranch, "褚卫东"),
        ("GJB", "规划建设办公室党总支", OrganizationType.GeneralBranch, "卫立新"),
        ("MKS", "马克思主义学院党委", OrganizationType.SecondaryCommittee, "蒋文博"),
        ("YXB", "医学部党委", OrganizationType.SecondaryCommittee, "沈慧敏"),
        ("FZ", "附属中学党总支", OrganizationType.GeneralBranch, "韩德明"),
        ("WXY", "文学院党委", OrganizationType.SecondaryCommittee, "杨静怡"),
        ("WGY", "外国语学院党委", OrganizationType.SecondaryCommittee, "朱晓峰"),
        ("SXY", "数学科学学院党委", OrganizationType.SecondaryCommittee, "秦志远"),
        ("WDY", "物理与电子工程学院党委", OrganizationType.SecondaryCommittee, "尤振宇"),
        ("HGY", "化学化工学院党委", OrganizationType.SecondaryCommittee, "许红梅"),
        ("SKY", "生命科学学院党委", OrganizationType.SecondaryCommittee, "何光明"),
        ("XXY", "信息技术学院党委", OrganizationType.SecondaryCommittee, "吕少华"),
        ("JGY", "经济与管理学院党委", OrganizationType.SecondaryCommittee, "施国庆"),
        ("FXY", "法学院党委", OrganizationType.SecondaryCommittee, "张正义"),
        ("JKY", "教育科学学院党委", OrganizationType.SecondaryCommittee, "孔令仪"),
        ("TYY", "体育学院党委", OrganizationType.SecondaryCommittee, "曹健"),
        ("YSY", "艺术学院党委", OrganizationType.SecondaryCommittee, "严美华"),
        ("LSY", "历史文化学院党委", OrganizationType.SecondaryCommittee, "华承志"),
        ("TSG", "图书馆党总支", OrganizationType.GeneralBranch, "金书林"),
        ("JWC", "教务处党总支", OrganizationType.GeneralBranch, "魏明远"),
        ("KJC", "科技处党总支", OrganizationType.GeneralBranch, "陶振华"),
        ("GJC", "国际交流处党总支", OrganizationType.GeneralBranch, "姜海伦"),
        ("JJY", "继续教育学院党总支", OrganizationType.GeneralBranch, "戚建国"),
        ("LTX", "离退休工作处党总支", OrganizationType.GeneralBranch, "谢长青"),
        ("BWC", "保卫处党总支", OrganizationType.GeneralBranch, "邹安平"),
        ("XYY", "校医院直属党支部", OrganizationType.DirectBranch, "柏仁心"),
    ];

    internal static readonly (string Parent, string Code, string Name, string Secretary)[] Branches =
    [
        ("MKS", "MKS-JG1", "马克思主义学院教工第一党支部", "喻文华"),
        ("MKS", "MKS-XS", "马克思主义学院学生党支部", "柏青"),
        ("YXB", "YXB-LC", "医学部临床医学系党支部", "水立平"),
        ("YXB", "YXB-HL", "医学部护理学系党支部", "窦丽娟"),
        ("CWC", "CWC-1", "财务处第一党支部", "章明"),
        ("CWC", "CWC-2", "财务处第二党支部", "云飞"),
        ("XXY", "XXY-JG", "信息技术学院教工党支部", "苏晓东"),
        ("FZ", "FZ-JG", "附属中学教工党支部", "潘文静"),
    ];

    internal static readonly (string Code, string Name, string Secretary)[] Departments =
    [
        ("DWB", "党委办公室", "葛长河"),
        ("XCB", "党委巡察工作办公室", "范志诚"),
        ("JWB", "纪委办公室", "彭正清"),
    ];

    internal static readonly (Role Role, string UserName, string DisplayName, string? Org)[] People =
    [
        (Role.SysAdmin, "sysadmin", "系统管理员", null),
        (Role.SecAdmin, "secadmin", "安全管理员", null),
        (Role.AuditAdmin, "auditadmin", "审计管理员", null),
        (Role.Office, "wangxiao", "王晓", "XCB"),
        (Role.LeadingGroup, "liguoqiang", "李国强", "DWB"),
        (Role.GroupLeader, "zhaojianjun", "赵建军", "TSG"),
        (Role.GroupMember, "chenmin", "陈敏", "XXY"),
        (Role.Unit, "liufang", "刘芳", "CWC"),
        (Role.Discipline, "sunli", "孙立", "JWB"),
        (Role.OfficeDirector, "fanzhicheng", "范志诚", "XCB"),
        (Role.DisciplineSecretary, "pengzhengqing", "彭正清", "JWB"),
    ];

    public async Task<bool> IsEmptyAsync(CancellationToken ct = default) =>
        !await db.Organizations.AnyAsync(ct) && !await db.Users.AnyAsync(ct);

    /// <summary>
    /// Loads the demo into an empty database in one transaction; returns the printed accounts with their one-time
    /// passwords. With <paramref name="history"/>, the story of the seeds is played through the real services on a
    /// clock set to each of its moments (see <see cref="DemoStory"/>); without it, only the tree, terms and accounts.
    /// </summary>
    public async Task<IReadOnlyList<DemoAccount>> LoadAsync(bool history = true, CancellationToken ct = default)
    {
        if (!db.Actor.IsSystem) throw new ForbiddenException();
        if (!await IsEmptyAsync(ct)) throw new DomainException(Messages.Demo_NotEmpty);

        var storyClock = new DemoClock(clock);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(storyClock);
        services.AddXunchaCore(settings);
        await using var provider = services.BuildServiceProvider();
        try
        {
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Value = db.Actor;
            var story = new DemoStory(scope.ServiceProvider, storyClock);
            return await scope.ServiceProvider.GetRequiredService<XunchaDbContext>().InTransactionAsync(() => story.PlayAsync(history, ct), ct);
        }
        finally
        {
            await provider.GetRequiredService<NpgsqlDataSource>().DisposeAsync();
        }
    }
}
