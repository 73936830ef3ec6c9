using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;

namespace Xuncha.Rectification;

/// <summary>What a task must say, and the deadline policy its dates must fit when a plan is submitted.</summary>
public sealed class TaskRules(XunchaDbContext db)
{
    public const int MaxMilestones = 12;

    public sealed record Clean(string Goal, string Measures, string Leader, Guid Lead, IReadOnlyList<Guid> CoOrganizations, TaskKind Kind,
        DateOnly? Deadline, IReadOnlyList<(DateOnly, string)> Milestones);

    public async Task<Clean> ValidateAsync(TaskInput input, CancellationToken ct)
    {
        var orgIds = (input.CoOrganizationIds ?? []).Append(input.LeadOrganizationId ?? Guid.Empty).Distinct().ToList();
        var active = (await db.Organizations.Where(o => orgIds.Contains(o.Id) && o.IsActive).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var v = new Validator();
        var clean = Validate(input, active, v);
        v.ThrowIfInvalid();
        return clean!;
    }

    /// <summary>The same checks without the database: <paramref name="active"/> holds the organisations that may take a task.</summary>
    public static Clean? Validate(TaskInput input, IReadOnlySet<Guid> active, Validator v)
    {
        var goal = v.Text("goal", input.Goal, RectificationTask.GoalMax, required: true);
        var measures = v.Text("measures", input.Measures, RectificationTask.MeasuresMax, required: true);
        var leader = v.Text("responsibleLeader", input.ResponsibleLeader, RectificationTask.LeaderMax, required: true);
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) v.Add("kind", Messages.Error_Required);
        if (input.Kind is TaskKind.Immediate or TaskKind.Deadline && input.Deadline is null) v.Add("deadline", Messages.Error_Required);
        if (input.LeadOrganizationId is null || !active.Contains(input.LeadOrganizationId.Value)) v.Add("leadOrganizationId", Messages.Task_NoSuchLeadOrganization);
        if ((input.CoOrganizationIds ?? []).Any(o => !active.Contains(o))) v.Add("coOrganizationIds", Messages.Task_NoSuchCoOrganization);
        var milestones = new List<(DateOnly, string)>();
        foreach (var (m, i) in (input.Milestones ?? []).Select((m, i) => (m, i)))
        {
            if (m.DueOn is null && string.IsNullOrWhiteSpace(m.Description)) continue;
            var text = v.Text($"milestones[{i}].description", m.Description, TaskMilestone.DescriptionMax, required: true);
            if (m.DueOn is null) v.Add($"milestones[{i}].dueOn", Messages.Error_Required);
            else if (text is not null) milestones.Add((m.DueOn.Value, text));
        }
        if (input.Kind == TaskKind.LongTerm && milestones.Count == 0 && v.IsValid) v.Add("milestones", Messages.Task_LongTermNeedsMilestones);
        if (milestones.Count > MaxMilestones) v.Add("milestones", string.Format(Messages.Task_TooManyMilestones, MaxMilestones));
        if (!v.IsValid) return null;
        return new Clean(goal!, measures!, leader!, input.LeadOrganizationId!.Value, (input.CoOrganizationIds ?? []).Distinct().ToList(),
            input.Kind!.Value, input.Deadline, input.Kind == TaskKind.LongTerm ? milestones : []);
    }

    /// <summary>The task's dates against the policy: none before feedback or today; 立行立改 within N days, others within N months.</summary>
    public static IEnumerable<string> DeadlineProblems(RectificationTask t, DateOnly feedback, DateOnly today, DeadlinePolicy policy)
    {
        var dates = t.Milestones.Select(m => m.DueOn).Concat(t.Deadline is { } d ? [d] : []).ToList();
        if (dates.Any(x => x < feedback)) yield return string.Format(Messages.Task_BeforeFeedback, feedback.ToString("yyyy-MM-dd"));
        if (dates.Any(x => x < today)) yield return Messages.Task_InThePast;
        var latest = feedback.AddMonths(policy.MaxDeadlineMonths);
        switch (t.Kind)
        {
            case TaskKind.Immediate when t.Deadline > feedback.AddDays(policy.ImmediateFixDays):
                yield return string.Format(Messages.Task_ImmediateTooLate, policy.ImmediateFixDays, feedback.AddDays(policy.ImmediateFixDays).ToString("yyyy-MM-dd"));
                break;
            case TaskKind.Deadline when t.Deadline > latest:
                yield return string.Format(Messages.Task_DeadlineTooLate, policy.MaxDeadlineMonths, latest.ToString("yyyy-MM-dd"));
                break;
            case TaskKind.LongTerm when t.Milestones.Count > 0 && t.Milestones.Min(m => m.DueOn) > latest:
                yield return string.Format(Messages.Task_FirstMilestoneTooLate, policy.MaxDeadlineMonths, latest.ToString("yyyy-MM-dd"));
                break;
            case TaskKind.LongTerm when t.Deadline is { } end && t.Milestones.Count > 0 && end < t.Milestones.Max(m => m.DueOn):
                yield return Messages.Task_DeadlineBeforeMilestone;
                break;
        }
    }
}
