using System.Text;
using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary>
/// <c>hallway admin backup</c> while the server takes a stream of sends, and <c>restore</c> of
/// that copy into a server that starts on it: the copy is one consistent moment, whole.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private const int Sends = 160;
    private const int BackupAfter = 40;

    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["HALLWAY__RATELIMITS__WRITESPERSECOND"] = "100000",
        ["HALLWAY__RATELIMITS__AUTHPERMINUTE"] = "100000",
    };

    private readonly string _workDir = TestData.TempFolder("cli-backup");

    private string Data => Path.Combine(_workDir, "data");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task BackupDuringSends_RestoresToAConsistentDatabase()
    {
        var backup = Path.Combine(_workDir, "backup.db");
        TestUser alice;
        long chatId;
        int ackedBeforeBackup;
        await using (var server = await ServerProcess.ServeAsync(_workDir, Data, Unthrottled))
        {
            alice = await TestUser.RegisterAsync(server.BaseAddress);
            var bob = await TestUser.RegisterAsync(server.BaseAddress);
            chatId = await alice.CreateGroupAsync("backup test", bob);
            var acked = 0;
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = Task.Run(async () =>
            {
                for (var i = 0; i < Sends; i++)
                {
                    (await alice.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = $"b-{i}", text = $"message {i}" })).EnsureSuccess();
                    if (Interlocked.Increment(ref acked) == BackupAfter)
                    {
                        started.TrySetResult();
                    }
                }
            });

            await started.Task.WaitAsync(HallwayCli.HangGuard);
            ackedBeforeBackup = Volatile.Read(ref acked);
            var result = await CliRun.RunAsync(_workDir, "admin", "backup", backup, "--data", Data);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains(result.Stdout, l => l.StartsWith("Backed up ", StringComparison.Ordinal));
            await sending.WaitAsync(HallwayCli.HangGuard);
        }

        var restored = Path.Combine(_workDir, "restored");
        var restore = await CliRun.RunAsync(_workDir, "admin", "restore", backup, "--data", restored);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        await using var again = await ServerProcess.ServeAsync(_workDir, restored, Unthrottled);
        using var api = new ApiClient(again.BaseAddress, alice.Token);
        var seqs = new List<long>();
        var texts = new List<string?>();
        while (true)
        {
            var page = (await api.GetAsync($"/api/chats/{chatId}/messages?after={seqs.LastOrDefault()}&limit=100")).EnsureSuccess()["messages"];
            if (page.GetArrayLength() == 0)
            {
                break;
            }

            seqs.AddRange(page.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
            texts.AddRange(page.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        }

        // Everything acknowledged before the backup began is in it; the rest is a whole prefix.
        Assert.InRange(seqs.Count, ackedBeforeBackup, Sends);
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => $"message {i}"), texts);

        // Message and event went in together: the log replays exactly the messages there are.
        var (socket, _) = await WsClient.OpenAsync(again.BaseAddress, alice.Token, 0);
        await using var _ = socket;
        var created = socket.PendingEvents()
            .Where(e => e.GetProperty("type").GetString() == "message.created" && e.GetProperty("chatId").GetInt64() == chatId)
            .Select(e => e.GetProperty("payload").GetProperty("message").GetProperty("seq").GetInt64());
        Assert.Equal(seqs, created);
    }

    [Fact]
    public async Task Restore_WhileTheServerRuns_IsRefused_AndTouchesNothing()
    {
        var backup = Path.Combine(_workDir, "backup.db");
        await using var server = await ServerProcess.ServeAsync(_workDir, Data, Unthrottled);
        await TestUser.RegisterAsync(server.BaseAddress);
        Assert.Equal(0, (await CliRun.RunAsync(_workDir, "admin", "backup", backup, "--data", Data)).ExitCode);

        var result = await CliRun.RunAsync(_workDir, "admin", "restore", backup, "--data", Data);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("stop it first", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Data, "hallway.db.before-restore-*"));
        (await new ApiClient(server.BaseAddress).GetAsync("/healthz")).EnsureSuccess();
    }

    [Fact]
    public async Task Restore_KeepsTheDatabaseItReplaces()
    {
        var backup = Path.Combine(_workDir, "backup.db");
        string second;
        await using (var server = await ServerProcess.ServeAsync(_workDir, Data, Unthrottled))
        {
            await TestUser.RegisterAsync(server.BaseAddress);
            Assert.Equal(0, (await CliRun.RunAsync(_workDir, "admin", "backup", backup, "--data", Data)).ExitCode);
            second = (await TestUser.RegisterAsync(server.BaseAddress)).Username;
        }

        var result = await CliRun.RunAsync(_workDir, "admin", "restore", backup, "--data", Data);
        Assert.True(result.ExitCode == 0, result.ToString());
        var kept = Assert.Single(Directory.GetFiles(Data, "hallway.db.before-restore-*"));
        Assert.Contains(result.Stdout, l => l.Contains(kept, StringComparison.Ordinal));

        await using var again = await ServerProcess.ServeAsync(_workDir, Data, Unthrottled);
        using var anonymous = new ApiClient(again.BaseAddress);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/auth/login", new { username = second, password = "correct horse battery" })).Status);
    }

    [Fact]
    public async Task ASecondServer_OnTheSameDataFolder_StopsWithOneLine()
    {
        await using var first = await ServerProcess.ServeAsync(_workDir, Data, Unthrottled);
        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", Data);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("in use by another running Hallway server", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        (await new ApiClient(first.BaseAddress).GetAsync("/healthz")).EnsureSuccess();
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("other-sqlite")]
    [InlineData("missing")]
    public async Task Restore_OfWhatIsNotAHallwayBackup_IsRefused_AndTheDatabaseStays(string kind)
    {
        await using (var server = await ServerProcess.ServeAsync(_workDir, Data, Unthrottled))
        {
            await TestUser.RegisterAsync(server.BaseAddress);
        }

        var before = await File.ReadAllBytesAsync(Path.Combine(Data, "hallway.db"));
        var file = Path.Combine(_workDir, "not-a-backup.db");
        switch (kind)
        {
            case "garbage":
                await File.WriteAllBytesAsync(file, Encoding.UTF8.GetBytes(new string('x', 5000)));
                break;
            case "empty":
                await File.WriteAllBytesAsync(file, []);
                break;
            case "other-sqlite":
                using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
                {
                    other.Open();
                    using var command = other.CreateCommand();
                    command.CommandText = "CREATE TABLE notes (text TEXT); PRAGMA user_version = 3;";
                    command.ExecuteNonQuery();
                }

                break;
        }

        var result = await CliRun.RunAsync(_workDir, "admin", "restore", file, "--data", Data);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("hallway: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(Data, "hallway.db")));
        Assert.DoesNotContain(Directory.GetFiles(Data), f => Path.GetFileName(f).StartsWith("hallway.db.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backup_WithNoDatabase_OrIntoAFolder_FailsWithOneLine()
    {
        Directory.CreateDirectory(Data);
        var none = await CliRun.RunAsync(_workDir, "admin", "backup", Path.Combine(_workDir, "b.db"), "--data", Data);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no database", Assert.Single(none.ErrorLines), StringComparison.Ordinal);

        await using (var server = await ServerProcess.ServeAsync(_workDir, Data, Unthrottled))
        {
        }

        var folder = await CliRun.RunAsync(_workDir, "admin", "backup", _workDir, "--data", Data);
        Assert.Equal(1, folder.ExitCode);
        Assert.Contains("is a folder", Assert.Single(folder.ErrorLines), StringComparison.Ordinal);
    }
}
