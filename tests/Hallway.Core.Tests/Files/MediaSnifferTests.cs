using System.Buffers.Binary;
using System.Text;
using Hallway.Core.Files;

namespace Hallway.Core.Tests.Files;

/// <summary>
/// The sniffer against headers built byte by byte from the format specifications (PNG: RFC 2083;
/// GIF89a; JPEG: ITU T.81 markers; WebP: RFC 9649 RIFF container, VP8 / VP8L / VP8X), so each
/// expected width and height is known from how the bytes were written.
/// </summary>
public sealed class MediaSnifferTests
{
    private const string Download = "application/octet-stream";

    /// <summary>
    /// A real 3×2 RGB PNG written by Python's zlib (struct + zlib.compress + zlib.crc32):
    /// <c>b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", compress(rows, 9)) + chunk(b"IEND", b"")</c>.
    /// </summary>
    private const string PythonPng = "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR42mP4z8DAAMFwFgA72AX7NhGY6gAAAABJRU5ErkJggg==";

    [Fact]
    public void Png_MadeByZlib_IsA3x2Image()
    {
        var kind = MediaSniffer.Sniff(Convert.FromBase64String(PythonPng));

        Assert.Equal(new MediaKind("image/png", 3, 2), kind);
        Assert.True(kind.IsImage);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1920, 1080)]
    [InlineData(65535, 7)]
    public void Png_SizeComesFromIhdr(int width, int height) =>
        Assert.Equal(new MediaKind("image/png", width, height), MediaSniffer.Sniff(Png(width, height)));

    [Fact]
    public void Png_WithoutIhdrFirst_IsADownload()
    {
        var png = Png(10, 10);
        Encoding.ASCII.GetBytes("tEXt").CopyTo(png, 12);

        Assert.Equal(Download, MediaSniffer.Sniff(png).MediaType);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("9")]
    public void Gif_87aAnd89a_SizeComesFromTheLogicalScreen(string version)
    {
        var gif = Encoding.ASCII.GetBytes($"GIF8{version}a").Concat(new byte[] { 0x40, 0x01, 0xF0, 0x00, 0x80, 0, 0 }).ToArray(); // 320 × 240, little-endian

        Assert.Equal(new MediaKind("image/gif", 320, 240), MediaSniffer.Sniff(gif));
    }

    [Fact]
    public void Gif_OtherVersion_IsADownload() =>
        Assert.Equal(Download, MediaSniffer.Sniff(Encoding.ASCII.GetBytes("GIF88a").Concat(new byte[] { 1, 0, 1, 0, 0, 0, 0 }).ToArray()).MediaType);

    [Fact]
    public void Jpeg_Baseline_SizeComesFromSof0()
    {
        var jpeg = Jpeg(Segment(0xE0, Jfif()), Sof(0xC0, width: 1024, height: 768));

        Assert.Equal(new MediaKind("image/jpeg", 1024, 768), MediaSniffer.Sniff(jpeg));
    }

    [Fact]
    public void Jpeg_BigExifSegmentBeforeTheFrame_IsSkippedByLength()
    {
        // A camera's APP1: "Exif\0\0" and ~60 KB of TIFF data, which itself contains 0xFF bytes.
        var exif = Encoding.ASCII.GetBytes("Exif\0\0").Concat(Enumerable.Repeat((byte)0xFF, 60_000)).ToArray();
        var jpeg = Jpeg(Segment(0xE1, exif), Segment(0xDB, new byte[65]), Sof(0xC0, width: 4032, height: 3024));

        Assert.Equal(new MediaKind("image/jpeg", 4032, 3024), MediaSniffer.Sniff(jpeg));
    }

    [Fact]
    public void Jpeg_Progressive_SizeComesFromSof2_AfterTablesAndComments()
    {
        var jpeg = Jpeg(Segment(0xE0, Jfif()), Segment(0xFE, Encoding.ASCII.GetBytes("made by a test")), Segment(0xC4, new byte[30]), Sof(0xC2, width: 17, height: 4000));

        Assert.Equal(new MediaKind("image/jpeg", 17, 4000), MediaSniffer.Sniff(jpeg));
    }

    [Fact]
    public void Jpeg_FillBytesBeforeMarkers_AreSkipped()
    {
        // T.81 B.1.1.2: any marker may be preceded by any number of 0xFF fill bytes.
        var jpeg = Jpeg([0xFF, 0xFF, 0xFF, .. Segment(0xE0, Jfif())], [0xFF, 0xFF, .. Sof(0xC1, width: 300, height: 200)]);

        Assert.Equal(new MediaKind("image/jpeg", 300, 200), MediaSniffer.Sniff(jpeg));
    }

    [Fact]
    public void Jpeg_DhtAndDacMarkers_AreNotFrames()
    {
        // 0xC4 (DHT), 0xC8 (JPG) and 0xCC (DAC) sit among the SOFn codes but carry no size.
        var jpeg = Jpeg(Segment(0xC4, [0, 0, 0, 0, 0, 0]), Segment(0xCC, [0, 0, 0, 0, 0, 0]), Sof(0xC0, width: 9, height: 8));

        Assert.Equal(new MediaKind("image/jpeg", 9, 8), MediaSniffer.Sniff(jpeg));
    }

    [Theory]
    [InlineData("no frame")] // SOI, APP0, then EOI
    [InlineData("scan first")] // SOS before any SOFn
    [InlineData("cut in the frame")]
    [InlineData("cut in a length")]
    [InlineData("length past the end")]
    [InlineData("zero size")]
    [InlineData("bad length")]
    [InlineData("garbage between segments")]
    public void Jpeg_WithoutAReadableFrame_IsADownload(string shape)
    {
        byte[] jpeg = shape switch
        {
            "no frame" => Jpeg(Segment(0xE0, Jfif())),
            "scan first" => Jpeg(Segment(0xE0, Jfif()), Segment(0xDA, new byte[10]), Sof(0xC0, 10, 10)),
            "cut in the frame" => Jpeg(Segment(0xE0, Jfif()), Sof(0xC0, 10, 10))[..^8], // EOI and the frame's last six bytes
            "cut in a length" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00],
            "length past the end" => [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0, 1, 2, 3],
            "zero size" => Jpeg(Sof(0xC0, width: 0, height: 10)),
            "bad length" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, .. Sof(0xC0, 10, 10)],
            _ => Jpeg([.. Segment(0xE0, Jfif()), 0x00, 0x42, .. Sof(0xC0, 10, 10)]),
        };

        Assert.Equal(Download, MediaSniffer.Sniff(jpeg).MediaType);
    }

    [Fact]
    public void WebP_LossyVp8_SizeComesFromTheKeyFrameHeader()
    {
        // VP8 frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height (top two bits: scale).
        byte[] frame = [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A, .. U16(640 | (1 << 14)), .. U16(480 | (2 << 14)), 0, 0];

        Assert.Equal(new MediaKind("image/webp", 640, 480), MediaSniffer.Sniff(Riff("VP8 ", frame)));
    }

    [Fact]
    public void WebP_LossyVp8_WithoutTheStartCode_IsADownload()
    {
        byte[] frame = [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2B, .. U16(640), .. U16(480), 0, 0];

        Assert.Equal(Download, MediaSniffer.Sniff(Riff("VP8 ", frame)).MediaType);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(400, 301)]
    [InlineData(16384, 16384)] // the most 14 bits of "size - 1" can say
    public void WebP_LosslessVp8l_SizeComesFrom14BitFields(int width, int height)
    {
        // VP8L: signature 0x2F, then bits 0-13 width-1, bits 14-27 height-1, bit 28 alpha, bits 29-31 version 0.
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14) | (1u << 28);
        byte[] data = [0x2F, .. U32(bits), 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(new MediaKind("image/webp", width, height), MediaSniffer.Sniff(Riff("VP8L", data)));
    }

    [Fact]
    public void WebP_LosslessWithoutItsSignature_IsADownload() =>
        Assert.Equal(Download, MediaSniffer.Sniff(Riff("VP8L", [0x2E, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).MediaType);

    [Fact]
    public void WebP_ExtendedVp8x_SizeComesFromThe24BitCanvas()
    {
        // VP8X: flags byte, 3 reserved bytes, canvas width-1 and height-1 as 24-bit little-endian.
        byte[] data = [0x10, 0, 0, 0, .. U24(2999), .. U24(1999)];

        Assert.Equal(new MediaKind("image/webp", 3000, 2000), MediaSniffer.Sniff(Riff("VP8X", data)));
    }

    [Fact]
    public void WebP_ExtendedCanvasBeyondTheLargestSide_IsADownload()
    {
        byte[] data = [0x10, 0, 0, 0, .. U24(70_000), .. U24(10)];

        Assert.Equal(Download, MediaSniffer.Sniff(Riff("VP8X", data)).MediaType);
    }

    [Fact]
    public void WebP_UnknownChunk_IsADownload() =>
        Assert.Equal(Download, MediaSniffer.Sniff(Riff("ALPH", new byte[20])).MediaType);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(65536, 10)]
    [InlineData(10, 65536)]
    [InlineData(int.MaxValue, 1)]
    public void Png_WithZeroOrOversizedDimensions_IsADownload(int width, int height) =>
        Assert.Equal(new MediaKind(Download, null, null), MediaSniffer.Sniff(Png(width, height)));

    [Fact]
    public void Png_WithA32BitWidth_IsADownload()
    {
        var png = Png(1, 1);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 0xFFFFFFFF);

        Assert.Equal(Download, MediaSniffer.Sniff(png).MediaType);
    }

    [Fact]
    public void Gif_WithZeroSize_IsADownload() =>
        Assert.Equal(Download, MediaSniffer.Sniff(Encoding.ASCII.GetBytes("GIF89a").Concat(new byte[] { 0, 0, 5, 0, 0, 0, 0 }).ToArray()).MediaType);

    [Theory]
    [InlineData("png")]
    [InlineData("gif")]
    [InlineData("webp")]
    [InlineData("jpeg")]
    public void TruncatedHeaders_AreDownloads(string format)
    {
        byte[] bytes = format switch
        {
            "png" => Png(10, 10)[..20],
            "gif" => Encoding.ASCII.GetBytes("GIF89a\x0A\x00\x0A"),
            "webp" => Riff("VP8X", [0x10, 0, 0, 0, .. U24(99), .. U24(99)])[..28],
            _ => [0xFF, 0xD8, 0xFF],
        };

        Assert.Equal(Download, MediaSniffer.Sniff(bytes).MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")]
    [InlineData("<!DOCTYPE html><html><body>hi</body></html>")]
    [InlineData("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj")]
    [InlineData("just some text that someone named photo.png")]
    [InlineData("BM6\u0000\u0000\u0000")] // BMP: an image, but not one served inline
    [InlineData("RIFF\u0000\u0000\u0000\u0000WAVEfmt ")] // RIFF, but audio
    public void NonImages_AreDownloads(string text) =>
        Assert.Equal(new MediaKind(Download, null, null), MediaSniffer.Sniff(Encoding.Latin1.GetBytes(text)));

    [Fact]
    public void RandomGarbage_IsADownload()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            Assert.Equal(Download, MediaSniffer.Sniff(bytes).MediaType);
        }
    }

    [Fact]
    public void RandomBytesAfterAnImageSignature_NeverThrow()
    {
        var random = new Random(7);
        byte[][] signatures = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], "GIF89a"u8.ToArray(), "RIFF\0\0\0\0WEBPVP8X"u8.ToArray()];
        foreach (var signature in signatures)
        {
            for (var i = 0; i < 300; i++)
            {
                var tail = new byte[random.Next(0, 64)];
                random.NextBytes(tail);
                var kind = MediaSniffer.Sniff([.. signature, .. tail]);
                Assert.True(kind.MediaType == Download || kind is { Width: > 0 and <= MediaSniffer.MaxSide, Height: > 0 and <= MediaSniffer.MaxSide });
            }
        }
    }

    [Fact]
    public void Sniff_ReadsFromTheStartOfAStreamWhereverItIs()
    {
        using var stream = new MemoryStream(Png(5, 6));
        stream.Position = 10;

        Assert.Equal(new MediaKind("image/png", 5, 6), MediaSniffer.Sniff(stream));
    }

    private static byte[] Png(int width, int height)
    {
        var png = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8), 13); // IHDR data length
        "IHDR"u8.CopyTo(png.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), (uint)height);
        png[24] = 8; // bit depth; colour type, compression, filter, interlace 0; CRC left zero (not checked)
        png[25] = 2;
        return png;
    }

    private static byte[] Jpeg(params byte[][] segments) => [0xFF, 0xD8, .. segments.SelectMany(s => s), 0xFF, 0xD9];

    /// <summary>A marker segment: FF, marker, big-endian length (counting itself), data.</summary>
    private static byte[] Segment(byte marker, byte[] data) => [0xFF, marker, .. U16BigEndian(data.Length + 2), .. data];

    /// <summary>A start-of-frame segment: precision 8, height, width, one component.</summary>
    private static byte[] Sof(byte marker, int width, int height) =>
        Segment(marker, [8, .. U16BigEndian(height), .. U16BigEndian(width), 1, 1, 0x11, 0]);

    private static byte[] Jfif() => [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0];

    /// <summary>"RIFF", file size, "WEBP", then one chunk: FourCC, little-endian size, data.</summary>
    private static byte[] Riff(string fourCc, byte[] data) =>
        [.. "RIFF"u8, .. U32((uint)(4 + 8 + data.Length)), .. "WEBP"u8, .. Encoding.ASCII.GetBytes(fourCc), .. U32((uint)data.Length), .. data];

    private static byte[] U16(int value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] U16BigEndian(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static byte[] U32(uint value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
}
