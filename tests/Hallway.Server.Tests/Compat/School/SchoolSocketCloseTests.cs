using Hallway.Server.Tests.Infrastructure;
using Hallway.Server.Tests.Realtime;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.School;

/// <summary>
/// /ws/{user_id} ends like /ws (see <see cref="CloseHandshakeTests"/>): a frame that breaks the
/// WebSocket protocol, sent right after the upgrade, always gets its close frame (1007 for text
/// that is not UTF-8, 1009 over the frame limit) and, after the client's close frame, a FIN.
/// </summary>
public sealed class SchoolSocketCloseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("invalid-utf8", 1007)]
    [InlineData("oversized", 1009)]
    public async Task ProtocolError_RightAfterTheUpgrade_AlwaysEndsWithItsCloseFrame_NeverAReset(string error, int code)
    {
        var user = await Server.RegisterAsync();
        await CloseHandshakeTests.RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, $"/ws/{user.Id}", user.Token);
            await CloseHandshakeTests.SendAsync(raw, error);
            await CloseHandshakeTests.ExpectCloseAsync(raw, code, attempt);
        });
    }

    [Fact]
    public async Task BinaryFrame_RightAfterTheUpgrade_IsIgnored_AndPingStillPongs()
    {
        var user = await Server.RegisterAsync();
        await CloseHandshakeTests.RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, $"/ws/{user.Id}", user.Token);
            await CloseHandshakeTests.SendAsync(raw, "binary");
            await raw.SendTextAsync("ping");
            Assert.Equal("pong", await raw.ReadTextAsync());
            await raw.SendFrameAsync(8, [0x03, 0xE8]);
            Assert.Equal(1000, (await raw.ReadCloseAsync())?.Code);
        });
    }
}
