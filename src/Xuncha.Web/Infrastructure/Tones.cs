using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.Web.Infrastructure;

/// <summary>The colour a status is shown in: drafts grey, waiting amber, returned red, done green.</summary>
public static class Tones
{
    public static (string Text, string Tone) Of(RoundStatus s) => (s.Label(), s switch
    {
        RoundStatus.Draft => "draft",
        RoundStatus.PendingApproval => "waiting",
        RoundStatus.Completed => "done",
        _ => "active",
    });

    public static (string Text, string Tone) Of(ProblemStatus s) => (s.Label(), s switch
    {
        ProblemStatus.Draft => "draft",
        ProblemStatus.Submitted => "waiting",
        ProblemStatus.Returned => "returned",
        ProblemStatus.Approved => "done",
    });

    public static (string Text, string Tone) Of(PlanStatus s) => (s.Label(), s switch
    {
        PlanStatus.Draft => "draft",
        PlanStatus.Submitted => "waiting",
        PlanStatus.Returned => "returned",
        PlanStatus.Approved => "done",
    });

    public static (string Text, string Tone) Of(TaskState s) => (s.Label(), s switch
    {
        TaskState.Planned => "draft",
        TaskState.Proposed or TaskState.ClosureRequested => "waiting",
        TaskState.InProgress => "active",
        TaskState.Closed => "done",
    });

    public static (string Text, string Tone) Of(ReportStatus s) => (s.Label(), s switch
    {
        ReportStatus.Draft => "draft",
        ReportStatus.Submitted => "waiting",
        ReportStatus.Returned => "returned",
        ReportStatus.Approved => "done",
    });

    public static (string Text, string Tone) Of(RectificationReportStatus s) => (s.Label(), s switch
    {
        RectificationReportStatus.Draft => "draft",
        RectificationReportStatus.Submitted => "waiting",
        RectificationReportStatus.Returned => "returned",
        RectificationReportStatus.Evaluated => "done",
    });

    public static (string Text, string Tone) Of(Pool.MemberStatus s) => (s.Label(), s switch
    {
        Pool.MemberStatus.Applied => "waiting",
        Pool.MemberStatus.Active => "done",
        Pool.MemberStatus.Rejected => "returned",
        Pool.MemberStatus.Exited => "draft",
    });

    public static (string Text, string Tone) Of(Pool.AppraisalGrade g) => (g.Label(), g switch
    {
        Pool.AppraisalGrade.Excellent => "done",
        Pool.AppraisalGrade.Competent => "active",
        Pool.AppraisalGrade.BasicallyCompetent => "waiting",
        Pool.AppraisalGrade.Incompetent => "returned",
    });
}
