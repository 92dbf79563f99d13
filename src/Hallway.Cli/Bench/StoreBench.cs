using System.CommandLine;
using System.Diagnostics;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Messages;
using Hallway.Storage.Sqlite;

namespace Hallway.Cli.Bench;

/// <summary>
/// <c>hallway bench store</c>: the durable write path without sockets. <see cref="MessageService.SendAsync(Caller, long, string?, string?, long?, CancellationToken)"/>
/// straight into a fresh <see cref="SqliteStore"/> (WAL, <c>synchronous=FULL</c>, group commit) in a
/// temporary folder, with a fixed number of sends in flight, each from one of the chat's members.
/// It isolates what the store costs per message from what sockets and fan-out cost.
/// </summary>
internal static class StoreBench
{
    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "Messages in all", DefaultValueFactory = _ => 50_000 };
        var window = new Option<int>("--window") { Description = "Sends in flight at once", DefaultValueFactory = _ => 256 };
        var members = new Option<int>("--members") { Description = "Members of the chat (2 and --direct: a direct chat)", DefaultValueFactory = _ => 100 };
        var direct = new Option<bool>("--direct") { Description = "Send in a direct chat of two instead of a group" };
        var size = new Option<int>("--size") { Description = "Characters per message", DefaultValueFactory = _ => 100 };
        var command = new Command("store", "Measure durable sends per second in the store alone (no sockets, temporary data).") { messages, window, members, direct, size };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isDirect = parse.GetValue(direct);
            return await RunAsync(
                Math.Clamp(parse.GetValue(messages), 1, 10_000_000),
                Math.Clamp(parse.GetValue(window), 1, 4096),
                isDirect ? 2 : Math.Clamp(parse.GetValue(members), 1, 10_000),
                isDirect,
                Math.Clamp(parse.GetValue(size), 1, 4000),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(int messageCount, int window, int memberCount, bool direct, int size, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        var token = limit.Token;
        var data = Path.Combine(Path.GetTempPath(), "hallway-bench-store-" + Guid.NewGuid().ToString("N"));
        var store = SqliteStore.Open(data);
        try
        {
            var limits = new HallwayLimits();
            var callers = await store.WriteAsync(tx => Enumerable.Range(0, memberCount).Select(i =>
            {
                var name = $"bench{i}";
                var id = tx.InsertUser(new NewUser(name, UsernameRules.Key(name), name, "not-a-password-hash", UserRole.Student, tx.Now))!.Value;
                return new Caller(tx.GetUser(id)!, SessionId: 0);
            }).ToArray(), token);
            var chats = new ChatService(store, limits);
            var chatId = direct
                ? (await chats.OpenDirectAsync(callers[0], callers[1].Id)).Chat.Id
                : (await chats.CreateAsync(callers[0], ChatKind.Group, "bench", null, [.. callers.Skip(1).Select(c => c.Id)])).Chat.Id;
            var service = new MessageService(store, limits);
            var text = new string('x', size);

            Console.WriteLine($"Storing {messageCount:N0} messages of {size} characters in a {(direct ? "direct chat" : $"group of {memberCount}")}, {window} in flight...");
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, window).Select(_ => Task.Run(
                async () =>
                {
                    for (var n = Interlocked.Increment(ref next); n < messageCount; n = Interlocked.Increment(ref next))
                    {
                        await service.SendAsync(callers[n % callers.Length], chatId, $"m{n}", text, null, token);
                    }
                },
                token)));
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| durable sends per second | {messageCount / seconds:N0} |");
            Console.WriteLine($"| all stored after (s) | {seconds:N2} |");
            return 0;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("hallway bench store: stopped (time limit or Ctrl+C).");
            return 1;
        }
        finally
        {
            await store.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }
}
