using System.CommandLine;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Core.Messages;
using Hallway.Core.Storage;

namespace Hallway.Cli.Admin;

/// <summary>
/// <c>hallway admin demo</c>: a small school to try Hallway with (an admin, two teachers, two
/// classes of students, their class groups, a staff room, a channel, conversations), on an empty
/// data folder only, so it can never mix invented people into a real school.
/// </summary>
internal static class DemoCommand
{
    public const string Password = "demo password";

    private static readonly (string Username, string Name, UserRole Role, string? Class)[] People =
    [
        ("director", "Director Olga Petrova", UserRole.Admin, null),
        ("ivanova", "Maria Ivanova", UserRole.Teacher, "7A"),
        ("smith", "John Smith", UserRole.Teacher, "8B"),
        ("anya", "Anya K.", UserRole.Student, "7A"),
        ("boris", "Boris L.", UserRole.Student, "7A"),
        ("vera", "Vera M.", UserRole.Student, "7A"),
        ("greg", "Greg N.", UserRole.Student, "8B"),
        ("dasha", "Dasha O.", UserRole.Student, "8B"),
        ("emil", "Emil P.", UserRole.Student, "8B"),
    ];

    public static Command Create()
    {
        var data = DataFolder.Option();
        var command = new Command("demo", $"Fill an empty data folder with a demo school (every password: '{Password}').") { data };
        command.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), FillAsync));
        return command;
    }

    private static async Task<int> FillAsync(AdminHost host)
    {
        if (await host.Get<IHallwayStore>().ReadAsync(r => r.CountUsers()) > 0)
        {
            throw new AdminCommandException("the demo fills only an empty data folder, and this one has accounts: use --data with a new folder");
        }

        var accounts = host.Get<AccountService>();
        var users = new Dictionary<string, User>();
        foreach (var (username, name, role, _) in People)
        {
            users[username] = await accounts.CreateAccountAsync(Caller.Operator, username, name, Password, role);
        }

        var groups = host.Get<AdminGroupService>();
        foreach (var (className, teacher) in new[] { ("7A", "ivanova"), ("8B", "smith") })
        {
            var students = People.Where(p => p.Class == className && p.Role == UserRole.Student).Select(p => users[p.Username].Id).ToList();
            var group = await groups.CreateAsync(Caller.Operator, ChatKind.Group, $"Class {className}", $"Class {className} with {users[teacher].DisplayName}", users[teacher].Id, students);
            await SayAsync(host, users[teacher], group.Chat.Id, $"Good morning, {className}! Homework for Monday: exercises 4–7 on page 52.");
            await SayAsync(host, users[$"{(className == "7A" ? "anya" : "greg")}"], group.Chat.Id, "Do we need to show the working for exercise 6?");
            await SayAsync(host, users[teacher], group.Chat.Id, "Yes, **show every step**, please.");
        }

        var staff = await groups.CreateAsync(Caller.Operator, ChatKind.Group, "Staff room", "Teachers and the director", users["director"].Id, [users["ivanova"].Id, users["smith"].Id]);
        await SayAsync(host, users["director"], staff.Chat.Id, "Staff meeting on Thursday at 15:00 in room 12.");
        await SayAsync(host, users["smith"], staff.Chat.Id, "I'll bring the exam schedule.");

        var news = await groups.CreateAsync(Caller.Operator, ChatKind.Channel, "School news", "Announcements from the director", users["director"].Id, [.. users.Values.Where(u => u.Username != "director").Select(u => u.Id)]);
        await SayAsync(host, users["director"], news.Chat.Id, "Welcome to Hallway, our school messenger. It works on the school network only: no internet needed.");

        var chats = host.Get<ChatService>();
        var direct = await chats.OpenDirectAsync(As(users["boris"]), users["ivanova"].Id);
        await SayAsync(host, users["boris"], direct.Chat.Id, "Maria Ivanovna, I was ill yesterday. What did I miss?");
        await SayAsync(host, users["ivanova"], direct.Chat.Id, "Get well! The notes are in the class group.");

        Console.WriteLine($"Demo school created: {People.Length} people, 2 class groups, a staff room and a news channel.");
        Console.WriteLine($"Sign in as director (admin), ivanova or smith (teachers), or anya, boris, vera, greg, dasha, emil (students); every password is '{Password}'.");
        return 0;
    }

    private static Caller As(User user) => new(user, 0);

    private static Task SayAsync(AdminHost host, User user, long chatId, string text) =>
        host.Get<MessageService>().SendAsync(As(user), chatId, Guid.NewGuid().ToString("N"), text, null);
}
