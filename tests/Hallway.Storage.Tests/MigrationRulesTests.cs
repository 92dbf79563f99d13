using Hallway.Storage.Sqlite;
using Hallway.Storage.Tests.Infrastructure;
using Hallway.Testing;
using Microsoft.Data.Sqlite;
using static Hallway.Storage.Tests.Infrastructure.LegacyDatabase;

namespace Hallway.Storage.Tests;

/// <summary>How migrations are numbered and applied, and what happens to databases they do not fit.</summary>
public sealed class MigrationRulesTests : IDisposable
{
    private readonly string _folder = TestData.TempFolder("migrate");

    public void Dispose() => TempStore.DeleteFolder(_folder);

    [Fact]
    public void Migrations_AreNumberedOneTwoThreeWithoutGaps()
    {
        var versions = SqliteMigrator.Migrations.Select(m => m.Version).ToArray();

        Assert.Equal(Enumerable.Range(1, versions.Length), versions);
        Assert.Equal(versions.Length, SqliteMigrator.LatestVersion);
        Assert.All(SqliteMigrator.Migrations, m => Assert.StartsWith($"{m.Version:D4}_", m.Name, StringComparison.Ordinal));
        Assert.All(SqliteMigrator.Migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [Fact]
    public void Migrations_IncludeCoreAndSearch() =>
        Assert.Equal(["0001_core", "0002_search"], SqliteMigrator.Migrations.Take(2).Select(m => m.Name));

    [Fact]
    public void Migrate_AppliesEachPendingVersionOnce()
    {
        using var connection = Connect(_folder);

        Assert.Equal([1], SqliteMigrator.Migrate(connection, target: 1));
        Assert.Equal(1, SqliteMigrator.CurrentVersion(connection));
        Assert.Equal(Enumerable.Range(2, SqliteMigrator.LatestVersion - 1), SqliteMigrator.Migrate(connection));
        Assert.Empty(SqliteMigrator.Migrate(connection));
        Assert.Equal(SqliteMigrator.LatestVersion, SqliteMigrator.CurrentVersion(connection));
    }

    [Fact]
    public void Migrate_StepByStep_GivesTheSameSchemaAsAllAtOnce()
    {
        var stepwise = Path.Combine(_folder, "stepwise");
        var direct = Path.Combine(_folder, "direct");
        using (var connection = Connect(stepwise))
        {
            for (var level = 0; level <= SqliteMigrator.LatestVersion; level++)
            {
                SqliteMigrator.Migrate(connection, target: level);
            }
        }

        using (var connection = Connect(direct))
        {
            SqliteMigrator.Migrate(connection);
        }

        Assert.Equal(Schema(direct), Schema(stepwise));
    }

    [Fact]
    public void Open_RefusesADatabaseNewerThanThisHallway()
    {
        var newer = SqliteMigrator.LatestVersion + 1;
        using (var connection = Connect(_folder))
        {
            SqliteMigrator.Migrate(connection);
            Exec(connection, $"PRAGMA user_version = {newer}");
        }

        var error = Assert.Throws<SchemaTooNewException>(() => SqliteStore.Open(_folder));

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({SqliteMigrator.LatestVersion})", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade Hallway", error.Message, StringComparison.Ordinal);
        Assert.Equal(newer, Version(_folder));
    }

    [Fact]
    public void Open_RefusingANewerDatabase_DoesNotKeepItOpen()
    {
        using (var connection = Connect(_folder))
        {
            SqliteMigrator.Migrate(connection);
            Exec(connection, $"PRAGMA user_version = {SqliteMigrator.LatestVersion + 1}");
        }

        Assert.Throws<SchemaTooNewException>(() => SqliteStore.Open(_folder));

        // A connection left open keeps the WAL; closing the last one removes it.
        Assert.False(File.Exists(Path.Combine(_folder, SqliteStore.FileName + "-wal")), "the refused database is still open");
    }

    [Fact]
    public void Migrate_AStepThatFails_LeavesTheDatabaseAtThePreviousVersion()
    {
        using var connection = Connect(_folder);
        SqliteMigrator.Migrate(connection, target: 1);

        // Something in the way of migration 2's first statement.
        Exec(connection, "CREATE TABLE messages_fts (text TEXT)");

        Assert.ThrowsAny<SqliteException>(() => SqliteMigrator.Migrate(connection));
        Assert.Equal(1, SqliteMigrator.CurrentVersion(connection));
        Assert.Equal(0, Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"));
    }

    [Fact]
    public void Migrate_TargetBelowCurrent_ChangesNothing()
    {
        using var connection = Connect(_folder);
        SqliteMigrator.Migrate(connection);

        Assert.Empty(SqliteMigrator.Migrate(connection, target: 1));
        Assert.Equal(SqliteMigrator.LatestVersion, SqliteMigrator.CurrentVersion(connection));
    }

    [Fact]
    public void FreshDatabase_HasExactlyOneLobby()
    {
        using var connection = Connect(_folder);
        SqliteMigrator.Migrate(connection);

        Assert.Equal(1, Scalar(connection, "SELECT COUNT(*) FROM chats WHERE kind = 'lobby'"));
    }

    private static List<string> Schema(string folder)
    {
        using var connection = Connect(folder);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
