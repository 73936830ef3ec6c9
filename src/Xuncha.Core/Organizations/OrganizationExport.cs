using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Spreadsheets;

namespace Xuncha.Organizations;

/// <summary>The tree as .xlsx, in the same columns the importer reads, so an export imports back unchanged.</summary>
public sealed class OrganizationExport(XunchaDbContext db, OrganizationService organizations, TimeProvider clock)
{
    public async Task<int> WriteAsync(Stream output, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewOrganizations);
        var lines = await organizations.TreeAsync(ct: ct);
        var codes = lines.ToDictionary(l => l.Org.Id, l => l.Org.Code);
        var trace = ExportTrace.Now(Who(db.Actor), clock);
        using (var x = new XlsxWriter(output, Messages.Export_OrganizationsSheet, Messages.Export_OrganizationsTitle,
                   [
                       new(OrganizationImport.Name.Header, 36), new(OrganizationImport.Parent.Header, 30),
                       new(OrganizationImport.ParentCode.Header, 14), new(OrganizationImport.Type.Header, 12),
                       new(OrganizationImport.Secretary.Header, 12), new(OrganizationImport.Code.Header, 14),
                       new(OrganizationImport.Sort.Header, 8), new(Messages.Export_Status, 8),
                   ], trace))
        {
            foreach (var o in lines.Select(l => l.Org))
                x.WriteRow(new string(' ', o.Depth * 2) + o.Name, o.ParentName,
                    o.ParentId is { } p && codes.TryGetValue(p, out var pc) ? pc : null,
                    o.TypeName, o.Secretary, o.Code, o.SortOrder, o.IsActive ? Messages.Status_Active : Messages.Status_Inactive);
        }
        await db.RecordNowAsync(AuditAction.Export, "organizations", null, detail: new { rows = lines.Count }, ct: ct);
        return lines.Count;
    }

    /// <summary>An empty import file with the headers and one example row.</summary>
    public void WriteTemplate(Stream output)
    {
        var trace = ExportTrace.Now(Who(db.Actor), clock);
        using var x = new XlsxWriter(output, Messages.Export_OrganizationsSheet, Messages.Export_OrganizationsTitle,
        [
            new(OrganizationImport.Name.Header, 36), new(OrganizationImport.Parent.Header, 30), new(OrganizationImport.Type.Header, 12),
            new(OrganizationImport.Secretary.Header, 12), new(OrganizationImport.Code.Header, 14), new(OrganizationImport.Sort.Header, 8),
        ], trace);
        x.WriteRow("示例学院党委", "MD", OrganizationType.SecondaryCommittee.DisplayName(), "张三", "SLXY", 100);
        x.WriteRow("示例学院教工党支部", "示例学院党委", OrganizationType.Branch.DisplayName(), "李四", "SLXY-JG", 10);
    }

    internal static string Who(Actor actor) => string.IsNullOrEmpty(actor.DisplayName) ? actor.UserName : actor.DisplayName;
}
