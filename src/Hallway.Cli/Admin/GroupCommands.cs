using System.CommandLine;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Chats;

namespace Hallway.Cli.Admin;

/// <summary><c>hallway admin group create TITLE --owner USERNAME [--members a,b] [--channel]</c>.</summary>
internal static class GroupCommands
{
    public static Command Create()
    {
        var title = new Argument<string>("TITLE") { Description = "The group's name (1 to 100 characters)" };
        var owner = new Option<string>("--owner") { Description = "Username of the group's owner", Required = true };
        var members = new Option<string?>("--members") { Description = "Comma-separated usernames to add as members" };
        var channel = new Option<bool>("--channel") { Description = "A channel (only its owner and admins post) instead of a group" };
        var data = DataFolder.Option();
        var create = new Command("create", "Create a group or channel with an owner and members.") { title, owner, members, channel, data };
        create.SetAction((parse, _) => AdminHost.RunAsync(parse.GetValue(data), async host =>
        {
            var ownerUser = await UserCommands.FindAsync(host, parse.GetValue(owner)!);
            var memberIds = new List<long>();
            foreach (var name in (parse.GetValue(members) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                memberIds.Add((await UserCommands.FindAsync(host, name)).Id);
            }

            var kind = parse.GetValue(channel) ? ChatKind.Channel : ChatKind.Group;
            var group = await host.Get<AdminGroupService>().CreateAsync(Caller.Operator, kind, parse.GetValue(title), null, ownerUser.Id, memberIds);
            Console.WriteLine($"Created {kind.ToString().ToLowerInvariant()} '{group.Chat.Title}' (id {group.Chat.Id}) owned by '{ownerUser.Username}', {group.MemberCount} member{(group.MemberCount == 1 ? string.Empty : "s")}.");
            return 0;
        }));
        return new Command("group", "Groups and channels.") { create };
    }
}
