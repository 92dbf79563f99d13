using Hallway.Core.Accounts;
using Hallway.Core.Presence;
using Hallway.Core.Storage;
using Hallway.Server.Hosting;
using Hallway.Server.Realtime;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Compat.School;

/// <summary>
/// GET /ws/{user_id}. The original accepts anyone claiming any user id, and its desktop client
/// sends no token there. Hallway binds the socket to a session before it carries anything:
/// <list type="number">
/// <item>a bearer token (Authorization header or <c>?token=</c>) must belong to user_id, else 403;</item>
/// <item>without one, the user's newest live session opened from the same address (the client
/// signs in over REST from that machine just before it connects);</item>
/// <item>with neither, the socket is anonymous: pongs only, no pushes, no presence.</item>
/// </list>
/// </summary>
public static class SchoolSocketEndpoint
{
    public static void MapSchoolSocket(this IEndpointRouteBuilder app) =>
        app.MapGet("/ws/{userId}", AcceptAsync).ExcludeFromDescription();

    private static async Task AcceptAsync(
        string userId,
        HttpContext http,
        AccountService accounts,
        IHallwayStore store,
        RealtimeHub hub,
        SchoolSockets sockets,
        PresenceTracker presence,
        TimeProvider time,
        IOptions<HallwayOptions> options)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw new SchoolException(400, "This address upgrades to a WebSocket");
        }

        if (!RealtimeEndpoint.SameOrigin(http))
        {
            // A page of another site must not ride on the address binding below.
            throw new SchoolException(403, "WebSocket connections from pages of other sites are refused");
        }

        var id = SchoolMessagesApi.PathId(userId, "user_id");
        var caller = await BindAsync(http, id, accounts, store, time.GetUtcNow());
        var realtime = options.Value.Realtime;
        using var socket = await WebSocketTransportStream.AcceptAsync(http, realtime);
        await new SchoolSocket(socket, caller, realtime, store).RunAsync(hub, sockets, presence);
        await WebSocketTransportStream.FinishAsync(http);
    }

    private static async Task<Caller?> BindAsync(HttpContext http, long userId, AccountService accounts, IHallwayStore store, DateTimeOffset now)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : http.Request.Query["token"].ToString();
        if (token.Length > 0)
        {
            var caller = await accounts.AuthenticateAsync(token, now);
            return caller is not null && caller.Id == userId ? caller : throw new SchoolException(403, "The token does not belong to this user");
        }

        var address = http.Connection.RemoteIpAddress?.ToString();
        if (address is null)
        {
            return null;
        }

        return await store.ReadAsync(r =>
        {
            var user = r.GetUser(userId);
            if (user is null || r.GetCredentials(userId) is not { Disabled: false })
            {
                return null;
            }

            var session = r.ListSessions(userId)
                .Where(s => s.Address == address && s.ExpiresAt > now)
                .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .FirstOrDefault();
            return session is null ? null : new Caller(user, session.Id);
        });
    }
}
