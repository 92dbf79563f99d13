using Hallway.Core.Storage;
using Hallway.Server.Api;
using Hallway.Server.Auth;
using Hallway.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Realtime;

public static class RealtimeEndpoint
{
    /// <summary>
    /// GET /ws: authenticated before the upgrade (a request without a valid session gets 401 and no
    /// socket), then handed to a <see cref="WebSocketClient"/> for its lifetime.
    /// </summary>
    public static void MapRealtime(this IEndpointRouteBuilder app) =>
        app.MapGet("/ws", AcceptAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task AcceptAsync(
        HttpContext http,
        RealtimeHub hub,
        RequestHandlers handlers,
        IHallwayStore store,
        TimeProvider time,
        IOptions<HallwayOptions> options,
        ILogger<WebSocketClient> logger)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Problems.Write(http, 400, "websocket_required", "GET /ws upgrades to a WebSocket; plain requests are not served.");
            return;
        }

        if (!SameOrigin(http))
        {
            // A page on another site must not ride on a signed-in user's cookie (cross-site WebSocket hijacking).
            await Problems.Write(http, 403, "origin_not_allowed", "WebSocket connections from pages of other sites are refused.");
            return;
        }

        var realtime = options.Value.Realtime;
        using var socket = await WebSocketTransportStream.AcceptAsync(http, realtime);
        var client = new WebSocketClient(socket, http.Caller(), realtime, hub, handlers, store, time, logger);
        await client.RunAsync();
        await WebSocketTransportStream.FinishAsync(http);
    }

    /// <summary>Browsers send Origin; it must name this server. Other clients send none and pass.</summary>
    internal static bool SameOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length == 0 ||
            (Uri.TryCreate(origin, UriKind.Absolute, out var uri) &&
             string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
