namespace Xuncha.Documents;

/// <summary>The official documents Xuncha writes, each from a template the office may replace.</summary>
public enum DocumentKind
{
    RoundPlan,
    GroupReport,
    Feedback,
    RectificationPlan,
    RectificationReport,
    Appraisal,
    ClueTransfer,
    EntryAnnouncement,
}

/// <summary>The default templates (GB/T 9704 layout) and the names each template may use.</summary>
public static class DocumentKinds
{
    public static readonly string[] Common = ["标题", "党委名称", "轮次名称", "轮次类型", "年度", "编号前缀", "今天", DocxTemplate.TraceName];

    /// <summary>The placeholder and list names a template of this kind can use, beyond the common ones.</summary>
    public static IReadOnlyList<string> Names(DocumentKind kind) => kind switch
    {
        DocumentKind.RoundPlan => ["巡察主题", "巡察重点", "开始日期", "结束日期", "对象数", "组数", "巡察组", "组名", "组长", "副组长", "成员", "巡察对象"],
        DocumentKind.GroupReport => ["组名", "巡察对象", "进驻日期", "结束日期", "总体评价", "意见建议", "问题数", "类别", "类别序号", "类别名称", "问题", "序号",
            "问题编号", "问题标题", "问题表现", "定性依据", "责任指向", "被巡察单位"],
        DocumentKind.Feedback => ["组名", "被巡察单位", "进驻日期", "结束日期", "反馈日期", "方案期限", "报告期限", "问题数", "类别", "类别序号", "类别名称", "问题",
            "序号", "问题编号", "问题标题", "问题表现", "定性依据", "责任指向"],
        DocumentKind.RectificationPlan => ["被巡察单位", "反馈日期", "问题数", "任务数", "任务", "序号", "反馈问题", "整改目标", "整改措施", "责任领导", "牵头单位",
            "协办单位", "完成时限", "整改类型", "阶段目标"],
        DocumentKind.RectificationReport => ["被巡察单位", "反馈日期", "整改报告正文", "任务数", "已完成数", "持续数", "未完成数", "评价等次", "评价意见", "任务", "序号",
            "反馈问题", "整改措施", "完成时限", "状态", "销号日期"],
        DocumentKind.Appraisal => ["人员", "姓名", "所在单位", "职级", "巡察组", "组内职务", "组长评定", "组长意见", "鉴定等次", "巡察办意见"],
        DocumentKind.ClueTransfer => ["接收单位", "线索数", "线索", "序号", "线索编号", "反映对象", "线索摘要", "来源巡察组", "移交日期"],
        DocumentKind.EntryAnnouncement => ["组名", "组长", "被巡察单位", "进驻日期", "结束日期", "举报链接", "举报二维码"],
        _ => [],
    };

    /// <summary>The lists of each kind (and the lists inside their items): what repeats.</summary>
    public static IReadOnlyDictionary<string, string[]> Lists(DocumentKind kind) => kind switch
    {
        DocumentKind.RoundPlan => new Dictionary<string, string[]> { ["巡察组"] = [] },
        DocumentKind.GroupReport or DocumentKind.Feedback => new Dictionary<string, string[]> { ["类别"] = ["问题"], ["问题"] = [] },
        DocumentKind.RectificationPlan or DocumentKind.RectificationReport => new Dictionary<string, string[]> { ["任务"] = [] },
        DocumentKind.Appraisal => new Dictionary<string, string[]> { ["人员"] = [] },
        DocumentKind.ClueTransfer => new Dictionary<string, string[]> { ["线索"] = [] },
        _ => new Dictionary<string, string[]>(),
    };

    /// <summary>What a template of this kind should hold to be of use (an upload without it is kept, with a warning).</summary>
    public static IReadOnlyList<string> Essential(DocumentKind kind) => kind switch
    {
        DocumentKind.RoundPlan => ["巡察组"],
        DocumentKind.GroupReport or DocumentKind.Feedback => ["问题", "问题标题"],
        DocumentKind.RectificationPlan => ["任务", "整改措施", "完成时限"],
        DocumentKind.RectificationReport => ["任务", "状态"],
        DocumentKind.Appraisal => ["人员", "姓名", "鉴定等次"],
        DocumentKind.ClueTransfer => ["线索", "线索摘要"],
        DocumentKind.EntryAnnouncement => ["举报链接"],
        _ => [],
    };

