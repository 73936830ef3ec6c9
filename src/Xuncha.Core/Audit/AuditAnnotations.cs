using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xuncha.Audit;

/// <summary>How a property shows in the audit trail's change detail: by default old and new values.</summary>
public static class AuditAnnotations
{
    private const string Name = "Xuncha:Audit";

    /// <summary>Not a change worth a row (bookkeeping that other events already cover).</summary>
    public static PropertyBuilder<T> AuditIgnore<T>(this PropertyBuilder<T> b) => b.HasAnnotation(Name, "ignore");

    /// <summary>A change is recorded, its values are not (secrets, encrypted content).</summary>
    public static PropertyBuilder<T> AuditRedact<T>(this PropertyBuilder<T> b) => b.HasAnnotation(Name, "redact");

    internal static bool IsIgnored(IReadOnlyProperty p) => (p.FindAnnotation(Name)?.Value as string) == "ignore";

    internal static bool IsRedacted(IReadOnlyProperty p) => (p.FindAnnotation(Name)?.Value as string) == "redact";
}

/// <summary>
/// Bookkeeping whose rows are not record changes worth an audit row each (sessions touched on every request,
/// throttles, replayable answers): what matters about them is audited as explicit events instead.
/// </summary>
public interface IUnaudited;
