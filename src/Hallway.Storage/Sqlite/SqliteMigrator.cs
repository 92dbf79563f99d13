using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

/// <summary>
/// Versioned schema migrations: embedded <c>NNNN_name.sql</c> files applied in order, each in its
/// own transaction together with the new <c>PRAGMA user_version</c>, so a crash mid-upgrade leaves
/// the database at the previous version, never between two.
/// </summary>
public static class SqliteMigrator
{
    private const string Prefix = "Hallway.Storage.Sqlite.Migrations.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = Load();

    public static int LatestVersion => Migrations[^1].Version;

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Refuses a database written by a newer Hallway, whose schema this one cannot read.</summary>
    public static void EnsureKnown(SqliteConnection connection)
    {
        var current = CurrentVersion(connection);
        if (current > LatestVersion)
        {
            throw new SchemaTooNewException(
                $"The database {connection.DataSource} has schema version {current}, newer than this Hallway knows ({LatestVersion}): upgrade Hallway.");
        }
    }

    /// <summary>Upgrades to <paramref name="target"/> (default: latest); returns the versions applied.</summary>
    public static IReadOnlyList<int> Migrate(SqliteConnection connection, int? target = null)
    {
        var goal = target ?? LatestVersion;
        EnsureKnown(connection);
        var current = CurrentVersion(connection);

        var applied = new List<int>();
        foreach (var (version, _, sql) in Migrations.Where(m => m.Version > current && m.Version <= goal))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql + $"\nPRAGMA user_version = {version};";
            command.ExecuteNonQuery();
            transaction.Commit();
            applied.Add(version);
        }

        return applied;
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..^".sql".Length];
            var version = int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add((version, name, reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3...; found {list[i].Item2}.");
            }
        }

        return list;
    }
}

/// <summary>The database was written by a newer Hallway; this one must not touch it.</summary>
public sealed class SchemaTooNewException(string message) : InvalidOperationException(message);