    public static byte[] Default(DocumentKind kind) => kind switch
    {
        DocumentKind.RoundPlan => new OfficialDocument()
            .Title("{{党委名称}}{{轮次名称}}工作方案")
            .Para("根据《中国共产党巡视工作条例》和{{党委名称}}巡察工作规划，经{{党委名称}}巡察工作领导小组研究，决定开展{{轮次名称}}（{{轮次类型}}）。现制定工作方案如下。")
            .Heading1("一、巡察主题").Para("{{巡察主题}}")
            .Heading1("二、巡察对象和巡察组").Para("本轮巡察对{{对象数}}个党组织开展巡察，组建{{组数}}个巡察组，分工如下：")
            .Table(["巡察组", "组长", "副组长", "成员", "巡察对象"], ["{{#巡察组}}{{组名}}", "{{组长}}", "{{副组长}}", "{{成员}}", "{{巡察对象}}"], [2, 2, 2, 4, 5])
            .Heading1("三、时间安排").Para("计划自{{开始日期}}至{{结束日期}}开展巡察，各巡察组进驻时间另行通知。")
            .Heading1("四、巡察重点").Para("{{巡察重点}}")
            .Heading1("五、工作要求")
            .Heading2("（一）提高政治站位。").Para("坚守政治巡察定位，把“两个维护”作为根本任务，确保巡察工作正确方向。")
            .Heading2("（二）坚持问题导向。").Para("聚焦被巡察党组织职能责任，精准发现问题，做到问题底数清、情况明。")
            .Heading2("（三）严守纪律规矩。").Para("巡察组严格按照授权开展工作，严守保密纪律，坚决防止干预被巡察单位正常工作。")
            .Signature("{{党委名称}}巡察工作领导小组", "{{今天}}")
            .Build(),
        DocumentKind.GroupReport => new OfficialDocument()
            .Title("{{组名}}关于对{{巡察对象}}的巡察报告")
            .Addressee("{{党委名称}}巡察工作领导小组：")
            .Para("根据{{党委名称}}统一部署，{{组名}}于{{进驻日期}}至{{结束日期}}对{{巡察对象}}开展了巡察。现将巡察情况报告如下。")
            .Heading1("一、总体评价").Para("{{总体评价}}")
            .Heading1("二、发现的主要问题").Para("巡察共发现问题{{问题数}}个，按类别报告如下。")
            .Marker("{{#类别}}").Heading2("（{{类别序号}}）{{类别名称}}")
            .Marker("{{#问题}}").Para("{{序号}}. {{问题标题}}。{{问题表现}}（{{被巡察单位}}，{{问题编号}}）").Marker("{{/问题}}")
            .Marker("{{/类别}}")
            .Heading1("三、意见建议").Para("{{意见建议}}")
            .Signature("{{组名}}", "{{今天}}")
            .Build(),
        DocumentKind.Feedback => new OfficialDocument()
            .Title("{{组名}}关于巡察{{被巡察单位}}的反馈意见")
            .Addressee("{{被巡察单位}}：")
            .Para("根据{{党委名称}}统一部署，{{组名}}于{{进驻日期}}至{{结束日期}}对{{被巡察单位}}开展了巡察。经{{党委名称}}巡察工作领导小组同意，现将巡察发现的问题反馈如下。")
            .Heading1("一、发现的主要问题").Para("巡察发现问题{{问题数}}个。")
            .Marker("{{#类别}}").Heading2("（{{类别序号}}）{{类别名称}}")
            .Marker("{{#问题}}").Para("{{序号}}. {{问题标题}}。{{问题表现}}").Marker("{{/问题}}")
            .Marker("{{/类别}}")
            .Heading1("二、整改要求")
            .Para("请{{被巡察单位}}党组织认真履行整改主体责任，对照反馈问题逐项制定整改措施，于{{方案期限}}前报送整改方案，于{{报告期限}}前报送整改情况报告。对立行立改事项要即知即改，对需要长期坚持的事项要建立长效机制，做到件件有着落、事事有回音。")
            .Signature("{{组名}}", "{{反馈日期}}")
            .Build(),
        DocumentKind.RectificationPlan => new OfficialDocument()
            .Title("{{被巡察单位}}关于{{轮次名称}}反馈意见的整改方案")
            .Para("为认真落实{{党委名称}}{{轮次名称}}反馈意见（{{反馈日期}}反馈，共{{问题数}}个问题），结合本单位实际，制定本整改方案。")
            .Heading1("一、整改任务").Para("共{{任务数}}项整改任务，明确整改目标、措施、责任领导、责任单位和完成时限，逐项销号。")
            .Table(["序号", "反馈问题", "整改目标", "整改措施", "责任领导", "牵头单位", "协办单位", "完成时限"],
                ["{{#任务}}{{序号}}", "{{反馈问题}}", "{{整改目标}}", "{{整改措施}}", "{{责任领导}}", "{{牵头单位}}", "{{协办单位}}", "{{完成时限}}"], [2, 6, 5, 8, 3, 3, 3, 3])
            .Heading1("二、保障措施")
            .Heading2("（一）加强组织领导。").Para("成立由党组织书记任组长的整改工作领导小组，党组织书记履行第一责任人职责。")
            .Heading2("（二）压实整改责任。").Para("实行台账管理，责任领导和责任单位按时限推进整改，完成一项、销号一项。")
            .Heading2("（三）建立长效机制。").Para("举一反三，建章立制，防止问题反弹。")
            .Signature("{{被巡察单位}}", "{{今天}}")
            .Build(),
        DocumentKind.RectificationReport => new OfficialDocument()
            .Title("{{被巡察单位}}关于{{轮次名称}}反馈意见整改情况的报告")
            .Addressee("{{党委名称}}巡察工作领导小组：")
            .Para("{{整改报告正文}}")
            .Heading1("一、整改任务完成情况")
            .Para("共{{任务数}}项整改任务，已完成{{已完成数}}项，基本完成、持续整改{{持续数}}项，正在推进{{未完成数}}项。")
            .Table(["序号", "反馈问题", "整改措施", "完成时限", "状态", "销号日期"],
                ["{{#任务}}{{序号}}", "{{反馈问题}}", "{{整改措施}}", "{{完成时限}}", "{{状态}}", "{{销号日期}}"], [2, 7, 9, 3, 3, 3])
            .Heading1("二、下一步工作").Para("持续巩固整改成果，对长期坚持的事项按阶段目标推进，坚决防止问题反弹。")
            .Signature("{{被巡察单位}}", "{{今天}}")
            .Build(),
        DocumentKind.Appraisal => new OfficialDocument()
            .Marker("{{#人员}}")
            .Title("巡察工作鉴定表")
            .Form([("姓名", "{{姓名}}"), ("所在单位", "{{所在单位}}"), ("职级", "{{职级}}"), ("巡察轮次", "{{轮次名称}}"), ("巡察组及职务", "{{巡察组}}　{{组内职务}}"),
                ("巡察组组长意见", "{{组长评定}}　{{组长意见}}"), ("鉴定等次", "{{鉴定等次}}"), ("巡察办意见", "{{巡察办意见}}\n\n（盖章）　　　　{{今天}}")])
            .Para("本表一式三份，分送党委组织部、本人所在单位和巡察办存档。")
            .PageBreak()
            .Marker("{{/人员}}")
            .Build(),
        DocumentKind.ClueTransfer => new OfficialDocument()
            .Title("{{轮次名称}}问题线索移交清单")
            .Para("移交单位：{{党委名称}}巡察工作办公室　　接收单位：{{接收单位}}")
            .Table(["序号", "线索编号", "反映对象", "线索摘要", "来源巡察组", "移交日期"],
                ["{{#线索}}{{序号}}", "{{线索编号}}", "{{反映对象}}", "{{线索摘要}}", "{{来源巡察组}}", "{{移交日期}}"], [2, 4, 4, 10, 4, 4])
            .Para("共移交问题线索{{线索数}}件。本清单按机密件管理。")
            .Signature("{{党委名称}}巡察工作办公室", "{{今天}}")
            .Build(),
        DocumentKind.EntryAnnouncement => new OfficialDocument()
            .Title("{{组名}}进驻{{被巡察单位}}开展巡察的公告")
            .Para("根据{{党委名称}}巡察工作统一部署，{{组名}}于{{进驻日期}}至{{结束日期}}对{{被巡察单位}}党组织开展巡察。巡察期间主要受理反映被巡察党组织领导班子及其成员、下一级党组织主要负责人和重要岗位领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律等方面的举报和反映。")
            .Para("巡察期间，可扫描下方二维码或访问下方网址反映问题，可以匿名，提交后凭查询码查看办理情况；也可来信来访反映。")
            .Centered("{{举报二维码}}")
            .Centered("{{举报链接}}")
            .Signature("{{组名}}", "{{今天}}")
            .Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
