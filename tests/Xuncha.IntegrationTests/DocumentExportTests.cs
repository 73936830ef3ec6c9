using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Data;
using Xuncha.Documents;
using Xuncha.Spreadsheets;

namespace Xuncha.IntegrationTests;

/// <summary>
/// The official documents and the workbooks of a round in rectification: written for those who may have them,
/// valid, traced, audited, opened by LibreOffice; the templates replaced and restored.
/// </summary>
public class DocumentExportTests(DocumentExportTests.RoundApp app) : IClassFixture<DocumentExportTests.RoundApp>
{
    /// <summary>A round in rectification: four problems in three categories for three units, a task each, plans approved.</summary>
    public sealed class RoundApp : XunchaApp
    {
        public Lifecycle L { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadDemoAsync();
            L = await new Lifecycle(this).PeopleAsync();
            await L.PlannedAndInFieldAsync();
            await L.ApprovedProblemAsync("CWC", "财务报销审核把关不严", 0);
            await L.ApprovedProblemAsync("CWC", "“三重一大”决策程序执行不规范", 1);
            await L.ApprovedProblemAsync("ZCC", "固定资产账实不符");
            await L.ApprovedProblemAsync("MKS", "理论学习中心组学习流于形式", 2);
            await L.FedBackAsync();
            await L.RectifyingAsync();
        }
    }

    private Lifecycle L => app.L;

    private static async Task<byte[]> DownloadAsync(HttpClient c, string url, string type)
    {
        var r = await c.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        r.Content.Headers.ContentDisposition!.FileNameStar.ShouldNotBeNullOrEmpty();
        return await r.Content.ReadAsByteArrayAsync();
    }

