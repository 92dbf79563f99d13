using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hallway.Cli.Bench;

/// <summary>
/// <c>hallway bench</c>: starts a server in this process on 127.0.0.1 with a fresh data folder, puts
/// N members in one group, has every member send over its WebSocket, and reports send throughput,
/// acknowledgement latency and delivery throughput. Bounded in count and time; loopback only.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var members = new Option<int>("--members") { Description = "Members in the group, each with one socket", DefaultValueFactory = _ => 50 };
        var messages = new Option<int>("--messages") { Description = "Messages in all, spread over the members", DefaultValueFactory = _ => 5000 };
        var window = new Option<int>("--window") { Description = "Sends each member keeps in flight", DefaultValueFactory = _ => 16 };
        var size = new Option<int>("--size") { Description = "Characters per message", DefaultValueFactory = _ => 100 };
        var command = new Command("bench", "Measure sends and deliveries on this machine (loopback, temporary data).") { members, messages, window, size, StoreBench.Create() };
        command.SetAction(async (parse, cancellationToken) =>
            await RunAsync(
                Math.Clamp(parse.GetValue(members), 2, 1000),
                Math.Clamp(parse.GetValue(messages), 1, 1_000_000),
                Math.Clamp(parse.GetValue(window), 1, 256),
                Math.Clamp(parse.GetValue(size), 1, 4000),
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int memberCount, int messageCount, int window, int size, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        var token = limit.Token;
        var data = Path.Combine(Path.GetTempPath(), "hallway-bench-" + Guid.NewGuid().ToString("N"));
        var app = HallwayServer.Build(
            new Dictionary<string, string?>
            {
                ["Hallway:Urls"] = "http://127.0.0.1:0",
                ["Hallway:Data"] = data,
                ["Hallway:RateLimits:AuthPerMinute"] = "1000000",
                ["Hallway:Realtime:RequestBurst"] = "1000000",
                ["Hallway:Realtime:RequestsPerSecond"] = "1000000",
                ["Hallway:Realtime:OutgoingQueueLimit"] = "100000",
            },
            b => b.Logging.ClearProviders());
        await app.StartAsync(token);
        var clients = new List<BenchClient>();
        try
        {
            var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient { BaseAddress = baseAddress };
            Console.WriteLine($"Setting up {memberCount} members...");
            var tokens = new List<(long Id, string Token)>();
            for (var i = 0; i < memberCount; i++)
            {
                var response = await http.PostAsJsonAsync("/api/auth/register", new { username = $"bench{i}", password = "bench-password" }, token);
                using var json = JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(token));
                tokens.Add((json.RootElement.GetProperty("user").GetProperty("id").GetInt64(), json.RootElement.GetProperty("token").GetString()!));
            }

            http.DefaultRequestHeaders.Authorization = new("Bearer", tokens[0].Token);
            var created = await http.PostAsJsonAsync("/api/chats", new { kind = "group", title = "bench", memberIds = tokens.Skip(1).Select(t => t.Id).ToArray() }, token);
            using var chat = JsonDocument.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync(token));
            var chatId = chat.RootElement.GetProperty("chat").GetProperty("id").GetInt64();

            foreach (var (_, t) in tokens)
            {
                var client = new BenchClient(window);
                await client.ConnectAsync(baseAddress, t, token);
                clients.Add(client);
            }

            var text = new string('x', size);
            var expected = (long)messageCount * memberCount;
            Console.WriteLine($"Sending {messageCount} messages of {size} characters to a group of {memberCount} ({expected} deliveries), {window} in flight per member...");
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select((client, index) => Task.Run(
                async () =>
                {
                    for (var n = index; n < messageCount; n += clients.Count)
                    {
                        await client.SendMessageAsync(chatId, $"m{n}", text, token);
                    }

                    await client.DrainAsync(window, token);
                },
                token)));
            var sendSeconds = clock.Elapsed.TotalSeconds;
            while (clients.Sum(c => c.Delivered) < expected)
            {
                await Task.Delay(5, token);
            }

            var deliverSeconds = clock.Elapsed.TotalSeconds;
            var acks = clients.SelectMany(c => c.AckMilliseconds).Order().ToArray();
            Console.WriteLine();
            Console.WriteLine($"| measure | value |");
            Console.WriteLine($"|---|---|");
            Console.WriteLine($"| messages acknowledged per second | {messageCount / sendSeconds:N0} |");
            Console.WriteLine($"| deliveries per second (all sockets) | {expected / deliverSeconds:N0} |");
            Console.WriteLine($"| ack latency p50 / p99 / max (ms) | {Percentile(acks, 0.50):N1} / {Percentile(acks, 0.99):N1} / {acks[^1]:N1} |");
            Console.WriteLine($"| all delivered after (s) | {deliverSeconds:N2} |");
            return 0;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("hallway bench: stopped (time limit or Ctrl+C).");
            return 1;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
