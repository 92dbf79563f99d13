using System.Text;
using System.Text.RegularExpressions;
using Hallway.Core.Files;
using Hallway.Server.Api;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// The built-in sticker set ships as SVG files embedded in the server (src/Hallway.Server/Stickers):
/// each name in Stickers.BuiltIn has its art and no art lies unused; and the art is static.
/// </summary>
public sealed partial class BuiltInStickerArtTests
{
    private const string Prefix = "Hallway.Server.Stickers.";

    [Fact]
    public void EveryBuiltInName_HasEmbeddedArt_AndEveryArtHasAName()
    {
        var embedded = typeof(FilesApi).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal);

        Assert.Equal(Stickers.BuiltIn.Select(n => n + ".svg").Order(StringComparer.Ordinal), embedded);
    }

    /// <summary>
    /// Served with a sandboxed policy anyway, but also shown by the web client: no scripts, no
    /// event handlers, no embedded HTML, nothing fetched from anywhere (only #fragment references).
    /// </summary>
    [Fact]
    public void EmbeddedArt_IsStaticSvgThatFetchesNothing()
    {
        foreach (var name in typeof(FilesApi).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = typeof(FilesApi).Assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var svg = reader.ReadToEnd();

            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.False(Unsafe().IsMatch(svg), $"{name} contains '{Unsafe().Match(svg).Value}'");
            Assert.True(svg.Length < 64 * 1024, $"{name} is {svg.Length} characters: keep the art small");
        }
    }

    [GeneratedRegex(@"<script|<foreignObject|javascript:|\son[a-z]+\s*=|(?:xlink:)?href\s*=\s*[""'](?!#)|url\(\s*[""']?(?!#)|@import", RegexOptions.IgnoreCase)]
    private static partial Regex Unsafe();
}
