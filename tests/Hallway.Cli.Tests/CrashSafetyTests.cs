using System.Collections.Concurrent;
using System.Text.Json;
using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;
using Xunit.Abstractions;

namespace Hallway.Cli.Tests;

/// <summary>
/// SIGKILL in the middle of a stream of sends, then a restart on the same data folder: every
/// acknowledged message is there exactly once, seqs have no holes, and a client that reconnects
/// with its last event id replays them all.
/// </summary>
[Collection(CrashSafetyCollection.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int SocketSends = 300;
    private const int HttpLoops = 4;
    private const int HttpSendsPerLoop = 30;
    private const int KillAfterAcks = 150;

    // Rate limits out of the way: the test is about durability, not throttling.
    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["HALLWAY__REALTIME__REQUESTBURST"] = "100000",
        ["HALLWAY__REALTIME__REQUESTSPERSECOND"] = "100000",
        ["HALLWAY__RATELIMITS__WRITESPERSECOND"] = "100000",
        ["HALLWAY__RATELIMITS__AUTHPERMINUTE"] = "100000",
    };

    private readonly string _workDir = TestData.TempFolder("cli-crash");
    private readonly ConcurrentBag<SentMessage> _acked = [];
    private readonly ConcurrentBag<SentMessage> _unanswered = [];
    private readonly ConcurrentBag<string> _failures = [];
    private readonly TaskCompletionSource _enoughAcked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _killed;

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task KilledMidStream_AcknowledgedMessagesSurviveOnceAndReplay()
    {
        var data = Path.Combine(_workDir, "data");
        TestUser alice, bob;
        long chatId, startEventId;

        await using (var first = await ServerProcess.ServeAsync(_workDir, data, Unthrottled))
        {
            alice = await TestUser.RegisterAsync(first.BaseAddress);
            bob = await TestUser.RegisterAsync(first.BaseAddress);
            chatId = await alice.CreateGroupAsync("crash test", bob);
            var (socket, lastEventId) = await alice.OpenAsync();
            await using var _ = socket;
            startEventId = lastEventId;

            // Everything at once: the socket sends are all in flight together; bob sends over HTTP beside them.
            var sends = Enumerable.Range(0, SocketSends).Select(i => SendOverSocketAsync(socket, alice, chatId, i))
                .Concat(Enumerable.Range(0, HttpLoops).Select(loop => SendOverHttpAsync(bob, chatId, loop)))
                .ToList();
            var all = Task.WhenAll(sends);
            await Task.WhenAny(_enoughAcked.Task, all).WaitAsync(HallwayCli.HangGuard);

            _killed = true;
            await first.KillAsync();
            await all.WaitAsync(HallwayCli.HangGuard);
        }

        output.WriteLine($"Before the kill: {_acked.Count} acknowledged, {_unanswered.Count} sent without an answer.");
        Assert.Empty(_failures);
        Assert.True(_acked.Count >= KillAfterAcks, $"only {_acked.Count} sends were acknowledged before the kill");

        await using var second = await ServerProcess.ServeAsync(_workDir, data, Unthrottled);
        using var aliceApi = new ApiClient(second.BaseAddress, alice.Token);

        var history = await HistoryAsync(aliceApi, chatId);
        output.WriteLine($"After the restart: {history.Count} messages in the chat.");
        AssertEveryAckOnce(history);
        AssertSeqsGapless(history);
        await AssertReplayedAsync(second.BaseAddress, alice.Token, startEventId, history);

        // Retrying what was never answered, with the same client ids, stores each message at most once.
        using var bobApi = new ApiClient(second.BaseAddress, bob.Token);
        foreach (var sent in _unanswered)
        {
            var api = sent.SenderId == alice.Id ? aliceApi : bobApi;
            (await api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = sent.ClientId, text = sent.Text })).EnsureSuccess();
        }

        var final = await HistoryAsync(aliceApi, chatId);
        Assert.Equal(_acked.Count + _unanswered.Count, final.Count);
        Assert.Equal(final.Count, final.Select(m => (m.SenderId, m.ClientId)).Distinct().Count());
        AssertSeqsGapless(final);
    }

    private async Task SendOverSocketAsync(WsClient socket, TestUser sender, long chatId, int i)
    {
        var sent = new SentMessage(sender.Id, $"ws-{i}", $"socket message {i}", 0, 0);
        try
        {
            var answer = await socket.RequestAsync("send", new { chatId, clientId = sent.ClientId, text = sent.Text });
            if (answer.GetProperty("type").GetString() != "ok")
            {
                _failures.Add($"{sent.ClientId}: {answer}");
                return;
            }

            Acknowledged(sent, answer.GetProperty("data").GetProperty("message"));
        }
        catch (Exception e) when (_killed)
        {
            _ = e; // the server died under this request: no answer, no promise
            _unanswered.Add(sent);
        }
        catch (Exception e)
        {
            _failures.Add($"{sent.ClientId} before the kill: {e.Message}");
        }
    }

    private async Task SendOverHttpAsync(TestUser sender, long chatId, int loop)
    {
        for (var i = 0; i < HttpSendsPerLoop; i++)
        {
            var sent = new SentMessage(sender.Id, $"http-{loop}-{i}", $"http message {loop}/{i}", 0, 0);
            try
            {
                var response = await sender.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = sent.ClientId, text = sent.Text });
                if ((int)response.Status is not (200 or 201))
                {
                    _failures.Add($"{sent.ClientId}: {(int)response.Status} {response.Text}");
                    return;
                }

                Acknowledged(sent, response["message"]);
            }
            catch (Exception e) when (_killed)
            {
                _ = e;
                _unanswered.Add(sent);
                return; // the server is gone; the rest of this loop is never sent
            }
            catch (Exception e)
            {
                _failures.Add($"{sent.ClientId} before the kill: {e.Message}");
                return;
            }
        }
    }

    private void Acknowledged(SentMessage sent, JsonElement message)
    {
        _acked.Add(sent with { Id = message.GetProperty("id").GetInt64(), Seq = message.GetProperty("seq").GetInt64() });
        if (_acked.Count >= KillAfterAcks)
        {
            _enoughAcked.TrySetResult();
        }
    }

    private void AssertEveryAckOnce(List<SentMessage> history)
    {
        Assert.Equal(history.Count, history.Select(m => m.Id).Distinct().Count());
        var byId = history.ToDictionary(m => m.Id);
        foreach (var ack in _acked)
        {
            Assert.True(byId.TryGetValue(ack.Id, out var stored), $"acknowledged message {ack.ClientId} (id {ack.Id}) is missing after the restart");
            Assert.Equal(ack, stored);
        }
    }

    private static void AssertSeqsGapless(List<SentMessage> history) =>
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(m => m.Seq));

    private async Task AssertReplayedAsync(Uri server, string token, long startEventId, List<SentMessage> history)
    {
        var (socket, _) = await WsClient.OpenAsync(server, token, startEventId);
        await using var _ = socket;

        var events = socket.PendingEvents();
        var ids = events.Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var replayed = events
            .Where(e => e.GetProperty("type").GetString() == "message.created")
            .Select(e => e.GetProperty("payload").GetProperty("message").GetProperty("id").GetInt64())
            .ToList();
        Assert.All(_acked, ack => Assert.Equal(1, replayed.Count(id => id == ack.Id)));

        // Message and event commit together: whatever is in history was also logged, and nothing more.
        Assert.Equal(history.Select(m => m.Id).Order(), replayed.Order());
    }

    private static async Task<List<SentMessage>> HistoryAsync(ApiClient api, long chatId)
    {
        var all = new List<SentMessage>();
        long after = 0;
        while (true)
        {
            var page = (await api.GetAsync($"/api/chats/{chatId}/messages?after={after}&limit=100")).EnsureSuccess()["messages"];
            if (page.GetArrayLength() == 0)
            {
                return all;
            }

            foreach (var m in page.EnumerateArray())
            {
                all.Add(new SentMessage(
                    m.GetProperty("senderId").GetInt64(),
                    m.GetProperty("clientId").GetString()!,
                    m.GetProperty("text").GetString()!,
                    m.GetProperty("id").GetInt64(),
                    m.GetProperty("seq").GetInt64()));
            }

            after = all[^1].Seq;
        }
    }

    private sealed record SentMessage(long SenderId, string ClientId, string Text, long Id, long Seq);
}

/// <summary>The crash test runs alone, so that other server processes do not starve it of CPU.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashSafetyCollection
{
    public const string Name = "Crash safety";
}
