using System.CommandLine;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Security;
using Hallway.Core.Storage;

namespace Hallway.Cli.Admin;

/// <summary>
/// <c>hallway admin create-admin</c> and <c>hallway admin user add | list | disable | enable |
/// reset-password</c>: accounts from the server's console, as the operator (audited as actor 0).
/// </summary>
internal static class UserCommands
{
    public static Command CreateAdmin()
    {
        var username = new Argument<string>("USERNAME") { Description = "The new admin's username" };
        var name = NameOption();
        var password = PasswordOption();
        var data = DataFolder.Option();
        var command = new Command("create-admin", "Create an admin account (also on a server nobody has registered on yet). Prints the password if none is given.") { username, name, password, data };
        command.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), host =>
            AddAsync(host, parse.GetValue(username)!, parse.GetValue(name), parse.GetValue(password), UserRole.Admin)));
        return command;
    }

    public static Command User()
    {
        var command = new Command("user", "Accounts: add, list, disable, enable, reset-password.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(SetDisabled("disable", "Disable an account: it is signed out everywhere and cannot sign in.", disable: true));
        command.Subcommands.Add(SetDisabled("enable", "Enable a disabled account again.", disable: false));
        command.Subcommands.Add(ResetPassword());
        return command;
    }

    /// <summary>Finds an account by its username (ignoring case, as sign-in does), or explains.</summary>
    public static async Task<User> FindAsync(AdminHost host, string username) =>
        await host.Get<IHallwayStore>().ReadAsync(r => r.GetUserByKey(UsernameRules.Key(username)))
            ?? throw new AdminCommandException($"no account '{username}'");

    private static Command Add()
    {
        var username = new Argument<string>("USERNAME") { Description = "The new account's username (letters, digits, '.', '_', '-')" };
        var name = NameOption();
        var password = PasswordOption();
        var role = new Option<string>("--role") { Description = "student (default), teacher or admin", DefaultValueFactory = _ => "student" };
        role.AcceptOnlyFromAmong("student", "teacher", "admin");
        var data = DataFolder.Option();
        var command = new Command("add", "Create an account. Prints the password if none is given.") { username, name, password, role, data };
        command.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), host =>
            AddAsync(host, parse.GetValue(username)!, parse.GetValue(name), parse.GetValue(password), Enum.Parse<UserRole>(parse.GetValue(role)!, ignoreCase: true))));
        return command;
    }

    private static async Task<int> AddAsync(AdminHost host, string username, string? displayName, string? password, UserRole role)
    {
        var chosen = password ?? SecretCodes.NewPassword();
        var user = await host.Get<AccountService>().CreateAccountAsync(Caller.Operator, username, displayName, chosen, role);
        Console.WriteLine($"Created {Names(role)} '{user.Username}' (id {user.Id}).");
        if (password is null)
        {
            Console.WriteLine($"Password: {chosen}");
        }

        return 0;
    }

    private static Command List()
    {
        var query = new Option<string?>("--query") { Description = "Only usernames or names containing this" };
        var role = new Option<string?>("--role") { Description = "Only this role: student, teacher or admin" };
        role.AcceptOnlyFromAmong("student", "teacher", "admin");
        var disabled = new Option<bool>("--disabled") { Description = "Only disabled accounts" };
        var data = DataFolder.Option();
        var command = new Command("list", "List accounts: id, username, role, name, state.") { query, role, disabled, data };
        command.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), async host =>
        {
            var users = host.Get<AdminUserService>();
            var roleFilter = parse.GetValue(role) is { } r ? Enum.Parse<UserRole>(r, ignoreCase: true) : (UserRole?)null;
            var disabledFilter = parse.GetValue(disabled) ? true : (bool?)null;
            Console.WriteLine($"{"id",6}  {"username",-32}  {"role",-8}  name");
            long after = 0;
            var count = 0;
            while (true)
            {
                var page = await users.ListAsync(Caller.Operator, parse.GetValue(query), roleFilter, disabledFilter, after, 200);
                foreach (var row in page)
                {
                    var state = row.Disabled ? "  (disabled)" : row.User.IsGuest ? "  (guest)" : string.Empty;
                    Console.WriteLine($"{row.User.Id,6}  {row.User.Username,-32}  {Names(row.User.Role),-8}  {row.User.DisplayName}{state}");
                }

                count += page.Count;
                if (page.Count < 200)
                {
                    break;
                }

                after = page[^1].User.Id;
            }

            Console.WriteLine($"{count} account{(count == 1 ? string.Empty : "s")}.");
            return 0;
        }));
        return command;
    }

    private static Command SetDisabled(string verb, string description, bool disable)
    {
        var username = new Argument<string>("USERNAME");
        var data = DataFolder.Option();
        var command = new Command(verb, description) { username, data };
        command.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), async host =>
        {
            var user = await FindAsync(host, parse.GetValue(username)!);
            var users = host.Get<AdminUserService>();
            await (disable ? users.DisableAsync(Caller.Operator, user.Id) : users.EnableAsync(Caller.Operator, user.Id));
            Console.WriteLine($"{(disable ? "Disabled" : "Enabled")} '{user.Username}'.");
            return 0;
        }));
        return command;
    }

    private static Command ResetPassword()
    {
        var username = new Argument<string>("USERNAME");
        var password = PasswordOption();
        var data = DataFolder.Option();
        var command = new Command("reset-password", "Set a new password (signs the account out everywhere). Prints it if none is given.") { username, password, data };
        command.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), async host =>
        {
            var user = await FindAsync(host, parse.GetValue(username)!);
            var chosen = parse.GetValue(password) ?? SecretCodes.NewPassword();
            await host.Get<AdminUserService>().SetPasswordAsync(Caller.Operator, user.Id, chosen);
            Console.WriteLine($"New password for '{user.Username}' set; every session of the account ended.");
            if (parse.GetValue(password) is null)
            {
                Console.WriteLine($"Password: {chosen}");
            }

            return 0;
        }));
        return command;
    }

    private static Option<string?> NameOption() => new("--name") { Description = "Display name (default: the username)" };

    private static Option<string?> PasswordOption() =>
        new("--password") { Description = "The password (default: a generated one, printed once). Note: visible in the shell's history" };

    public static string Names(UserRole role) => role.ToString().ToLowerInvariant();
}
