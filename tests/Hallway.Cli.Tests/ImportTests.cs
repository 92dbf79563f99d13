using System.Text;
using System.Text.RegularExpressions;
using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary><c>hallway admin import</c>: a roster with any error creates nothing; a good one creates everything.</summary>
public sealed partial class ImportTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-import");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    private string Data => Path.Combine(_workDir, "data");

    private Task<CliResult> AdminAsync(params string[] args) => CliRun.RunAsync(_workDir, ["admin", .. args, "--data", Data]);

    private async Task<string> RosterAsync(string text, Encoding? encoding = null)
    {
        var path = Path.Combine(_workDir, "roster.csv");
        await File.WriteAllBytesAsync(path, (encoding ?? new UTF8Encoding(true)).GetPreamble().Concat((encoding ?? Encoding.UTF8).GetBytes(text)).ToArray());
        return path;
    }

    [GeneratedRegex("<section class=\"card\">")]
    private static partial Regex Card();

    [Fact]
    public async Task RosterWithErrors_ReportsEveryLine_AndCreatesNothing()
    {
        Assert.Equal(0, (await AdminAsync("create-admin", "head", "--password", "head password 1")).ExitCode);
        var roster = await RosterAsync("""
            name,username,class,role
            Ann,ann,7A,student
            ,nameless,7A,student
            Bob,b o b,7A,
            Carl,ANN,7A,student
            Dora,dora,7A,wizard
            "Eve, quoted",head,7A,student
            """);

        var result = await AdminAsync("import", roster);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
        [
            $"{roster}:line 3: The name must be 1 to 64 characters long.",
            $"{roster}:line 4: A username is 3 to 32 characters: letters, digits, '.', '_' or '-'.",
            $"{roster}:line 5: username 'ANN' is already on line 2",
            $"{roster}:line 6: unknown role 'wizard' (student, teacher or admin)",
            $"{roster}:line 7: username 'head' already has an account",
            $"hallway: nothing was imported: 5 problems in {roster}",
        ], result.ErrorLines);
        Assert.Equal("1 account.", (await AdminAsync("user", "list")).Stdout[^1]);
        Assert.False(File.Exists(Path.ChangeExtension(roster, ".cards.html")));
    }

    [Theory]
    [InlineData("", "line 1: the file is empty: it needs a header line 'name,username,class,role'")]
    [InlineData("name,login,colour\n", "line 1: unknown column 'colour' (columns: name, username, class, role, password)")]
    [InlineData("name,class\nAnn,7A\n", "line 1: the header has no 'username' column")]
    [InlineData("name,username\n", "line 2: the roster has a header but nobody in it")]
    [InlineData("name,username,class\nAnn,ann,7A\nOnlyAStudent,kid,9Z\n", "line 2: class '7A' has no teacher and the server has no admin to own its group: add a teacher row, or run 'hallway admin create-admin' first")]
    public async Task BadRosterShapes_AreRefused(string text, string problem)
    {
        var roster = await RosterAsync(text);

        var result = await AdminAsync("import", roster);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{roster}:{problem}", result.ErrorLines[0]);
    }

    [Fact]
    public async Task NotUtf8_IsRefusedWithAHint()
    {
        var path = Path.Combine(_workDir, "roster.csv");
        await File.WriteAllBytesAsync(path, [.. "name,username\n"u8, 0xC8, 0xE2, 0xE0, 0xED, (byte)',', .. "ivan\n"u8]); // windows-1251 "Иван"

        var result = await AdminAsync("import", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"hallway: '{path}' is not UTF-8 text: save it from the spreadsheet as 'CSV UTF-8'", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task GoodRoster_CreatesAccountsClassGroupsAndCards_ThatSignIn()
    {
        // A Russian spreadsheet's export: semicolons, Russian headers, a quoted field with the delimiter in it.
        var roster = await RosterAsync("""
            ФИО;логин;класс;роль;пароль
            Мария Ивановна;ivanova;7А;учитель;
            "Петров; Пётр";petrov;7А;ученик;
            Анна;anna;7А;;
            Джон Смит;smith;8Б;teacher;smith password 1
            Гриша;grisha;8Б;student;
            Без класса;loner;;student;
            """);

        var result = await AdminAsync("import", roster, "--url", "http://10.1.2.3:8000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Imported 6 accounts and 2 class groups.", result.Stdout[0]);
        var cards = await File.ReadAllTextAsync(Path.ChangeExtension(roster, ".cards.html"));
        Assert.Equal(6, Card().Count(cards));
        Assert.Contains("Петров; Пётр", cards, StringComparison.Ordinal);
        Assert.Contains("<dd>http://10.1.2.3:8000</dd>", cards, StringComparison.Ordinal);
        var petrovPassword = Regex.Match(cards, @"petrov</dd><dt>Password · Пароль</dt><dd>([a-z2-7-]+)</dd>").Groups[1].Value;
        Assert.Matches("^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$", petrovPassword);
        Assert.Contains("<dd>smith password 1</dd>", cards, StringComparison.Ordinal);

        await using var server = await ServerProcess.ServeAsync(_workDir, Data);
        var petrov = (await new ApiClient(server.BaseAddress).PostAsync("/api/auth/login", new { username = "petrov", password = petrovPassword })).EnsureSuccess();
        Assert.Equal("Петров; Пётр", petrov["user"].GetProperty("displayName").GetString());
        var teacher = (await new ApiClient(server.BaseAddress).PostAsync("/api/auth/login", new { username = "ivanova", password = Regex.Match(cards, @"ivanova</dd><dt>Password · Пароль</dt><dd>([a-z2-7-]+)</dd>").Groups[1].Value })).EnsureSuccess();
        Assert.Equal("teacher", teacher["user"].GetProperty("role").GetString());
        using var api = new ApiClient(server.BaseAddress, petrov["token"].GetString());
        var titles = (await api.GetAsync("/api/chats")).EnsureSuccess().Json.EnumerateArray().Select(c => c.GetProperty("chat").GetProperty("title").GetString()).ToList();
        Assert.Contains("7А", titles);
        Assert.DoesNotContain("8Б", titles);
        var classGroup = (await api.GetAsync("/api/chats")).Json.EnumerateArray().Select(c => c.GetProperty("chat")).Single(c => c.GetProperty("title").GetString() == "7А").GetProperty("id").GetInt64();
        var members = (await api.GetAsync($"/api/chats/{classGroup}/members")).EnsureSuccess().Json.EnumerateArray().ToList();
        Assert.Equal(3, members.Count);
        Assert.Equal("owner", members.Single(m => m.GetProperty("userId").GetInt64() == teacher["user"].GetProperty("id").GetInt64()).GetProperty("role").GetString());
    }
}
