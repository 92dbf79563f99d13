using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Hallway.Server.Hosting;

/// <summary>
/// Serves the web client built into wwwroot next to the server's assembly: hashed assets cached
/// for a year, index.html never cached, and every non-API page address answered with index.html
/// (the client routes). Strict security headers on everything.
/// </summary>
public static class WebClient
{
    /// <summary>
    /// Nothing may load from another origin: scripts and styles only from this server, no inline
    /// script, no plugins, no framing. connect-src 'self' covers the same-origin WebSocket.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static bool IsBuilt => File.Exists(Path.Combine(Root, "index.html"));

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next(http);
        });

    public static void MapWebClient(this WebApplication app)
    {
        if (!IsBuilt)
        {
            app.MapGet("/", () => TypedResults.Content(LandingPage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
            return;
        }

        var files = new PhysicalFileProvider(Root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
                context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache",
        });

        // Page addresses (/, /login, /chats/12...) all load the app; API and socket paths never do.
        app.MapFallback(async http =>
        {
            var path = http.Request.Path;
            if (!HttpMethods.IsGet(http.Request.Method) || path.StartsWithSegments("/api") || path.StartsWithSegments("/ws") || Path.HasExtension(path.Value))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.SendFileAsync(files.GetFileInfo("index.html"));
        }).ExcludeFromDescription();
    }
}
