using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Xuncha.Common;

namespace Xuncha.Audit;

/// <summary>Turns what the change tracker is about to write into audit events: one per record changed.</summary>
internal static class ChangeAudit
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() }, // statuses by name, readable to the auditor
    };

    public static List<AuditEvent> Collect(ChangeTracker tracker, Actor actor, DateTimeOffset now)
    {
        var events = new List<AuditEvent>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEvent or IUnaudited) continue;
            // what the public page writes would be dated to the second by its audit row (see decision 0013)
            if (actor.IsPublicReporter && entry.Entity is IPublicSubmission) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => null,
            };
            if (action is null) continue;
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var key = entry.Metadata.FindPrimaryKey()!;
            var id = string.Join(":", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            events.Add(Event(actor, now, action, entry.Metadata.GetTableName()!, id, AuditOutcome.Success, changes, null, null));
        }
        return events;
    }

    public static AuditEvent Event(Actor actor, DateTimeOffset now, string action, string objectType, string? objectId,
        string outcome, object? detail, Guid? userId, string? userName) => new()
    {
        At = now,
        UserId = userId ?? actor.UserId,
        UserName = Clip(userName ?? actor.UserName, AuditEvent.UserNameMax),
        Action = action,
        ObjectType = Clip(objectType, AuditEvent.ObjectTypeMax),
        ObjectId = objectId is null ? null : Clip(objectId, AuditEvent.ObjectIdMax),
        Outcome = outcome,
        ClientAddress = actor.ClientAddress is null ? null : Clip(actor.ClientAddress, AuditEvent.AddressMax),
        Detail = detail switch
        {
            null => null,
            string s => s,
            Dictionary<string, object?> { Count: 0 } => null,
            _ => JsonSerializer.Serialize(detail, Json),
        },
    };

    /// <summary>What a creation event records for a new entity that is not tracked (a bulk insert): the same as for an added entry.</summary>
    public static AuditEvent Created(Actor actor, DateTimeOffset now, Microsoft.EntityFrameworkCore.Metadata.IEntityType type, object entity)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var p in type.GetProperties())
        {
            if (AuditAnnotations.IsIgnored(p) || p.GetColumnName() == "xmin") continue;
            changes[p.Name] = AuditAnnotations.IsRedacted(p) ? "***" : p.GetGetter().GetClrValue(entity);
        }
        var id = string.Join(":", type.FindPrimaryKey()!.Properties.Select(p => p.GetGetter().GetClrValue(entity)));
        return Event(actor, now, AuditAction.Create, type.GetTableName()!, id, AuditOutcome.Success, changes, null, null);
    }

    private static Dictionary<string, object?> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            var meta = p.Metadata;
            if (AuditAnnotations.IsIgnored(meta) || meta.GetColumnName() == "xmin") continue;
            var redacted = AuditAnnotations.IsRedacted(meta);
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[meta.Name] = redacted ? "***" : p.CurrentValue;
                    break;
                case EntityState.Deleted:
                    changes[meta.Name] = redacted ? "***" : p.OriginalValue;
                    break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    changes[meta.Name] = redacted ? new object?[] { "***", "***" } : new[] { p.OriginalValue, p.CurrentValue };
                    break;
            }
        }
        return changes;
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}