    private static Task<byte[]> DocAsync(HttpClient c, string kind, Guid id) =>
        DownloadAsync(c, $"/api/v1/documents/{kind}/{id}", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private static string Text(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task Every_document_is_written_valid_traced_and_audited_and_LibreOffice_opens_them_with_the_workbooks()
    {
        var cwc = L.Targets["CWC"];
        var docs = new Dictionary<string, byte[]>
        {
            ["round-plan.docx"] = await DocAsync(L.Office, "round-plan", L.RoundId),
            ["group-report.docx"] = await DocAsync(L.Leader, "group-report", L.GroupId),
            ["feedback.docx"] = await DocAsync(L.Units["CWC"], "feedback", cwc),
            ["rectification-plan.docx"] = await DocAsync(L.Units["CWC"], "rectification-plan", cwc),
            ["rectification-report.docx"] = await DocAsync(L.Office, "rectification-report", cwc),
            ["appraisal.docx"] = await DocAsync(L.Office, "appraisal", L.RoundId),
        };
        foreach (var (name, bytes) in docs)
        {
            OfficeChecks.AssertValid(bytes, name);
            Text(bytes).ShouldNotContain("{{");
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            doc.PackageProperties.Description!.ShouldContain(" 导出于 ");
            doc.MainDocumentPart!.FooterParts.ShouldAllBe(f => f.Footer.InnerText.Contains(" 导出于 "));
        }

        var plan = Text(docs["round-plan.docx"]);
        plan.ShouldContain("第一巡察组");
        plan.ShouldContain("财务处党总支");
        var report = Text(docs["group-report.docx"]);
        report.ShouldContain("巡察共发现问题4个");
        report.ShouldContain("（一）");
        report.ShouldContain("（三）");
        report.ShouldContain("固定资产账实不符");
        report.ShouldContain("被巡察单位党组织总体能够贯彻落实上级决策部署");
        var feedback = Text(docs["feedback.docx"]);
        feedback.ShouldContain("第一巡察组关于巡察财务处党总支的反馈意见");
        feedback.ShouldContain("1. 财务报销审核把关不严。");
        feedback.ShouldContain("2. “三重一大”决策程序执行不规范。");
        feedback.ShouldNotContain("固定资产账实不符"); // another unit's problem
        Text(docs["rectification-plan.docx"]).ShouldContain("建立健全制度，堵塞漏洞");
        Text(docs["rectification-report.docx"]).ShouldContain("共2项整改任务");
        Text(docs["appraisal.docx"]).ShouldContain("巡察工作鉴定表");

        // who exported, in the properties; every export in the audit trail
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docs["feedback.docx"]), false))
            doc.PackageProperties.Creator.ShouldNotBeNullOrEmpty();
        var audited = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents
            .Where(e => e.Action == "export" && e.ObjectType == "documents").Select(e => e.Detail!).ToListAsync());
        foreach (var kind in new[] { "RoundPlan", "GroupReport", "Feedback", "RectificationPlan", "RectificationReport", "Appraisal" })
            audited.ShouldContain(d => d.Contains(kind));

        // the workbooks of the same round, and LibreOffice opens everything
        var files = new Dictionary<string, byte[]>(docs)
        {
            ["ledger.xlsx"] = await DownloadAsync(L.Office, $"/api/v1/ledger?roundId={L.RoundId}&format=xlsx", Xuncha.Web.Api.Downloads.XlsxType),
            ["problems.xlsx"] = await DownloadAsync(L.Office, $"/api/v1/rounds/{L.RoundId}/problems.xlsx", Xuncha.Web.Api.Downloads.XlsxType),
            ["tasks.xlsx"] = await DownloadAsync(L.Units["CWC"], $"/api/v1/targets/{cwc}/plan/tasks.xlsx", Xuncha.Web.Api.Downloads.XlsxType),
        };
        foreach (var name in new[] { "ledger.xlsx", "problems.xlsx", "tasks.xlsx" }) OfficeChecks.AssertValid(files[name], name);
        var pdfs = await OfficeChecks.ToPdfAsync(files);
        (await OfficeChecks.PdfTextAsync(pdfs["feedback.docx"], 1)).Replace("\n", "").Replace(" ", "").ShouldContain("第一巡察组关于巡察财务处党总支的反馈意见");
        (await OfficeChecks.PdfTextAsync(pdfs["problems.xlsx"])).ShouldContain("固定资产账实不符");
        (await OfficeChecks.PdfTextAsync(pdfs["ledger.xlsx"])).ShouldContain("整改台账");
    }

    [Fact]
    public async Task Each_document_only_for_those_who_may_see_it()
    {
        var cwc = L.Targets["CWC"];
        await (await L.Units["CWC"].GetAsync($"/api/v1/documents/group-report/{L.GroupId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await L.Units["CWC"].GetAsync($"/api/v1/documents/round-plan/{L.RoundId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await L.Units["CWC"].GetAsync($"/api/v1/documents/feedback/{L.Targets["ZCC"]}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await L.Units["ZCC"].GetAsync($"/api/v1/documents/rectification-plan/{cwc}")).ProblemAsync(HttpStatusCode.NotFound);
        (await L.Member.GetAsync($"/api/v1/documents/group-report/{L.GroupId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await L.Units["ZCC"].GetAsync($"/api/v1/documents/feedback/{L.Targets["ZCC"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // the clue transfer list comes from the clue register only; unknown kinds and ids are not found
        await (await L.Office.GetAsync($"/api/v1/documents/clue-transfer/{L.RoundId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await L.Office.GetAsync($"/api/v1/documents/letter/{L.RoundId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await L.Office.GetAsync($"/api/v1/documents/feedback/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        (await app.Anonymous().GetAsync($"/api/v1/documents/feedback/{cwc}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // the clue list: office and discipline only
        var unit = await app.ActorAsync(Role.Unit, "CWC");
        await Should.ThrowAsync<ForbiddenException>(() => app.AsAsync(unit, sp => sp.GetRequiredService<DocumentService>()
            .WriteClueTransferAsync(Guid.NewGuid(), L.RoundId, "纪委", [], new MemoryStream())));
        var discipline = await app.ActorAsync(Role.Discipline);
        var clues = new MemoryStream();
        await app.AsAsync(discipline, sp => sp.GetRequiredService<DocumentService>().WriteClueTransferAsync(Guid.NewGuid(), L.RoundId, "校纪委",
            [new ClueTransferRow("XS-001", "某处长", "反映其违规收受礼金", "第一巡察组", L.Today)], clues));
        OfficeChecks.AssertValid(clues.ToArray(), "clues.docx");
        Text(clues.ToArray()).ShouldContain("反映其违规收受礼金");
    }

    [Fact]
    public async Task The_office_replaces_a_template_checked_on_upload_and_restores_the_default()
    {
        var office = L.Office;
        var list = await (await office.GetAsync("/api/v1/templates")).JsonAsync();
        list.GetProperty("templates").GetArrayLength().ShouldBe(Enum.GetValues<DocumentKind>().Length);
        list.GetProperty("fonts").EnumerateArray().Select(f => f.GetProperty("font").GetString()).ShouldContain("仿宋_GB2312");
        await (await L.Units["CWC"].GetAsync("/api/v1/templates")).ProblemAsync(HttpStatusCode.Forbidden);

        async Task<HttpResponseMessage> Upload(byte[] bytes, string name = "反馈意见模板.docx", uint? version = 0)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", name);
            return await office.PutAsync($"/api/v1/templates/feedback{(version is { } v ? $"?version={v}" : "")}", form);
        }

        var typo = new OfficialDocument().Title("{{组名}}关于巡察{{被巡察单元}}的反馈意见").Build();
        (await (await Upload(typo)).ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file")[0].ShouldContain("{{被巡察单元}}");
        (await (await Upload("%PDF-1.4 x"u8.ToArray(), "模板.docx")).ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file")[0].ShouldContain(".docx");
        (await (await Upload(DocumentKinds.Default(DocumentKind.Feedback), "模板.doc")).ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file")[0].ShouldContain(".docx");

        var custom = new OfficialDocument().Title("{{组名}}关于巡察{{被巡察单位}}情况的反馈（本校格式）")
            .Marker("{{#问题}}").Para("{{序号}}．{{问题标题}}").Marker("{{/问题}}").Build();
        var ok = await (await Upload(custom)).JsonAsync();
        ok.GetProperty("warnings").GetArrayLength().ShouldBe(0);
        var feedback = Text(await DocAsync(L.Units["CWC"], "feedback", L.Targets["CWC"]));
        feedback.ShouldContain("（本校格式）");
        feedback.ShouldContain("财务报销审核把关不严");
        var current = (await (await office.GetAsync("/api/v1/templates")).JsonAsync()).GetProperty("templates").EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == "Feedback");
        current.GetProperty("isCustom").GetBoolean().ShouldBeTrue();
        // a stale version is refused; the current template downloads as uploaded
        (await Upload(custom, version: current.GetProperty("version").GetUInt32() + 7)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await office.GetAsync("/api/v1/templates/feedback")).Content.ReadAsByteArrayAsync()).ShouldBe(custom);
        OfficeChecks.AssertValid(await (await office.GetAsync("/api/v1/templates/feedback/sample")).Content.ReadAsByteArrayAsync(), "sample.docx");

        (await office.DeleteAsync("/api/v1/templates/feedback")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Text(await DocAsync(L.Units["CWC"], "feedback", L.Targets["CWC"])).ShouldNotContain("（本校格式）");
    }

    [Fact]
    public async Task The_ledger_streams_with_its_totals_and_trace_and_reads_back()
    {
        var bytes = await DownloadAsync(L.Office, $"/api/v1/ledger?roundId={L.RoundId}&format=xlsx", Xuncha.Web.Api.Downloads.XlsxType);
        var rows = TableReader.Read(new MemoryStream(bytes), "l.xlsx", 100).ToList();
        rows[0].Cells[0].ShouldBe("巡察整改台账");
        rows[1].Cells.Take(3).ShouldBe(["序号", "反馈问题", "整改目标"]);
        rows.Count(r => r.Cells.Count > 2 && r.Cells[2] == "建立健全制度，堵塞漏洞").ShouldBe(4);
        rows[^1].Cells[1].ShouldStartWith("合计：反馈问题 4 个");
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.OddHeader>().Single().Text.ShouldContain(" 导出于 ");
    }

    [Fact]
    public async Task Pages_offer_the_downloads_and_the_office_manages_templates_on_its_page()
    {
        var office = await L.WebAsync("office");
        var round = await (await office.GetAsync($"/rounds/{L.RoundId}")).Content.ReadAsStringAsync();
        round.ShouldContain("download-round-plan");
        round.ShouldContain("download-problems");
        var problems = await office.GetAsync($"/rounds/{L.RoundId}?handler=Problems");
        problems.Content.Headers.ContentType!.MediaType.ShouldBe(Xuncha.Web.Api.Downloads.XlsxType);
        var doc = await office.GetAsync($"/documents/feedback/{L.Targets["CWC"]}");
        doc.StatusCode.ShouldBe(HttpStatusCode.OK);
        OfficeChecks.AssertValid(await doc.Content.ReadAsByteArrayAsync(), "f.docx");

        var unit = await L.WebAsync("unitCWC");
        var plan = await (await unit.GetAsync($"/targets/{L.Targets["CWC"]}")).Content.ReadAsStringAsync();
        plan.ShouldContain("download-feedback");
        plan.ShouldContain("download-plan-xlsx");
        (await unit.GetAsync($"/documents/group-report/{L.GroupId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unit.GetAsync("/settings/templates")).StatusCode.ShouldBe(HttpStatusCode.Redirect); // to the access-denied page

        var page = await (await office.GetAsync("/settings/templates")).Content.ReadAsStringAsync();
        page.ShouldContain("仿宋_GB2312");
        page.ShouldContain("template-rectification-plan");
        var bad = await office.FollowAsync(await office.PostFileAsync("/settings/templates?handler=Upload", "/settings/templates",
            new() { ["kind"] = "round-plan" }, "upload", "方案.docx", new OfficialDocument().Title("{{巡察主体}}").Build()));
        bad.ShouldContain("{{巡察主体}}");
        var good = await office.FollowAsync(await office.PostFileAsync("/settings/templates?handler=Upload", "/settings/templates",
            new() { ["kind"] = "round-plan" }, "upload", "方案.docx", new OfficialDocument().Title("{{轮次名称}}方案（简本）").Build()));
        good.ShouldContain("已更换“巡察工作方案”的模板");
        good.ShouldContain("{{巡察组}}"); // the warning: the template leaves out the groups
        Text(await DocAsync(L.Office, "round-plan", L.RoundId)).ShouldContain("方案（简本）");
        var restored = await office.FollowAsync(await office.PostFormAsync("/settings/templates?handler=Restore", new() { ["kind"] = "round-plan" }, "/settings/templates"));
        restored.ShouldContain("已恢复默认模板");
        Text(await DocAsync(L.Office, "round-plan", L.RoundId)).ShouldNotContain("方案（简本）");
    }
}
