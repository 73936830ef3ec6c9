using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xuncha.Data;

namespace Xuncha.IntegrationTests;

/// <summary>The EF model and the schema the SQL migrations build must agree, table by table and column by column.</summary>
public class SchemaAgreementTests(XunchaApp app) : IClassFixture<XunchaApp>
{
    private sealed record Column(string Table, string Name, string Type, bool Nullable);

    [Fact]
    public async Task Every_entity_table_and_column_matches_the_migrated_schema()
    {
        var actual = await ColumnsAsync();
        var problems = new List<string>();
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<XunchaDbContext>().GetService<IDesignTimeModel>().Model;
        var mapped = new HashSet<string>();
        var compared = 0;
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            mapped.Add(table);
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var p in entity.GetProperties())
            {
                var name = p.GetColumnName(store)!;
                if (name == "xmin") continue; // a system column
                if (!actual.TryGetValue((table, name), out var col)) { problems.Add($"{table}.{name}: missing in database"); continue; }
                compared++;
                var expected = Normalize(p.GetColumnType(store));
                if (expected != col.Type) problems.Add($"{table}.{name}: model {expected}, database {col.Type}");
                if (p.IsColumnNullable(store) != col.Nullable) problems.Add($"{table}.{name}: model nullable={p.IsColumnNullable(store)}, database {col.Nullable}");
            }
            var modelColumns = entity.GetProperties().Select(p => p.GetColumnName(store)).ToHashSet();
            foreach (var extra in actual.Keys.Where(k => k.Item1 == table && !modelColumns.Contains(k.Item2)))
                problems.Add($"{table}.{extra.Item2}: in database but not in the model");

            var pk = await KeyColumnsAsync(table, "p");
            pk.ShouldBe(entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).ToArray(), $"{table} primary key");
            foreach (var fk in entity.GetForeignKeys())
            {
                var cols = fk.Properties.Select(p => p.GetColumnName(store)).ToArray();
                if (!(await ForeignKeysAsync(table)).Any(f => f.SequenceEqual(cols!))) problems.Add($"{table}({string.Join(",", cols)}): foreign key missing");
            }
            foreach (var ix in entity.GetIndexes().Where(i => i.IsUnique))
            {
                var cols = ix.Properties.Select(p => p.GetColumnName(store)!).ToArray();
                if (!(await UniqueIndexesAsync(table)).Any(u => u.SequenceEqual(cols))) problems.Add($"{table}({string.Join(",", cols)}): unique index missing");
            }
        }
        foreach (var table in actual.Keys.Select(k => k.Item1).Distinct().Where(t => !mapped.Contains(t) && t != "schema_migrations"))
            problems.Add($"{table}: table in database but not in the model");
        problems.ShouldBeEmpty();
        mapped.Count.ShouldBeGreaterThanOrEqualTo(12);
        compared.ShouldBeGreaterThan(80);
    }

    private static string Normalize(string? type) => (type ?? "").ToLowerInvariant()
        .Replace("character varying", "varchar").Replace("timestamp with time zone", "timestamptz").Replace("character(", "char(");

    private async Task<Dictionary<(string, string), Column>> ColumnsAsync()
    {
        var result = new Dictionary<(string, string), Column>();
        await using var conn = new NpgsqlConnection(app.Database.SuperUserConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod), c.is_nullable = 'YES'
            FROM information_schema.columns c
            JOIN pg_attribute a ON a.attrelid = ('public.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
            WHERE c.table_schema = 'public'
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            result[(r.GetString(0), r.GetString(1))] = new Column(r.GetString(0), r.GetString(1), Normalize(r.GetString(2)), r.GetBoolean(3));
        return result;
    }

    private async Task<string[]> KeyColumnsAsync(string table, string kind) => (await ConstraintsAsync(table, kind)).Single();

    private Task<List<string[]>> ForeignKeysAsync(string table) => ConstraintsAsync(table, "f");

    private Task<List<string[]>> UniqueIndexesAsync(string table) => ColumnListsAsync("""
        SELECT array_agg(a.attname ORDER BY k.ord) FROM pg_index i
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = @t::regclass AND i.indisunique AND @k = 'u' GROUP BY i.indexrelid
        """, table, "u");

    private Task<List<string[]>> ConstraintsAsync(string table, string kind) => ColumnListsAsync("""
        SELECT array_agg(a.attname ORDER BY k.ord) FROM pg_constraint c
        CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.conrelid = @t::regclass AND c.contype = @k GROUP BY c.oid
        """, table, kind);

    /// <summary>Runs a catalogue query returning one column list per row (a key, an index).</summary>
    private async Task<List<string[]>> ColumnListsAsync(string sql, string table, string kind)
    {
        var result = new List<string[]>();
        await using var conn = new NpgsqlConnection(app.Database.SuperUserConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("t", table);
        cmd.Parameters.AddWithValue("k", kind[0]);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) result.Add(r.GetFieldValue<string[]>(0));
        return result;
    }
}
