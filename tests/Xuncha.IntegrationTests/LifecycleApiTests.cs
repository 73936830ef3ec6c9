namespace Xuncha.IntegrationTests;

public class LifecycleApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task One_round_from_plan_to_a_closed_ledger()
    {
        var l = await new Lifecycle(app).PeopleAsync();
        await l.PlannedAndInFieldAsync();

        // fieldwork: a draft returned once, then approved and numbered
        var first = await l.ProblemAsync("CWC", "财务报销审核把关不严");
        (await l.ProblemActionAsync(l.Member, first, "submit")).GetProperty("row").GetProperty("status").GetString().ShouldBe("Submitted");
        var returned = await l.ProblemActionAsync(l.Leader, first, "return", "定性依据不充分，请补充");
        returned.GetProperty("row").GetProperty("status").GetString().ShouldBe("Returned");
        returned.GetProperty("returnReason").GetString().ShouldBe("定性依据不充分，请补充");
        await l.ProblemActionAsync(l.Member, first, "submit");
        var approved = await l.ProblemActionAsync(l.Leader, first, "approve");
        var year = (await l.RoundAsync()).GetProperty("year").GetInt32();
        approved.GetProperty("row").GetProperty("number").GetString().ShouldBe($"[{year}]1巡-1组-01号");
        (await l.ApprovedProblemAsync("CWC", "“三重一大”决策程序执行不规范", 1)).ShouldNotBe(Guid.Empty);
        await l.ApprovedProblemAsync("ZCC", "固定资产账实不符");
        await l.ApprovedProblemAsync("MKS", "理论学习中心组学习流于形式", 2);

        // report, approval, feedback: the unit now sees exactly its own problems
        await l.FedBackAsync();
        (await l.RoundAsync()).GetProperty("status").GetString().ShouldBe("FedBack");
        var cwcProblems = await (await l.Units["CWC"].GetAsync("/api/v1/problems")).JsonAsync();
        cwcProblems.GetArrayLength().ShouldBe(2);

        // the plan: incomplete is refused, returned once with a comment per task, then approved
        var plan = await l.PlanAsync("CWC");
        plan.GetProperty("planDue").GetProperty("daysLeft").GetInt32().ShouldBeGreaterThanOrEqualTo(19); // 15 working days
        var problems = plan.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("problem").GetProperty("id").GetGuid()).ToList();
        var task1 = await l.TaskAsync("CWC", problems[0]);
        var incomplete = await (await l.Units["CWC"].PostAsJsonAsync($"/api/v1/targets/{l.Targets["CWC"]}/plan/submit",
            new { version = Lifecycle.Version(await l.PlanAsync("CWC")) })).ProblemAsync(HttpStatusCode.BadRequest);
        incomplete.FieldErrors("problems").ShouldHaveSingleItem().ShouldContain("还没有整改任务");
        var task2 = await l.TaskAsync("CWC", problems[1], "LongTerm");
        (await l.PlanActionAsync(l.Units["CWC"], "CWC", "submit")).GetProperty("status").GetString().ShouldBe("Submitted");
        var back = await l.PlanActionAsync(l.Office, "CWC", "return", "措施不够具体", new Dictionary<Guid, string> { [task1] = "请写明时间节点" });
        back.GetProperty("status").GetString().ShouldBe("Returned");
        var commented = back.GetProperty("problems").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray()).Single(t => t.GetProperty("id").GetGuid() == task1);
        commented.GetProperty("reviewComment").GetString().ShouldBe("请写明时间节点");
        var edit = await l.TaskDetailAsync(task1, l.Units["CWC"]);
        (await l.Units["CWC"].PutAsJsonAsync($"/api/v1/tasks/{task1}", new
        {
            problemId = problems[0], goal = "报销审核制度健全、执行到位", measures = "一是 10 日内完成自查；二是 20 日内修订报销制度。", responsibleLeader = "郑永生",
            leadOrganizationId = await app.OrgIdAsync("CWC"), kind = "Deadline", deadline = l.Today.AddDays(20).ToString("yyyy-MM-dd"),
            version = edit.GetProperty("task").GetProperty("version").GetUInt32(),
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await l.PlanActionAsync(l.Units["CWC"], "CWC", "submit");
        var diff = await (await l.Office.GetAsync($"/api/v1/targets/{l.Targets["CWC"]}/plan/compare?from=1&to=2")).JsonAsync();
        var change = diff.EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("change").GetString().ShouldBe("修改");
        change.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ShouldContain("整改措施");
        (await l.PlanActionAsync(l.Office, "CWC", "approve")).GetProperty("revisions").GetArrayLength().ShouldBe(2);
        foreach (var code in new[] { "ZCC", "MKS" })
        {
            foreach (var p in (await l.PlanAsync(code)).GetProperty("problems").EnumerateArray())
                await l.TaskAsync(code, p.GetProperty("problem").GetProperty("id").GetGuid());
            await l.PlanActionAsync(l.Units[code], code, "submit");
            await l.PlanActionAsync(l.Office, code, "approve");
        }
        (await l.RoundAsync()).GetProperty("status").GetString().ShouldBe("Rectifying");

        // progress and closure: evidence required, a return, then closed; the long-term task kept up
        var unit = l.Units["CWC"];
        var t1 = await l.TaskDetailAsync(task1, unit);
        (await unit.PostAsync($"/api/v1/tasks/{task1}/progress", Lifecycle.Form(Lifecycle.Version(t1.GetProperty("task")), "text", "已完成自查，正在修订制度。")
            .With("percent", "60"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var noEvidence = await (await unit.PostAsync($"/api/v1/tasks/{task1}/request-closure",
            Lifecycle.Form(Lifecycle.Version((await l.TaskDetailAsync(task1, unit)).GetProperty("task")), "statement", "已完成。"))).ProblemAsync(HttpStatusCode.BadRequest);
        noEvidence.FieldErrors("files").ShouldBe(["请上传佐证材料。"]);
        await RequestClosureAsync(l, task1);
        var returnClosure = await l.Office.PostAsJsonAsync($"/api/v1/tasks/{task1}/return-closure",
            new { reason = "佐证材料不足以证明制度已执行", version = Lifecycle.Version((await l.TaskDetailAsync(task1)).GetProperty("task")) });
        returnClosure.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await RequestClosureAsync(l, task1);
        (await (await l.Office.PostAsJsonAsync($"/api/v1/tasks/{task1}/close", new { version = Lifecycle.Version((await l.TaskDetailAsync(task1)).GetProperty("task")) }))
            .JsonAsync()).GetProperty("task").GetProperty("state").GetString().ShouldBe("Closed");
        await RequestClosureAsync(l, task2);
        var closed2 = await (await l.Office.PostAsJsonAsync($"/api/v1/tasks/{task2}/close",
            new { result = "Ongoing", version = Lifecycle.Version((await l.TaskDetailAsync(task2)).GetProperty("task")) })).JsonAsync();
        closed2.GetProperty("task").GetProperty("closureResult").GetString().ShouldBe("Ongoing");

        // the ledger counts problems: one done, one basically done and kept up, two open
        var ledger = await (await l.Office.GetAsync($"/api/v1/ledger?roundId={l.RoundId}")).JsonAsync();
        ledger.GetProperty("totals").GetProperty("problems").GetInt32().ShouldBe(4);
        ledger.GetProperty("totals").GetProperty("completed").GetInt32().ShouldBe(1);
        ledger.GetProperty("totals").GetProperty("ongoing").GetInt32().ShouldBe(1);
        ledger.GetProperty("completionRate").GetDecimal().ShouldBe(50m);
        var xlsx = await l.Office.GetAsync($"/api/v1/ledger?roundId={l.RoundId}&format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        xlsx.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");

        // rectification reports, evaluated: the round is complete
        foreach (var code in Lifecycle.Codes)
        {
            var r = await (await l.Units[code].PutAsJsonAsync($"/api/v1/targets/{l.Targets[code]}/report", new { summary = "整改工作总体情况……", version = 0u })).JsonAsync();
            r = await (await l.Units[code].PostAsJsonAsync($"/api/v1/targets/{l.Targets[code]}/report/submit", new { version = Lifecycle.Version(r) })).JsonAsync();
            var eval = await (await l.Office.PostAsJsonAsync($"/api/v1/targets/{l.Targets[code]}/report/evaluate", new { grade = "FairlyGood", version = Lifecycle.Version(r) })).JsonAsync();
            eval.GetProperty("grade").GetString().ShouldBe("FairlyGood");
        }
        (await l.RoundAsync()).GetProperty("status").GetString().ShouldBe("Completed");
    }

    private static async Task RequestClosureAsync(Lifecycle l, Guid task)
    {
        var unit = l.Units["CWC"];
        var detail = await l.TaskDetailAsync(task, unit);
        var r = await unit.PostAsync($"/api/v1/tasks/{task}/request-closure",
            Lifecycle.Form(Lifecycle.Version(detail.GetProperty("task")), "statement", "已完成整改，附制度文件。", ("报销制度.pdf", Lifecycle.Pdf)));
        (await r.JsonAsync()).GetProperty("task").GetProperty("state").GetString().ShouldBe("ClosureRequested");
    }
}

internal static class FormExtensions
{
    public static MultipartFormDataContent With(this MultipartFormDataContent form, string name, string value)
    {
        form.Add(new StringContent(value), name);
        return form;
    }
}
