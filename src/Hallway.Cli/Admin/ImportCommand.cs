using System.CommandLine;
using System.Text;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Core.Security;
using Hallway.Core.Storage;

namespace Hallway.Cli.Admin;

/// <summary>
/// <c>hallway admin import users.csv</c>: accounts and class groups from a school roster. Every row
/// is checked first (also against the accounts that exist); any problem is reported with its line
/// number and nothing is created. Then the accounts (in parallel: hashing passwords is the slow
/// part), then one group a class (reused when a group of that exact name exists) with its teachers
/// as group admins, then a printable page of sign-in cards.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The roster: CSV with a header 'name,username,class,role' (password optional)" };
        var cards = new Option<string?>("--cards") { Description = "Where to write the printable sign-in cards (default: FILE with .cards.html)" };
        var url = new Option<string?>("--url") { Description = "The address people open, printed on the cards (default: this machine's LAN address and the HTTP port)" };
        var data = DataFolder.Option();
        var command = new Command("import", "Create accounts and class groups from a roster, and print sign-in cards.") { file, cards, url, data };
        command.SetAction((parse, _) =>
        {
            var path = parse.GetValue(file)!;
            return AdminHost.RunAsync(parse.GetValue(data), host => ImportAsync(host, path, parse.GetValue(cards) ?? Path.ChangeExtension(path, ".cards.html"), parse.GetValue(url)));
        });
        return command;
    }

    private static async Task<int> ImportAsync(AdminHost host, string path, string cardsPath, string? url)
    {
        if (!File.Exists(path))
        {
            throw new AdminCommandException($"no file '{path}'");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(await File.ReadAllBytesAsync(path));
        }
        catch (DecoderFallbackException)
        {
            throw new AdminCommandException($"'{path}' is not UTF-8 text: save it from the spreadsheet as 'CSV UTF-8'");
        }

        var (rows, fileProblems) = Roster.Parse(text);
        var problems = fileProblems.Concat(await ProblemsWithTheServerAsync(host, rows)).OrderBy(LineOf).ToList();

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"{path}:{problem}");
            }

            await Console.Error.WriteLineAsync($"hallway: nothing was imported: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")} in {path}");
            return 1;
        }

        var accounts = host.Get<AccountService>();
        var passwords = rows.ToDictionary(r => r.Line, r => r.Password ?? SecretCodes.NewPassword());
        var created = new System.Collections.Concurrent.ConcurrentDictionary<int, User>();
        var progress = new ConsoleProgress("accounts", rows.Count);
        await Parallel.ForEachAsync(rows, async (row, _) =>
        {
            created[row.Line] = await accounts.CreateAccountAsync(Caller.Operator, row.Username, row.Name, passwords[row.Line], row.Role);
            progress.Step();
        });

        var groups = await ClassGroupsAsync(host, rows, created);
        var serverUrl = url ?? DefaultUrl(host);
        await File.WriteAllTextAsync(cardsPath, SignInCards.Page(serverUrl, rows.Select(r => new SignInCard(r.Name, r.Class, created[r.Line].Username, passwords[r.Line]))));
        Console.WriteLine($"Imported {rows.Count} account{(rows.Count == 1 ? string.Empty : "s")} and {groups} class group{(groups == 1 ? string.Empty : "s")}.");
        Console.WriteLine($"Sign-in cards for {serverUrl}: {Path.GetFullPath(cardsPath)} (print it, then delete it: it holds first passwords).");
        return 0;
    }

    private static int LineOf(string problem) => int.Parse(problem.AsSpan(5, problem.IndexOf(':', StringComparison.Ordinal) - 5), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Usernames that exist already, and classes that would have no owner.</summary>
    private static async Task<IReadOnlyList<string>> ProblemsWithTheServerAsync(AdminHost host, IReadOnlyList<RosterRow> rows)
    {
        var store = host.Get<IHallwayStore>();
        var problems = new List<string>();
        var existing = await store.ReadAsync(r => rows.Where(row => r.GetUserByKey(UsernameRules.Key(row.Username)) is not null).Select(row => row.Line).ToHashSet());
        problems.AddRange(rows.Where(r => existing.Contains(r.Line)).Select(r => $"line {r.Line}: username '{r.Username}' already has an account"));
        var hasAdmin = await store.ReadAsync(r => r.CountAdmins()) > 0 || rows.Any(r => r.Role == UserRole.Admin);
        foreach (var orphan in rows.Where(r => r.Class is not null).GroupBy(r => r.Class!).Where(c => !c.Any(r => r.Role != UserRole.Student) && !hasAdmin))
        {
            problems.Add($"line {orphan.First().Line}: class '{orphan.Key}' has no teacher and the server has no admin to own its group: add a teacher row, or run 'hallway admin create-admin' first");
        }

        return problems;
    }

    /// <summary>One group a class: owned by its first teacher (else the first admin), teachers as admins.</summary>
    private static async Task<int> ClassGroupsAsync(AdminHost host, IReadOnlyList<RosterRow> rows, IReadOnlyDictionary<int, User> created)
    {
        var service = host.Get<AdminGroupService>();
        var existing = (await service.ListAsync(Caller.Operator)).Where(g => g.Chat.Kind == ChatKind.Group).GroupBy(g => g.Chat.Title).ToDictionary(g => g.Key, g => g.First());
        var classes = rows.Where(r => r.Class is not null).GroupBy(r => r.Class!).ToList();
        if (classes.Count == 0)
        {
            return 0;
        }

        var admins = await host.Get<AdminUserService>().ListAsync(Caller.Operator, null, UserRole.Admin, false, 0, 1);
        var firstAdmin = admins.Count > 0 ? admins[0].User.Id : (long?)null;
        var progress = new ConsoleProgress("class groups", classes.Count);
        foreach (var group in classes)
        {
            var staff = group.Where(r => r.Role != UserRole.Student).Select(r => created[r.Line].Id).ToList();
            var students = group.Where(r => r.Role == UserRole.Student).Select(r => created[r.Line].Id).ToList();
            long chatId;
            if (existing.TryGetValue(group.Key, out var found))
            {
                chatId = found.Chat.Id;
                foreach (var id in students)
                {
                    await service.SetMemberAsync(Caller.Operator, chatId, id, MemberRole.Member);
                }
            }
            else
            {
                var owner = staff.Count > 0 ? staff[0] : firstAdmin ?? throw new AdminCommandException($"class '{group.Key}' has nobody to own its group");
                chatId = (await service.CreateAsync(Caller.Operator, ChatKind.Group, group.Key, null, owner, students)).Chat.Id;
                staff.Remove(owner);
            }

            foreach (var id in staff)
            {
                await service.SetMemberAsync(Caller.Operator, chatId, id, MemberRole.Admin);
            }

            progress.Step();
        }

        return classes.Count;
    }

    private static string DefaultUrl(AdminHost host)
    {
        var port = host.Get<Microsoft.Extensions.Options.IOptions<Server.Hosting.HallwayOptions>>().Value.Port;
        var address = Banner.LanAddresses().FirstOrDefault()?.ToString() ?? "localhost";
        return $"http://{address}:{port}";
    }
}
