using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary>
/// The operator's account commands, end to end: run <c>hallway admin ...</c> on a data folder, then
/// start the server on it and check over HTTP what the commands did.
/// </summary>
public sealed partial class AdminCommandsTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-admin");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    private string Data => Path.Combine(_workDir, "data");

    private Task<CliResult> AdminAsync(params string[] args) => CliRun.RunAsync(_workDir, ["admin", .. args, "--data", Data]);

    [GeneratedRegex("^Password: (?<password>[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})$")]
    private static partial Regex PrintedPassword();

    private static string PasswordIn(CliResult result) =>
        result.Stdout.Select(l => PrintedPassword().Match(l)).Single(m => m.Success).Groups["password"].Value;

    private static async Task<ApiResponse> SignInAsync(ServerProcess server, string username, string password) =>
        await new ApiClient(server.BaseAddress).PostAsync("/api/auth/login", new { username, password });

    [Fact]
    public async Task CreateAdmin_OnAnEmptyFolder_MakesAnAdminWhoSignsInWithThePrintedPassword()
    {
        var result = await AdminAsync("create-admin", "head", "--name", "Head Teacher");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Created admin 'head' (id 1).", result.Stdout);
        var password = PasswordIn(result);
        await using var server = await ServerProcess.ServeAsync(_workDir, Data);
        var signedIn = (await SignInAsync(server, "head", password)).EnsureSuccess();
        Assert.Equal("admin", signedIn["user"].GetProperty("role").GetString());
        Assert.Equal("Head Teacher", signedIn["user"].GetProperty("displayName").GetString());

        // Made by the operator: the audit log says so.
        using var admin = new ApiClient(server.BaseAddress, signedIn["token"].GetString());
        var audit = (await admin.GetAsync("/api/admin/audit")).EnsureSuccess().Json.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "user.created");
        Assert.Equal(0, audit.GetProperty("actorId").GetInt64());
        Assert.Equal("operator", audit.GetProperty("actorName").GetString());
    }

    [Fact]
    public async Task UserCommands_AddListDisableEnableResetPassword()
    {
        Assert.Equal(0, (await AdminAsync("create-admin", "head", "--password", "head password 1")).ExitCode);
        var add = await AdminAsync("user", "add", "ann", "--role", "teacher", "--password", "ann password 1");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.DoesNotContain(add.Stdout, l => l.StartsWith("Password:", StringComparison.Ordinal)); // chosen, so not printed

        var list = await AdminAsync("user", "list");
        Assert.Contains(list.Stdout, l => Regex.IsMatch(l, @"^\s+2\s+ann\s+teacher\s+ann$"));
        Assert.Equal("2 accounts.", list.Stdout[^1]);

        Assert.Equal(0, (await AdminAsync("user", "disable", "ANN")).ExitCode); // usernames ignore case, as sign-in does
        Assert.Contains((await AdminAsync("user", "list", "--disabled")).Stdout, l => l.Contains("ann", StringComparison.Ordinal) && l.EndsWith("(disabled)", StringComparison.Ordinal));
        await using (var server = await ServerProcess.ServeAsync(_workDir, Data))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SignInAsync(server, "ann", "ann password 1")).Status);
        }

        Assert.Equal(0, (await AdminAsync("user", "enable", "ann")).ExitCode);
        var reset = await AdminAsync("user", "reset-password", "ann");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        var password = PasswordIn(reset);
        await using (var server = await ServerProcess.ServeAsync(_workDir, Data))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(server, "ann", "ann password 1")).Status);
            (await SignInAsync(server, "ann", password)).EnsureSuccess();
        }
    }

    [Theory]
    [InlineData("user add x", "hallway: A username is 3 to 32 characters: letters, digits, '.', '_' or '-'.")]
    [InlineData("user add bob --password short", "hallway: A password is 8 to 256 characters long.")]
    [InlineData("user disable nobody", "hallway: no account 'nobody'")]
    [InlineData("user reset-password nobody", "hallway: no account 'nobody'")]
    [InlineData("group create Club --owner nobody", "hallway: no account 'nobody'")]
    [InlineData("export 999", "hallway: No such chat.")]
    public async Task BadInput_IsOneLine_ExitsOne_AndChangesNothing(string command, string error)
    {
        Assert.Equal(0, (await AdminAsync("create-admin", "head", "--password", "head password 1")).ExitCode);

        var result = await AdminAsync(command.Split(' '));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal([error], result.ErrorLines);
        Assert.Equal("1 account.", (await AdminAsync("user", "list")).Stdout[^1]);
    }

    [Fact]
    public async Task TakenUsername_AndAddingWhileTheServerRuns_AreRefused()
    {
        Assert.Equal(0, (await AdminAsync("create-admin", "head", "--password", "head password 1")).ExitCode);
        Assert.Equal(["hallway: That username is taken."], (await AdminAsync("user", "add", "HEAD")).ErrorLines);

        await using (var server = await ServerProcess.ServeAsync(_workDir, Data))
        {
            var refused = await AdminAsync("user", "add", "late");
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal($"hallway: a Hallway server is running on {Data}: stop it first, or do this in the web app's admin panel", Assert.Single(refused.ErrorLines));
        }

        Assert.Equal("1 account.", (await AdminAsync("user", "list")).Stdout[^1]);
    }

    [Fact]
    public async Task GroupCreate_Export_AndDemo()
    {
        var demo = await AdminAsync("demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Equal(1, (await AdminAsync("demo")).ExitCode); // never over a folder with people in it

        var group = await AdminAsync("group", "create", "Chess club", "--owner", "smith", "--members", "anya,greg");
        Assert.True(group.ExitCode == 0, group.ToString());
        var id = Regex.Match(group.Stdout[0], @"\(id (\d+)\)").Groups[1].Value;
        Assert.Contains("owned by 'smith', 3 members.", group.Stdout[0], StringComparison.Ordinal);

        // Class 7A (the demo's first group) has the teacher's homework; its export has all of it.
        var export = await AdminAsync("export", "2", "--out", Path.Combine(_workDir, "out"));
        Assert.True(export.ExitCode == 0, export.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_workDir, "out", "chat-2.json")));
        Assert.Equal("Class 7A", json.RootElement.GetProperty("title").GetString());
        var texts = json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(3, texts.Count);
        Assert.StartsWith("Good morning, 7A!", texts[0], StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(_workDir, "out", "chat-2.html"));
        Assert.Contains("Yes, **show every step**, please.", html, StringComparison.Ordinal);

        await using var server = await ServerProcess.ServeAsync(_workDir, Data);
        var smith = (await SignInAsync(server, "smith", "demo password")).EnsureSuccess();
        using var api = new ApiClient(server.BaseAddress, smith["token"].GetString());
        var chats = (await api.GetAsync("/api/chats")).EnsureSuccess().Json.EnumerateArray().Select(c => c.GetProperty("chat")).ToList();
        Assert.Contains(chats, c => c.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) == id && c.GetProperty("title").GetString() == "Chess club");
        Assert.Contains(chats, c => c.GetProperty("title").GetString() == "Class 8B");
    }
}
