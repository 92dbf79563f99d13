using Hallway.Server.Api;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Compat.School;

/// <summary>
/// Wires the school LAN messenger's API into the server: its REST routes and /ws/{user_id} on the
/// HTTP port, and the UDP discovery answer. With Hallway:School:Enabled=false none of it exists.
/// </summary>
public static class SchoolApi
{
    // First path segments of the school routes; none is a web client page, /api or exactly /ws.
    private static readonly string[] Roots = ["/auth", "/users", "/messages", "/admin"];

    private static readonly Func<HttpContext, int, string, string, Task> ErrorWriter = SchoolErrors.WriteAsync;

    public static void AddSchoolApi(this IServiceCollection services, SchoolApiOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        services.AddSingleton(options);
        services.AddSingleton<SchoolSockets>();
        services.AddSingleton<SchoolDiscovery>();
        services.AddHostedService(sp => sp.GetRequiredService<SchoolDiscovery>());

        // Registered before Hallway's handler, which would take a SchoolException for a 500.
        services.AddExceptionHandler<SchoolExceptionHandler>();
    }

    /// <summary>
    /// Early in the pipeline (routing has run): school requests get the school error writer, so
    /// every error on them is FastAPI-shaped whoever makes it, and POST /messages gets a body limit
    /// that fits a base64 file of Hallway:Files:MaxUploadBytes.
    /// </summary>
    public static void UseSchoolRequests(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HallwayOptions>>().Value;
        if (!options.School.Enabled)
        {
            return;
        }

        var sendLimit = MaxSendBytes(options);
        app.Use(async (http, next) =>
        {
            if (IsSchoolPath(http.Request.Path))
            {
                http.Items[Problems.ErrorWriterKey] = ErrorWriter;
                if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/messages") &&
                    http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = sendLimit;
                }
            }

            await next(http);
        });
    }

    public static void MapSchoolApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<HallwayOptions>>().Value.School.Enabled)
        {
            return;
        }

        _ = app.Services.GetRequiredService<SchoolSockets>(); // subscribes to presence now, not at the first socket
        app.MapSchoolAccounts();
        app.MapSchoolMessages();
        app.MapSchoolSocket();
    }

    /// <summary>base64 of the largest upload, plus the JSON API's own limit for the rest of the body.</summary>
    public static long MaxSendBytes(HallwayOptions options) =>
        ((options.Files.MaxUploadBytes + 2) / 3 * 4) + options.MaxRequestBytes;

    public static bool IsSchoolPath(PathString path) =>
        Array.Exists(Roots, root => path.StartsWithSegments(root)) ||
        (path.StartsWithSegments("/ws", out var rest) && rest.HasValue && rest.Value!.Length > 1);
}
