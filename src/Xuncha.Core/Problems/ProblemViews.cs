using Xuncha.Files;

namespace Xuncha.Problems;

public sealed record ProblemInput(
    Guid? TargetId, string? Title, string? Manifestation, string? Basis, string? Responsibility, Guid? CategoryId,
    bool ImmediateFix = false, string? ImmediateFixNote = null);

public sealed record ProblemFilter(
    Guid? RoundId = null, Guid? TargetId = null, Guid? GroupId = null, ProblemStatus? Status = null, Guid? CategoryId = null,
    string? Search = null, bool MineOnly = false);

/// <summary>Where a problem's rectification stands: 未整改 until every task is closed, then 已整改.</summary>
public enum RectificationState
{
    NotStarted,
    InProgress,
    Rectified,
}

public sealed record ProblemRow(
    Guid Id, Guid RoundId, string RoundName, string? Number, int? Sequence, string Title, ProblemStatus Status, Guid CategoryId, string Category,
    Guid TargetId, string Target, Guid GroupId, string Group, string Author, bool ImmediateFix, DateTimeOffset CreatedAt,
    int Tasks, int TasksClosed, uint Version)
{
    public string StatusName => Common.Labels.Of(Status);

    public RectificationState Rectification => Tasks == 0 ? RectificationState.NotStarted
        : TasksClosed == Tasks ? RectificationState.Rectified : RectificationState.InProgress;
}

public sealed record ProblemDetail(
    ProblemRow Row, string Manifestation, string? Basis, string? Responsibility, string? ImmediateFixNote, string? ReturnReason,
    Guid AuthorId, bool FedBack, IReadOnlyList<FileView> Files, bool CanEdit, bool CanReview);
