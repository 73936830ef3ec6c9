using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Spreadsheets;

namespace Xuncha.Organizations;

/// <summary>How one row of the file was read and what it would become.</summary>
public sealed record OrganizationImportRow(int Row, string Code, string Name, string Type, string Parent, string? Secretary, string? ParentResolved);

public sealed record OrganizationImportResult(IReadOnlyList<OrganizationImportRow> Rows, IReadOnlyList<ImportIssue> Issues, int Imported)
{
    public bool IsValid => Issues.Count == 0;
}

/// <summary>
/// Imports organisations from .xlsx or .csv with the headers 名称, 上级, 类型, 书记, 编码 (上级编码 and 排序 optional).
/// A parent is named by code or by name, in the database or earlier or later in the same file. Every problem
/// is reported by row and column, and nothing is written unless every row is good.
/// </summary>
public sealed class OrganizationImport(XunchaDbContext db, TimeProvider clock)
{
    public const int MaxRows = 5000;
    public const long MaxBytes = 10 * 1024 * 1024;

    internal static readonly ImportColumn Name = new("名称", true, "组织名称", "党组织名称", "单位名称");
    internal static readonly ImportColumn Parent = new("上级", false, "上级组织", "上级党组织", "所属上级");
    internal static readonly ImportColumn ParentCode = new("上级编码", false, "上级组织编码");
    internal static readonly ImportColumn Type = new("类型", true, "组织类型", "党组织类型");
    internal static readonly ImportColumn Secretary = new("书记", false, "书记姓名", "负责人");
    internal static readonly ImportColumn Code = new("编码", true, "组织编码", "代码", "组织代码");
    internal static readonly ImportColumn Sort = new("排序", false, "序号", "排序号");
    private static readonly ImportColumn[] Columns = [Name, Parent, ParentCode, Type, Secretary, Code, Sort];

    /// <summary>A row on its way in. Compared by reference: parent links may form the very cycles we report.</summary>
    private sealed class Pending(OrganizationImportRow row, string code, string name, OrganizationType? type, string? secretary, int sort)
    {
        public OrganizationImportRow Row { get; } = row;
        public string Code { get; } = code;
        public string Name { get; } = name;
        public OrganizationType? Type { get; } = type;
        public string? Secretary { get; } = secretary;
        public int Sort { get; } = sort;
        public Organization? ExistingParent { get; set; }

        /// <summary>The 上级 cell named something that could not be used (unknown, ambiguous, a cycle).</summary>
        public bool ParentUnusable { get; set; }
        public Pending? FileParent { get; set; }
        public Organization? Created { get; set; }
    }

    public async Task<OrganizationImportResult> RunAsync(Stream content, string fileName, bool commit, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageOrganizations);
        var table = ImportTable.Open(content, fileName, MaxRows, MaxBytes, Columns);
        var (header, issues) = (table.Header!, table.Issues);
        if (!table.Usable) return new OrganizationImportResult([], issues, 0);

        var pending = table.DataRows.Select(r => Read(r, header, issues)).ToList();
        if (pending.Count == 0) issues.Add(new ImportIssue(header.RowNumber + 1, Name.Header, Messages.Import_Empty));
        if (pending.Count > MaxRows) issues.Add(new ImportIssue(header.RowNumber + 1, Name.Header, string.Format(Messages.Import_TooManyRows, MaxRows)));
        await ResolveAsync(pending, header, issues, ct);
        var preview = pending.Select(p => p.Row with
        {
            ParentResolved = p.ExistingParent?.Name ?? p.FileParent?.Name ?? (p.Row.Parent.Length == 0 ? Messages.Org_Root : null),
        }).ToList();
        issues.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
        if (issues.Count > 0 || !commit) return new OrganizationImportResult(preview, issues, 0);

