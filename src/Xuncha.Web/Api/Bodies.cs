namespace Xuncha.Web.Api;

/// <summary>Request bodies shared by the lifecycle endpoints.</summary>
public sealed record VersionBody(uint? Version);

public sealed record CommentBody(string? Comment, uint? Version);

public sealed record ReasonBody(string? Reason, uint? Version);

public sealed record DateBody(DateOnly? Date, uint? Version);
