using Hallway.Server.Api;
using Hallway.Server.Hosting;
using Hallway.Server.Realtime;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// GET /text: a WebSocket upgrade becomes an async_chat connection; a plain request gets the small
/// page that speaks it (/text/text.js, /text/text.css, no inline script, so the strict CSP holds).
/// Any origin may connect: the socket carries no cookie and trusts nothing but what is typed into it.
/// </summary>
public static class TextEndpoint
{
    private static readonly (string Path, string Resource, string Type)[] Assets =
    [
        ("/text/text.js", "text.js", "text/javascript; charset=utf-8"),
        ("/text/text.css", "text.css", "text/css; charset=utf-8"),
    ];

    public static void MapTextEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/text", AcceptAsync).ExcludeFromDescription();
        foreach (var (path, resource, type) in Assets)
        {
            app.MapGet(path, (HttpContext http) => Asset(http, resource, type)).ExcludeFromDescription();
        }
    }

    private static async Task AcceptAsync(HttpContext http, TextRoom room, IOptions<HallwayOptions> options)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Asset(http, "text.html", "text/html; charset=utf-8");
            return;
        }

        using var socket = await WebSocketTransportStream.AcceptAsync(http, options.Value.Realtime);
        var connection = new WebSocketTextConnection(socket, room, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!room.TryOpen(connection))
        {
            await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "too many connections", http.RequestAborted);
        }
        else
        {
            await connection.RunAsync();
        }

        await WebSocketTransportStream.FinishAsync(http);
    }

    private static async Task Asset(HttpContext http, string name, string type)
    {
        await using var stream = typeof(TextEndpoint).Assembly.GetManifestResourceStream("Hallway.Server.TextPage." + name);
        if (stream is null)
        {
            await Problems.Write(http, 404, "not_found", "No such page.");
            return;
        }

        http.Response.ContentType = type;
        http.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