        var now = clock.GetUtcNow();
        foreach (var p in TopologicalOrder(pending))
        {
            var parent = p.ExistingParent ?? p.FileParent?.Created;
            p.Created = Organization.Create(Guid.CreateVersion7(now), p.Code, p.Name, p.Type!.Value, parent, p.Secretary, p.Sort, now);
            db.Organizations.Add(p.Created);
        }
        db.Record(AuditAction.Import, "organizations", null, detail: new { file = Path.GetFileName(fileName), rows = pending.Count });
        await db.SaveChangesAsync(ct);
        return new OrganizationImportResult(preview, [], pending.Count);
    }

    private static Pending Read(TableRow r, HeaderMap header, List<ImportIssue> issues)
    {
        var name = header.Get(r, Name);
        var code = header.Get(r, Code).ToUpperInvariant();
        var typeText = header.Get(r, Type);
        var parentText = header.Has(ParentCode) && header.Get(r, ParentCode).Length > 0 ? header.Get(r, ParentCode) : header.Get(r, Parent);
        var secretary = header.Get(r, Secretary);
        var sortText = header.Get(r, Sort);
        void Issue(ImportColumn c, string message) => issues.Add(new ImportIssue(r.Number, c.Header, message));

        if (name.Length == 0) Issue(Name, Messages.Error_Required);
        else if (name.Length > Organization.NameMax) Issue(Name, string.Format(Messages.Error_TooLong, Organization.NameMax));
        if (code.Length == 0) Issue(Code, Messages.Error_Required);
        else if (code.Length > Organization.CodeMax) Issue(Code, string.Format(Messages.Error_TooLong, Organization.CodeMax));
        else if (!OrganizationService.CodePattern().IsMatch(code)) Issue(Code, Messages.Org_CodePattern);
        OrganizationType? type = null;
        if (typeText.Length == 0) Issue(Type, Messages.Error_Required);
        else if (OrganizationTypes.TryParseDisplayName(typeText, out var t)) type = t;
        else Issue(Type, string.Format(Messages.Import_BadType, typeText, string.Join("、", OrganizationTypes.All.Select(x => x.DisplayName()))));
        if (secretary.Length > Organization.SecretaryMax) Issue(Secretary, string.Format(Messages.Error_TooLong, Organization.SecretaryMax));
        var sort = 0;
        if (sortText.Length > 0 && (!int.TryParse(sortText, out sort) || sort is < 0 or > 99999))
            Issue(Sort, string.Format(Messages.Error_Range, 0, 99999));

        var row = new OrganizationImportRow(r.Number, code, name, typeText, parentText, secretary.Length == 0 ? null : secretary, null);
        return new Pending(row, code, name, type, secretary.Length == 0 ? null : secretary, sort);
    }

    private async Task ResolveAsync(List<Pending> pending, HeaderMap header, List<ImportIssue> issues, CancellationToken ct)
    {
        var parentColumn = header.Has(ParentCode) ? ParentCode.Header : Parent.Header;
        var existing = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var existingCodes = existing.ToDictionary(o => o.Code);
        var existingNames = existing.ToLookup(o => o.Name);
        var fileCodes = new Dictionary<string, Pending>();
        foreach (var p in pending.Where(p => p.Code.Length > 0))
        {
            if (existingCodes.ContainsKey(p.Code)) issues.Add(new(p.Row.Row, Code.Header, string.Format(Messages.Org_CodeTaken, p.Code)));
            else if (!fileCodes.TryAdd(p.Code, p))
                issues.Add(new(p.Row.Row, Code.Header, string.Format(Messages.Import_DuplicateInFile, p.Code, fileCodes[p.Code].Row.Row)));
        }
        var fileNames = pending.Where(p => p.Name.Length > 0).ToLookup(p => p.Name);

        foreach (var p in pending)
        {
            var text = p.Row.Parent;
            if (text.Length == 0) continue;
            if (existingCodes.TryGetValue(text.ToUpperInvariant(), out var byCode)) p.ExistingParent = byCode;
            else if (fileCodes.TryGetValue(text.ToUpperInvariant(), out var fileByCode)) p.FileParent = fileByCode;
            else
            {
                var candidates = existingNames[text].Cast<object>().Concat(fileNames[text]).ToList();
                if (candidates.Count == 1)
                {
                    if (candidates[0] is Organization o) p.ExistingParent = o;
                    else p.FileParent = (Pending)candidates[0];
                }
                else
                {
                    p.ParentUnusable = true;
                    issues.Add(new(p.Row.Row, parentColumn, string.Format(
                        candidates.Count == 0 ? Messages.Import_NoSuchParent : Messages.Import_AmbiguousParent, text)));
                }
            }
        }

        // a cycle: following file parents comes back to the row; find them all before breaking any
        var cyclic = pending.Where(p =>
        {
            var seen = new HashSet<Pending>();
            for (var q = p.FileParent; q is not null && seen.Add(q); q = q.FileParent)
                if (q == p) return true;
            return false;
        }).ToList();
        foreach (var p in cyclic)
        {
            issues.Add(new(p.Row.Row, parentColumn, Messages.Import_Cycle));
            p.ParentUnusable = true;
        }
        foreach (var p in cyclic) p.FileParent = null;

        foreach (var p in pending.Where(p => p.Type is not null && !p.ParentUnusable))
        {
            var parentType = p.ExistingParent?.Type ?? p.FileParent?.Type;
            var hasParent = p.ExistingParent is not null || p.FileParent is not null;
            if (hasParent && parentType is null) continue; // the parent's own type is already reported
            if (!p.Type!.Value.MayBeUnder(parentType))
                issues.Add(new(p.Row.Row, Type.Header, string.Format(Messages.Org_TypeNotAllowedUnder,
                    p.Type.Value.DisplayName(), parentType?.DisplayName() ?? Messages.Org_Root)));
            if (p.ExistingParent is { IsActive: false }) issues.Add(new(p.Row.Row, parentColumn, Messages.Org_ParentInactive));
            var parentId = p.ExistingParent?.Id;
            if (parentId is not null && existing.Any(o => o.ParentId == parentId && o.Name == p.Name))
                issues.Add(new(p.Row.Row, Name.Header, string.Format(Messages.Org_NameTakenUnderParent, p.Name)));
        }
        foreach (var group in pending.Where(p => p.Name.Length > 0)
                     .GroupBy(p => (Parent: (object?)p.ExistingParent?.Id ?? p.FileParent, p.Name)).Where(g => g.Count() > 1))
            foreach (var p in group.Skip(1))
                issues.Add(new(p.Row.Row, Name.Header, string.Format(Messages.Org_NameTakenUnderParent, p.Name)));
    }

    private static IEnumerable<Pending> TopologicalOrder(List<Pending> pending)
    {
        var done = new HashSet<Pending>();
        IEnumerable<Pending> Visit(Pending p)
        {
            if (done.Contains(p)) yield break;
            if (p.FileParent is not null) foreach (var a in Visit(p.FileParent)) yield return a;
            if (done.Add(p)) yield return p;
        }
        return pending.SelectMany(Visit).ToList();
    }
}
