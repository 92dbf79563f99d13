using Hallway.Storage.Sqlite;
using Hallway.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Hallway.Storage.Tests;

/// <summary>
/// A full disk in the middle of a batch (simulated with PRAGMA max_page_count on the writer's
/// connection). SQLite may roll back the whole transaction on SQLITE_FULL; whatever happens, no
/// caller may be told "done" for data that is not stored, nor "failed" for data that is.
/// </summary>
public sealed class WriterDiskFullTests(ITestOutputHelper output) : StoreTest
{
    [Fact]
    public async Task DiskFullInOneCaller_EveryOutcomeMatchesWhatIsStored()
    {
        await Db.WriteAsync(tx => Seed.User(tx, "existing"));

        using var gate = await WriterGate.HoldAsync(Db.Store);
        var before = Enumerable.Range(0, 5).Select(i => Db.Store.WriteAsync(tx => Seed.User(tx, $"before{i}"))).ToList();
        var full = Db.Store.WriteAsync(tx =>
        {
            var sqlite = (SqliteTx)tx;
            var pages = sqlite.Scalar("PRAGMA page_count");
            sqlite.Exec($"PRAGMA max_page_count = {pages}");
            try
            {
                return Seed.User(tx, "huge" + new string('x', 200_000));
            }
            finally
            {
                sqlite.Exec("PRAGMA max_page_count = 1073741823");
            }
        });
        var after = Enumerable.Range(0, 5).Select(i => Db.Store.WriteAsync(tx => Seed.User(tx, $"after{i}"))).ToList();
        await gate.ReleaseAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => full);
        Assert.Equal(13, error.SqliteErrorCode); // SQLITE_FULL
        var outcomes = new List<(string Name, bool Acknowledged)>();
        foreach (var (task, name) in before.Select((t, i) => (t, $"before{i}")).Concat(after.Select((t, i) => (t, $"after{i}"))))
        {
            outcomes.Add((name, await Succeeded(task)));
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Name}={(o.Acknowledged ? "ok" : "failed")}")));

        // After a restart too: what was acknowledged is durable, what failed is absent.
        await Db.ReopenAsync();
        foreach (var (name, acknowledged) in outcomes)
        {
            var stored = await Db.ReadAsync(r => r.GetUserByKey(name)) is not null;
            Assert.True(acknowledged == stored, $"{name}: acknowledged={acknowledged} but stored={stored}");
        }

        Assert.NotNull(await Db.ReadAsync(r => r.GetUserByKey("existing")));

        // And the writer goes on working.
        Assert.True(await Db.WriteAsync(tx => Seed.User(tx, "later")) > 0);
    }

    private static async Task<bool> Succeeded(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
