using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Xuncha.Data;

/// <summary>PostgreSQL names in snake_case, so hand-written SQL migrations need no quoting.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            if (table.StartsWith("AspNet", StringComparison.Ordinal)) table = table["AspNet".Length..];
            table = Convert(table);
            entity.SetTableName(table);
            var store = StoreObjectIdentifier.Table(table, null);
            foreach (var p in entity.GetProperties())
            {
                // optimistic concurrency uses PostgreSQL's system column xmin (IsRowVersion on a uint)
                if (p.ClrType == typeof(uint) && p.IsConcurrencyToken) p.SetColumnName("xmin");
                else p.SetColumnName(Convert(p.GetColumnName(store) ?? p.Name));
            }
            foreach (var k in entity.GetKeys())
                k.SetName(k.IsPrimaryKey() ? $"pk_{table}" : $"ak_{table}_{string.Join("_", k.Properties.Select(p => Convert(p.Name)))}");
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName($"fk_{table}_{string.Join("_", fk.Properties.Select(p => Convert(p.Name)))}");
            foreach (var ix in entity.GetIndexes())
                ix.SetDatabaseName($"ix_{table}_{string.Join("_", ix.Properties.Select(p => Convert(p.Name)))}");
        }
    }

    public static string Convert(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (i > 0 && name[i - 1] != '_' && (prevLower || nextLower)) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
