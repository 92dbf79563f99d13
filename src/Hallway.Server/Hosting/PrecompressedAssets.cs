using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Hallway.Server.Hosting;

/// <summary>
/// Sends the Brotli or gzip copy the web client's build wrote beside a hashed asset
/// (src/Hallway.Web/scripts/precompress.mjs) when the request's Accept-Encoding takes it.
/// Nothing is compressed per request: the server's CPU goes to the thirty phones joining, not to
/// squeezing the same script thirty times.
/// </summary>
/// <remarks>
/// It runs just before the static file middleware and reuses it: a negotiated request's path is
/// pointed at <c>NAME.br</c> or <c>NAME.gz</c>, <see cref="ContentTypes"/> gives that file the
/// original's type, and <see cref="PrepareResponse"/> adds Content-Encoding and Vary. So preconditions,
/// HEAD and the file sending are StaticFiles' own.
/// <para>
/// ETag and Last-Modified are kept as StaticFiles makes them, from each variant's own file
/// (length and time), so the br, gzip and plain bytes carry different validators (the tests check)
/// and a 304 answers for the copy that was asked for. The names are content hashes served
/// immutable, so browsers seldom revalidate them anyway.
/// </para>
/// <para>
/// Range is ignored on an encoded response (a full 200, without Accept-Ranges): ranges would count
/// bytes of the compressed copy, which no one asks for of a script or a stylesheet. The plain
/// response keeps StaticFiles' range support.
/// </para>
/// </remarks>
internal sealed class PrecompressedAssets
{
    public const string Prefix = "/assets";

    private static readonly object ChoiceKey = new();

    // Request path ("/assets/NAME") to the copies beside it. wwwroot is the build's output and does
    // not change while the server runs, so it is read once. Case-insensitively: on Windows the file
    // system answers /assets/Index-X.js too, and elsewhere such a path is a 404 either way.
    private readonly FrozenDictionary<string, Codings> _files;

    private PrecompressedAssets(FrozenDictionary<string, Codings> files) => _files = files;

    [Flags]
    internal enum Codings
    {
        None = 0,
        Brotli = 1,
        Gzip = 2,
    }

    /// <summary>The assets under <paramref name="root"/>/assets that have a .br or .gz copy.</summary>
    public static PrecompressedAssets Find(string root)
    {
        var assets = Path.Combine(root, Prefix.TrimStart('/'));
        var files = new Dictionary<string, Codings>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(assets))
        {
            foreach (var file in Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories))
            {
                if (IsVariant(file))
                {
                    continue;
                }

                var codings = (File.Exists(file + ".br") ? Codings.Brotli : Codings.None) | (File.Exists(file + ".gz") ? Codings.Gzip : Codings.None);
                if (codings != Codings.None)
                {
                    files["/" + Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')] = codings;
                }
            }
        }

        return new PrecompressedAssets(files.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The static file middleware's types, with NAME.br and NAME.gz typed as NAME: the variant is
    /// the same script or stylesheet, only encoded (Content-Encoding says how).
    /// </summary>
    public static IContentTypeProvider ContentTypes(IContentTypeProvider types) => new VariantTypes(types);

    /// <summary>Middleware: picks the variant for a GET or HEAD of an asset that has them.</summary>
    public async Task NegotiateAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments(Prefix) || !request.Path.HasValue)
        {
            await next(http);
            return;
        }

        var path = request.Path.Value;

        // The copies are how an asset is sent, not addresses of the app.
        if (IsVariant(path))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !_files.TryGetValue(path, out var available))
        {
            await next(http);
            return;
        }

        var choice = Choose(request.Headers.AcceptEncoding, available);
        http.Items[ChoiceKey] = choice;
        if (choice == Codings.None)
        {
            await next(http);
            return;
        }

        request.Path = new PathString(path + (choice == Codings.Brotli ? ".br" : ".gz"));
        request.Headers.Range = StringValues.Empty;
        request.Headers.IfRange = StringValues.Empty;
        try
        {
            await next(http);
        }
        finally
        {
            request.Path = new PathString(path);
        }
    }

    /// <summary>From the static file middleware's OnPrepareResponse: the headers of a negotiated asset.</summary>
    public static void PrepareResponse(HttpContext http)
    {
        if (http.Items[ChoiceKey] is not Codings choice)
        {
            return;
        }

        var headers = http.Response.Headers;
        // Every answer for an asset with copies depends on Accept-Encoding, the plain one too:
        // a cache must not hand the plain bytes' entry to a browser that asked for br, or back.
        headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (choice != Codings.None)
        {
            headers.ContentEncoding = choice == Codings.Brotli ? "br" : "gzip";
            headers.Remove(HeaderNames.AcceptRanges);
        }
    }

    /// <summary>
    /// The coding to send given the request's Accept-Encoding (RFC 9110 §12.5.3), among those
    /// <paramref name="available"/>; <see cref="Codings.None"/> is the plain bytes. Each coding
    /// weighs its own q, else the q of <c>*</c>, else 0; identity weighs its own q, else <c>*</c>'s,
    /// else 1. The highest weight wins, Brotli before gzip before identity at equal weight
    /// (smaller first). No header, an empty or malformed one, or one that refuses everything gives
    /// the plain bytes: a 406 helps no browser, and a server may disregard the header.
    /// </summary>
    internal static Codings Choose(StringValues acceptEncoding, Codings available)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding) || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted))
        {
            return Codings.None;
        }

        double? brotli = null, gzip = null, identity = null, any = null;
        foreach (var coding in accepted)
        {
            var q = coding.Quality ?? 1;
            var name = coding.Value;
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                brotli = Math.Max(brotli ?? 0, q);
            }
            else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = Math.Max(gzip ?? 0, q);
            }
            else if (name.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                identity = Math.Max(identity ?? 0, q);
            }
            else if (name.Equals("*", StringComparison.Ordinal))
            {
                any = Math.Max(any ?? 0, q);
            }
        }

        var qBrotli = available.HasFlag(Codings.Brotli) ? brotli ?? any ?? 0 : 0;
        var qGzip = available.HasFlag(Codings.Gzip) ? gzip ?? any ?? 0 : 0;
        var qIdentity = identity ?? any ?? 1;

        if (qBrotli > 0 && qBrotli >= qGzip && qBrotli >= qIdentity)
        {
            return Codings.Brotli;
        }

        return qGzip > 0 && qGzip >= qIdentity ? Codings.Gzip : Codings.None;
    }

    private static bool IsVariant(string path) =>
        path.EndsWith(".br", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private sealed class VariantTypes(IContentTypeProvider types) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string contentType) =>
            types.TryGetContentType(subpath.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase) && IsVariant(subpath) ? subpath[..^3] : subpath, out contentType);
    }
}
