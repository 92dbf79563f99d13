using System.Diagnostics;
using System.Text;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>
/// A protocol error ends the socket with its documented close code (PROTOCOL.md §5.10) and a
/// proper closing handshake: the close frame always arrives, and after the client's own close
/// frame the connection ends with a FIN, never a reset. Each case is tried many times over a raw
/// TCP socket, because the failure this guards against was a race (about 1 try in 10).
/// </summary>
public sealed class CloseHandshakeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Tries = 50;

    // A hang guard for a whole loop, not a timing assertion.
    private static readonly TimeSpan LoopGuard = TimeSpan.FromMinutes(3);

    private TestServer Server => fixture.Server;

    public static TheoryData<string, int> ProtocolErrors => new()
    {
        { "invalid-utf8", 1007 },
        { "binary", 1003 },
        { "oversized", 1009 },
    };

    [Theory]
    [MemberData(nameof(ProtocolErrors))]
    public async Task ProtocolError_RightAfterTheUpgrade_AlwaysEndsWithItsCloseFrame_NeverAReset(string error, int code)
    {
        var user = await Server.RegisterAsync();
        await RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, "/ws", user.Token);
            await SendAsync(raw, error);
            await ExpectCloseAsync(raw, code, attempt);
        });
    }

    [Theory]
    [MemberData(nameof(ProtocolErrors))]
    public async Task ProtocolError_AfterHello_AlwaysEndsWithItsCloseFrame_NeverAReset(string error, int code)
    {
        var user = await Server.RegisterAsync();
        await RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, "/ws", user.Token);
            await raw.SendTextAsync("{\"type\":\"hello\",\"id\":\"h\"}");
            Assert.Contains("\"ok\"", await raw.ReadTextAsync());
            await SendAsync(raw, error);
            await ExpectCloseAsync(raw, code, attempt);
        });
    }

    [Fact]
    public async Task MalformedJson_RightAfterTheUpgrade_IsBadJson_AndHelloStillWorks()
    {
        var user = await Server.RegisterAsync();
        await RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, "/ws", user.Token);
            await raw.SendTextAsync("{\"type\":\"hello\",");
            Assert.Contains("bad_json", await raw.ReadTextAsync());
            await raw.SendTextAsync("{\"type\":\"hello\",\"id\":\"h\"}");
            Assert.Contains("\"ok\"", await raw.ReadTextAsync());

            // The client's own close is answered with 1000 and a clean end.
            await raw.SendFrameAsync(8, [0x03, 0xE8]);
            var close = await raw.ReadCloseAsync();
            Assert.True(close is not null, $"try {attempt}: no close frame");
            Assert.Equal(1000, close.Value.Code);
        });
    }

    /// <summary>Sends one frame that breaks the protocol in the way named.</summary>
    internal static Task SendAsync(RawWebSocket raw, string error, int maxFrameBytes = 64 * 1024) => error switch
    {
        "invalid-utf8" => raw.SendFrameAsync(1, [.. "{\"type\":\"hello\",\"id\":\"bad "u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]),
        "binary" => raw.SendFrameAsync(2, Encoding.UTF8.GetBytes("{\"type\":\"hello\",\"id\":\"b\"}")),
        "oversized" => raw.SendFrameAsync(1, [.. "{\"type\":\"hello\",\"id\":\"o\"}"u8, .. Enumerable.Repeat((byte)' ', maxFrameBytes)]),
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    /// <summary>The close frame with <paramref name="code"/> arrives, and answering it ends the connection with a FIN.</summary>
    internal static async Task ExpectCloseAsync(RawWebSocket raw, int code, int attempt)
    {
        var close = await raw.ReadCloseAsync();
        Assert.True(close is not null, $"try {attempt}: the connection ended without a close frame");
        Assert.Equal(code, close.Value.Code);
        Assert.Equal(RawWebSocket.Ending.Fin, await raw.FinishAsync(code));
    }

    internal static async Task RepeatAsync(Func<int, Task> attempt)
    {
        var guard = Stopwatch.StartNew();
        for (var i = 0; i < Tries; i++)
        {
            if (guard.Elapsed > LoopGuard)
            {
                throw new TimeoutException($"Only {i} of {Tries} tries ran within the hang guard.");
            }

            await attempt(i);
        }
    }
}
