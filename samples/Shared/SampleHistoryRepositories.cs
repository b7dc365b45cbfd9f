using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
// The providers' history repositories live in their .Internal namespaces (EF1001). They are subclassed, not copied: only how
// the history table's CREATE script and column names are made changes, the rest (locks, existence checks) stays theirs.
#pragma warning disable EF1001
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Djoser.Samples;

/// <summary>
/// EF's <c>__EFMigrationsHistory</c> table, described without a model. EF's own history repository builds a model of that one
/// table with the provider's whole convention set, to diff it against nothing for the CREATE script and to read two column
/// names off it. An application with a compiled model has no other use for the conventions, so on a start that migrates that
/// little model was ~0.5 s of JIT, half of the migration (issue 13). The operations below are what EF's differ makes of it:
/// <c>HistoryRepositoryTests</c> compares the scripts with the providers' own, on both providers, with and without a schema.
/// </summary>
internal static class SampleHistoryTable
{
    /// <summary>The key column, as EF's <c>HistoryRepository.ConfigureTable</c> maps <see cref="HistoryRow.MigrationId"/>.</summary>
    public const string MigrationIdColumn = nameof(HistoryRow.MigrationId);

    /// <summary>The version column, as EF maps <see cref="HistoryRow.ProductVersion"/>.</summary>
    public const string ProductVersionColumn = nameof(HistoryRow.ProductVersion);

    /// <summary>The operations that create the history table <paramref name="table"/> in <paramref name="schema"/>.</summary>
    public static IReadOnlyList<MigrationOperation> CreateOperations(string table, string? schema)
    {
        var create = new CreateTableOperation
        {
            Name = table,
            Schema = schema,
            PrimaryKey = new AddPrimaryKeyOperation { Name = "PK_" + table, Table = table, Schema = schema, Columns = [MigrationIdColumn] },
        };
        create.Columns.Add(Column(table, schema, MigrationIdColumn, maxLength: 150));
        create.Columns.Add(Column(table, schema, ProductVersionColumn, maxLength: 32));
        return schema is null ? [create] : [new EnsureSchemaOperation { Name = schema }, create];
    }

    private static AddColumnOperation Column(string table, string? schema, string name, int maxLength) => new()
    {
        Table = table,
        Schema = schema,
        Name = name,
        ClrType = typeof(string),
        MaxLength = maxLength,
        IsNullable = false,
    };
}

/// <summary>SQLite's history repository with the history table made by <see cref="SampleHistoryTable"/>.</summary>
internal sealed class SampleSqliteHistoryRepository(HistoryRepositoryDependencies dependencies) : SqliteHistoryRepository(dependencies)
{
    protected override string MigrationIdColumnName => SampleHistoryTable.MigrationIdColumn;

    protected override string ProductVersionColumnName => SampleHistoryTable.ProductVersionColumn;

    protected override IReadOnlyList<MigrationCommand> GetCreateCommands() =>
        Dependencies.MigrationsSqlGenerator.Generate(SampleHistoryTable.CreateOperations(TableName, TableSchema));
}

/// <summary>PostgreSQL's history repository with the history table made by <see cref="SampleHistoryTable"/>.</summary>
/// <remarks>
/// Not in a sample's assembly: EF finds migrations by loading every type of it, and this one's base type is Npgsql's, so a
/// SQLite start that migrates loaded Npgsql's EF assembly for it (~0.5 MB of RSS).
/// </remarks>
internal sealed class SampleNpgsqlHistoryRepository(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    protected override string MigrationIdColumnName => SampleHistoryTable.MigrationIdColumn;

    protected override string ProductVersionColumnName => SampleHistoryTable.ProductVersionColumn;

    protected override IReadOnlyList<MigrationCommand> GetCreateCommands() =>
        Dependencies.MigrationsSqlGenerator.Generate(SampleHistoryTable.CreateOperations(TableName, TableSchema));
}
