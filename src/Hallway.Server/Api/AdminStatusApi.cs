using Hallway.Core.Admin;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Hallway.Server.Compat.Text;
using Hallway.Server.Files;
using Hallway.Server.Hosting;
using Hallway.Server.Realtime;
using Hallway.Storage.Sqlite;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Api;

/// <summary>Admin only: how the server is doing (counts, who is connected, disk use).</summary>
public static class AdminStatusApi
{
    public static void MapAdminStatusApi(this RouteGroupBuilder api) => api.MapGet("/status", StatusAsync);

    private static async Task<Ok<StatusResponse>> StatusAsync(
        HttpContext http, AdminService admin, PresenceTracker presence, RealtimeHub hub, BlobStore blobs, ServerInfo info, IOptions<HallwayOptions> options)
    {
        var counts = await admin.CountsAsync(http.Caller());
        var hubSockets = hub.CountByTransport();

        // The hub holds only logged-in text connections; the room counts them all.
        var (textTotal, textSignedIn) = http.RequestServices.GetService<TextRoom>()?.Counts() ?? (0, 0);
        var sockets = hubSockets with { Total = hubSockets.Total - hubSockets.Text + textTotal, Text = textTotal };
        var database = Path.Combine(options.Value.Data, SqliteStore.FileName);
        return TypedResults.Ok(new StatusResponse(
            HallwayServer.Version,
            info.StartedAt,
            counts.Users,
            counts.Guests,
            counts.DisabledUsers,
            counts.Groups,
            counts.Messages,
            presence.OnlineUsers().Length,
            sockets,
            new TextConnections(textTotal, textSignedIn, textTotal - textSignedIn),
            SizeOf(database) + SizeOf(database + "-wal"),
            blobs.TotalBytes()));
    }

    private static long SizeOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
