using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Hallway.Server.Hosting;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;
using Microsoft.Extensions.Primitives;
using Codings = Hallway.Server.Hosting.PrecompressedAssets.Codings;
using WebClient = Hallway.Server.Hosting.WebClient;

namespace Hallway.Server.Tests.Web;

/// <summary>
/// The web client's hashed assets go out as the build's Brotli or gzip copies, chosen by
/// Accept-Encoding, with the plain bytes' type and cache headers. Needs the built web client
/// (this project builds it unless SkipWebClient=true).
/// </summary>
public sealed partial class PrecompressedAssetsTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private const string Immutable = "public, max-age=31536000, immutable";

    // Decompression off: the test sees the bytes as sent and decodes them itself.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
    {
        BaseAddress = fixture.Server.BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => _http.Dispose();

    public static TheoryData<string?, string?> Requests => new()
    {
        { "br", "br" },
        { "gzip", "gzip" },
        { "br, gzip", "br" },
        { "gzip, deflate, br, zstd", "br" },
        { "gzip;q=1, br;q=0", "gzip" },
        { "identity", null },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task EntryScriptAndStylesheet_AreSentAsNegotiated_WithTheSameBytes(string? acceptEncoding, string? expected)
    {
        foreach (var (asset, type) in await InitialAssetsAsync())
        {
            using var plain = await GetAsync(asset, "identity");
            var plainBytes = await plain.Content.ReadAsByteArrayAsync();
            using var response = await GetAsync(asset, acceptEncoding);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
            Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Immutable, response.Headers.CacheControl?.ToString());
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Equal(WebClient.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(plainBytes, Decode(body, expected));
            if (expected is not null)
            {
                Assert.True(body.Length < plainBytes.Length, $"{asset} as {expected} is {body.Length} bytes, the plain file {plainBytes.Length}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Head_GivesTheSameHeadersAsGet(string? acceptEncoding, string? expected)
    {
        var (script, _) = (await InitialAssetsAsync())[0];
        using var get = await GetAsync(script, acceptEncoding);
        using var head = await SendAsync(HttpMethod.Head, script, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected is null ? [] : [expected], head.Content.Headers.ContentEncoding);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(["Accept-Encoding"], head.Headers.Vary);
        Assert.Equal(Immutable, head.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData(".br")]
    [InlineData(".gz")]
    [InlineData(".BR")]
    public async Task TheCopiesThemselves_Are404(string suffix)
    {
        var (script, _) = (await InitialAssetsAsync())[0];
        Assert.True(File.Exists(Path.Combine(WebClient.Root, script.TrimStart('/') + suffix.ToLowerInvariant())), $"the build wrote no {script}{suffix}");

        using var get = await GetAsync(script + suffix, "br, gzip");
        using var head = await SendAsync(HttpMethod.Head, script + suffix, null);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task EachVariant_HasItsOwnValidator_AndRevalidatesAsItself()
    {
        var (script, _) = (await InitialAssetsAsync())[0];
        using var br = await GetAsync(script, "br");
        using var gzip = await GetAsync(script, "gzip");
        using var plain = await GetAsync(script, null);
        Assert.Equal(3, new[] { br.Headers.ETag!.Tag, gzip.Headers.ETag!.Tag, plain.Headers.ETag!.Tag }.Distinct().Count());

        using var again = await SendAsync(HttpMethod.Get, script, "br", r => r.Headers.IfNoneMatch.Add(br.Headers.ETag));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(["Accept-Encoding"], again.Headers.Vary);

        // The br copy's validator does not match the gzip copy.
        using var other = await SendAsync(HttpMethod.Get, script, "gzip", r => r.Headers.IfNoneMatch.Add(br.Headers.ETag));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(["gzip"], other.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Range_IsIgnoredWhenEncoded_AndHonouredOnThePlainFile()
    {
        var (script, _) = (await InitialAssetsAsync())[0];
        using var plainFull = await GetAsync(script, null);
        using var encodedFull = await GetAsync(script, "br");

        using var encoded = await SendAsync(HttpMethod.Get, script, "br", r => r.Headers.Range = new(0, 99));
        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        Assert.Equal(["br"], encoded.Content.Headers.ContentEncoding);
        Assert.Equal(await encodedFull.Content.ReadAsByteArrayAsync(), await encoded.Content.ReadAsByteArrayAsync());
        Assert.False(encoded.Headers.Contains("Accept-Ranges"));

        using var plain = await SendAsync(HttpMethod.Get, script, "identity", r => r.Headers.Range = new(0, 99));
        Assert.Equal(HttpStatusCode.PartialContent, plain.StatusCode);
        Assert.Equal((await plainFull.Content.ReadAsByteArrayAsync())[..100], await plain.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Accept-Encoding"], plain.Headers.Vary);
    }

    [Fact]
    public async Task FilesWithoutCopies_AreSentPlain_WithoutVary()
    {
        AssertBuilt();
        // The public/ files sit at the root, outside /assets; the build compresses only assets.
        // (No image or font is among today's assets; one there would have no copy, like these.)
        using var icon = await GetAsync("/favicon.svg", "br, gzip");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Empty(icon.Content.Headers.ContentEncoding);
        Assert.Empty(icon.Headers.Vary);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);

        using var page = await GetAsync("/", "br, gzip");
        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());

        foreach (var file in Directory.EnumerateFiles(Path.Combine(WebClient.Root, "assets")))
        {
            var ext = Path.GetExtension(file);
            if (ext is ".br" or ".gz" || File.Exists(file + ".br") || File.Exists(file + ".gz"))
            {
                continue;
            }

            using var asset = await GetAsync("/assets/" + Path.GetFileName(file), "br, gzip");
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Empty(asset.Content.Headers.ContentEncoding);
            Assert.Empty(asset.Headers.Vary);
            Assert.Equal(Immutable, asset.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("GZIP", "gzip")]
    [InlineData("gzip, br", "br")] // equal q: Brotli, whatever the order
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0, br;q=0", "identity")]
    [InlineData("br;q=0, gzip;q=0, identity;q=0", "identity")] // nothing acceptable: plain anyway
    [InlineData("*", "br")]
    [InlineData("*;q=0.5, br;q=0", "gzip")]
    [InlineData("*;q=0", "identity")]
    [InlineData("identity;q=0", "identity")] // refuses plain, accepts nothing else
    [InlineData("identity;q=0, *", "br")]
    [InlineData("gzip;q=0.5, identity", "identity")] // plain preferred
    [InlineData("gzip;q=0.5, identity;q=0.5", "gzip")] // equal: the smaller
    [InlineData("deflate, zstd", "identity")]
    [InlineData("", "identity")]
    [InlineData(null, "identity")]
    [InlineData("br;q=nonsense", "identity")]
    public void Choose_HonoursQValues(string? acceptEncoding, string expected) =>
        Assert.Equal(expected, Name(PrecompressedAssets.Choose(new StringValues(acceptEncoding), Codings.Brotli | Codings.Gzip)));

    [Theory]
    [InlineData("br", "gzip", "identity")]
    [InlineData("br, gzip", "gzip", "gzip")]
    [InlineData("*", "gzip", "gzip")]
    [InlineData("gzip", "br", "identity")]
    public void Choose_OnlyAmongTheCopiesThatExist(string acceptEncoding, string available, string expected) =>
        Assert.Equal(expected, Name(PrecompressedAssets.Choose(acceptEncoding, available == "br" ? Codings.Brotli : Codings.Gzip)));

    private static string Name(Codings coding) => coding switch
    {
        Codings.Brotli => "br",
        Codings.Gzip => "gzip",
        _ => "identity",
    };

    private static void AssertBuilt() =>
        Assert.True(
            WebClient.IsBuilt,
            $"The web client is not built: {Path.Combine(WebClient.Root, "index.html")} is missing. Build this project without -p:SkipWebClient=true (or run ./test) so the assets it serves exist.");

    /// <summary>The entry script and the stylesheet index.html names, with their types.</summary>
    private async Task<List<(string Path, string Type)>> InitialAssetsAsync()
    {
        AssertBuilt();
        var html = await _http.GetStringAsync("/");
        var script = ScriptTag().Match(html);
        var style = StylesheetTag().Match(html);
        Assert.True(script.Success, "index.html names no /assets/index-*.js entry script:\n" + html);
        Assert.True(style.Success, "index.html names no /assets/*.css stylesheet:\n" + html);
        return [(script.Groups[1].Value, "text/javascript"), (style.Groups[1].Value, "text/css")];
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding) => SendAsync(HttpMethod.Get, path, acceptEncoding);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? acceptEncoding, Action<HttpRequestMessage>? more = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        more?.Invoke(request);
        return await _http.SendAsync(request);
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is null)
        {
            return body;
        }

        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("""<script\b[^>]*\bsrc="(/assets/index-[^"]+\.js)"[^>]*>""")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(/assets/[^"]+\.css)"[^>]*>""")]
    private static partial Regex StylesheetTag();
}
