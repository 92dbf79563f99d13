using System.Net;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Hallway.Server.Hosting;

/// <summary>
/// Serves the web client built into wwwroot next to the server's assembly: hashed assets cached
/// for a year, index.html never cached, and every non-API page address answered with index.html
/// (the client routes). Assets go out as the build's Brotli or gzip copies when the browser takes
/// them (<see cref="PrecompressedAssets"/>). Strict security headers on everything.
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

    /// <summary>
    /// The web client's routes (src/Hallway.Web/src/views/App.tsx). <c>/reset</c> is where an
    /// admin-issued reset link opens (its token after '#', read by the page); the <c>/admin</c>
    /// pages are the admin panel's sections (the page itself refuses anyone who is not an admin).
    /// </summary>
    public static readonly string[] Pages =
    [
        "/", "/login", "/register", "/forgot", "/reset", "/help", "/settings", "/contacts", "/chats/{chatId:long}", "/chats/{chatId:long}/info",
        "/admin", "/admin/status", "/admin/users", "/admin/groups", "/admin/reports", "/admin/safeguarding", "/admin/safeguarding/{chatId:long}", "/admin/audit", "/admin/settings",
    ];

    public static bool IsBuilt => File.Exists(Path.Combine(Root, "index.html"));

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (IsTrustworthyOrigin(http.Request))
            {
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
            }

            await next(http);
        });

    /// <summary>
    /// Whether the browser counts the page's origin as potentially trustworthy (HTTPS, or a
    /// loopback name). Elsewhere, as on plain HTTP at a LAN address, Chromium ignores
    /// Cross-Origin-Opener-Policy and logs a console error for it on every page load, so it is only
    /// sent where it takes effect.
    /// </summary>
    public static bool IsTrustworthyOrigin(HttpRequest request)
    {
        if (request.IsHttps)
        {
            return true;
        }

        var host = request.Host.Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    public static void MapWebClient(this WebApplication app)
    {
        if (!IsBuilt)
        {
            app.MapGet("/", () => TypedResults.Content(LandingPage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
            return;
        }

        var files = new PhysicalFileProvider(Root);
        var precompressed = PrecompressedAssets.Find(Root);
        app.Use(precompressed.NegotiateAsync);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = PrecompressedAssets.ContentTypes(new FileExtensionContentTypeProvider()),
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments(PrecompressedAssets.Prefix)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                PrecompressedAssets.PrepareResponse(context.Context);
            },
        });

        // The client's page addresses load the app; they are listed rather than caught all, so
        // unknown addresses stay 404 and a wrong method on an API route stays 405.
        var index = files.GetFileInfo("index.html");
        foreach (var page in Pages)
        {
            app.MapGet(page, async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.SendFileAsync(index);
            }).ExcludeFromDescription();
        }
    }
}
