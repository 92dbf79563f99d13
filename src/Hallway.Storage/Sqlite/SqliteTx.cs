using Hallway.Core.Events;
using Hallway.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

/// <summary>
/// One SQLite connection and its cached, prepared commands. A reader uses it for queries only; the
/// writer wraps each batch in a transaction and each caller's work in a savepoint.
/// Not thread-safe: one user at a time (the pool and the writer guarantee that).
/// </summary>
internal sealed partial class SqliteTx : IWriteTx, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly List<StoredEvent> _events = [];
    private SqliteTransaction? _transaction;
    private DateTimeOffset _now;

    public SqliteTx(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    public DateTimeOffset Now => _now;

    // ---- transaction control (writer only) ----

    public void Begin()
    {
        _transaction = _connection.BeginTransaction(deferred: false);
        _events.Clear();
    }

    public void Commit()
    {
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    public void Rollback()
    {
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
        _events.Clear();
    }

    /// <summary>Starts one caller's work; returns a mark to roll its events back to.</summary>
    public int StartItem()
    {
        _now = Truncate(_time.GetUtcNow());
        Exec("SAVEPOINT item");
        return _events.Count;
    }

    public void EndItem() => Exec("RELEASE item");

    public void AbortItem(int mark)
    {
        Exec("ROLLBACK TO item");
        Exec("RELEASE item");
        _events.RemoveRange(mark, _events.Count - mark);
    }

    public IReadOnlyList<StoredEvent> TakeEvents()
    {
        var events = _events.ToArray();
        _events.Clear();
        return events;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _transaction?.Dispose();
        _connection.Dispose();
    }

    // ---- command helpers ----

    internal int Exec(string sql, params ReadOnlySpan<object?> args) => Prepare(sql, args).ExecuteNonQuery();

    internal long Scalar(string sql, params ReadOnlySpan<object?> args) =>
        Prepare(sql, args).ExecuteScalar() is long value ? value : 0;

    internal long? ScalarOrNull(string sql, params ReadOnlySpan<object?> args) =>
        Prepare(sql, args).ExecuteScalar() is long value ? value : null;

    internal T? One<T>(string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<object?> args)
        where T : class
    {
        using var reader = Prepare(sql, args).ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    internal List<T> Many<T>(string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<object?> args)
    {
        using var reader = Prepare(sql, args).ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    /// <summary>Parameters are positional: $1, $2, ... in the SQL, in the order given.</summary>
    private SqliteCommand Prepare(string sql, ReadOnlySpan<object?> args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        command.Parameters.Clear();
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1), ToDb(args[i]));
        }

        return command;
    }

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.ToUnixTimeMilliseconds(),
        bool flag => flag ? 1L : 0L,
        Enum e => Names.Of(e),
        _ => value,
    };

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
