using Hallway.Server.Tests.Infrastructure;
using Hallway.Server.Tests.Realtime;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// The /text WebSocket ends like /ws (see <see cref="CloseHandshakeTests"/>): text that is not
/// UTF-8, sent right after the upgrade, always gets its 1007 close frame, and an over-long line
/// its reply and a 1000 close frame; after the client's close frame the connection ends with a
/// FIN, never a reset.
/// </summary>
public sealed class TextSocketCloseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task InvalidUtf8_RightAfterTheUpgrade_AlwaysEndsWith1007_NeverAReset() =>
        await CloseHandshakeTests.RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, "/text");
            await CloseHandshakeTests.SendAsync(raw, "invalid-utf8");
            await CloseHandshakeTests.ExpectCloseAsync(raw, 1007, attempt);
        });

    [Fact]
    public async Task OverLongLine_RightAfterTheUpgrade_IsAnsweredThenClosedWith1000_NeverAReset() =>
        await CloseHandshakeTests.RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, "/text");
            await raw.SendTextAsync(new string('x', 8193));
            var close = await raw.ReadCloseAsync();
            Assert.True(close is not null, $"try {attempt}: the connection ended without a close frame");
            Assert.Contains(close.Value.Before, frame => frame.Contains("Line longer than 8192 bytes!", StringComparison.Ordinal));
            Assert.Equal(1000, close.Value.Code);
            Assert.Equal(RawWebSocket.Ending.Fin, await raw.FinishAsync(1000));
        });

    [Fact]
    public async Task BinaryFrame_RightAfterTheUpgrade_IsRefused_AndTheSocketStaysOpen() =>
        await CloseHandshakeTests.RepeatAsync(async attempt =>
        {
            using var raw = await RawWebSocket.ConnectAsync(Server.BaseAddress, "/text");
            await CloseHandshakeTests.SendAsync(raw, "binary");
            Assert.Contains("Send commands as text frames!", await raw.ReadTextAsync());
            await raw.SendFrameAsync(8, [0x03, 0xE8]);
            Assert.Equal(1000, (await raw.ReadCloseAsync())?.Code);
        });
}
