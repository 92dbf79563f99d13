using System.Buffers.Binary;
using Hallway.Core.Common;
using Hallway.Core.Files;
using Hallway.Testing;

namespace Hallway.Core.Tests.Files;

/// <summary>
/// The lossless metadata filter against real photos tagged by exiftool (GPS, serial, make/model,
/// XMP, comments, Orientation 6): nothing identifying survives, the orientation does, the image
/// data is byte for byte the same, and malformed files are refused, never passed through.
/// </summary>
public sealed class ImageMetadataFilterTests
{
    private static async Task<byte[]> Filter(byte[] input, ImageFormat expected)
    {
        var (format, output) = await ImageMetadataFilter.FilterAsync(input);
        Assert.Equal(expected, format);
        return output;
    }

    private static void AssertNoSecrets(byte[] output)
    {
        foreach (var secret in MetadataImages.Secrets)
        {
            Assert.False(MetadataImages.Contains(output, secret), $"\"{secret}\" survived the filter");
        }
    }

    [Fact]
    public async Task Jpeg_LosesExifGpsSerialXmpAndComment_KeepsOrientationAndImageData()
    {
        var input = MetadataImages.Jpeg();
        Assert.True(MetadataImages.Contains(input, MetadataImages.Serial)); // the fixture is what it claims
        Assert.Contains(MetadataImages.JpegSegments(input), s => s.Marker == 0xFE);

        var output = await Filter(input, ImageFormat.Jpeg);

        AssertNoSecrets(output);
        var segments = MetadataImages.JpegSegments(output);
        Assert.DoesNotContain(segments, s => s.Marker == 0xFE || s.Marker is >= 0xE3 and <= 0xEF and not 0xEE);
        var app1 = Assert.Single(segments, s => s.Marker == 0xE1);
        Assert.Equal("Exif\0\0"u8.ToArray(), app1.Payload[..6]);
        var tiff = app1.Payload[6..];
        Assert.Equal(6, MetadataImages.Orientation(tiff));
        Assert.Equal(1, MetadataImages.Ifd0Count(tiff)); // no Make, Model, ExifIFD or GPS IFD pointer (0x8825)
        Assert.Equal(0xE0, segments[0].Marker); // JFIF still first
        Assert.Equal(MetadataImages.FromStartOfScan(input), MetadataImages.FromStartOfScan(output));
        Assert.Equal(MetadataImages.JpegSegments(input).Where(s => s.Marker is (>= 0xC0 and <= 0xDF)).Select(s => s.Payload),
            segments.Where(s => s.Marker is (>= 0xC0 and <= 0xDF)).Select(s => s.Payload)); // tables and frame untouched
        Assert.Equal(output, await Filter(output, ImageFormat.Jpeg)); // a clean file stays as it is
    }

    [Fact]
    public async Task Jpeg_WithOrientation1OrNone_GetsNoExifAtAll()
    {
        var upright = Assert.Single(MetadataImages.JpegSegments(MetadataImages.Jpeg()), s => s.Marker == 0xE1 && s.Payload.AsSpan().StartsWith("Exif"u8));
        var input = MetadataImages.Jpeg();
        var tiffAt = upright.Offset + 4 + 6;
        var orientationValueAt = FindOrientationValue(input.AsSpan(tiffAt), bigEndian: input[tiffAt] == 'M') + tiffAt;
        BinaryPrimitives.WriteUInt16BigEndian(input.AsSpan(orientationValueAt), 1);

        var output = await Filter(input, ImageFormat.Jpeg);

        Assert.DoesNotContain(MetadataImages.JpegSegments(output), s => s.Marker == 0xE1);
        AssertNoSecrets(output);
    }

    [Fact]
    public async Task Jpeg_KeepsIccAndAdobe_DropsMpfXmpIptcJfxxAndWhatFollowsTheEnd()
    {
        byte[] Seg(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        byte[] icc = [.. "ICC_PROFILE\0"u8, 1, 1, .. new byte[20]];
        byte[] adobe = [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 1];
        byte[] jfifWithThumb = [.. "JFIF\0"u8, 1, 2, 0, 0, 1, 0, 1, 1, 1, 0xAA, 0xBB, 0xCC];
        var plain = MetadataImages.Jpeg();
        var sos = MetadataImages.JpegSegments(plain).First(s => s.Marker is 0xDB or 0xC4 or 0xC0).Offset; // tables, frame, scan
        byte[] input =
        [
            0xFF, 0xD8, .. Seg(0xE0, jfifWithThumb), .. Seg(0xE0, [.. "JFXX\0"u8, 0x10, 1, 2, 3]), .. Seg(0xE2, icc),
            .. Seg(0xE2, [.. "MPF\0"u8, .. "MM\0*"u8]), .. Seg(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x>XmpCreatorName</x>"u8]),
            .. Seg(0xED, [.. "Photoshop 3.0\0"u8, .. "IPTC"u8]), .. Seg(0xEE, adobe), .. Seg(0xEB, [1, 2, 3]),
            .. plain[sos..], .. "trailing Motion Photo video"u8,
        ];

        var output = await Filter(input, ImageFormat.Jpeg);

        var segments = MetadataImages.JpegSegments(output);
        Assert.Equal([0xE0, 0xE2, 0xEE], segments.Where(s => s.Marker >= 0xE0).Select(s => s.Marker));
        Assert.Equal([.. "JFIF\0"u8, 1, 2, 0, 0, 1, 0, 1, 0, 0], segments[0].Payload); // no thumbnail
        Assert.Equal(icc, segments[1].Payload);
        Assert.Equal(adobe, segments[2].Payload);
        Assert.Equal([0xFF, 0xD9], output[^2..]);
        Assert.False(MetadataImages.Contains(output, "Motion"));
        AssertNoSecrets(output);
    }

    [Fact]
    public async Task Png_LosesTextTimeXmpAndExif_KeepsRenderingChunksWholeAndOrientation()
    {
        var input = MetadataImages.Png();
        var types = MetadataImages.PngChunks(input).Select(c => c.Type).ToList();
        Assert.Contains("tEXt", types);
        Assert.Contains("iTXt", types);
        Assert.Contains("tIME", types);

        var output = await Filter(input, ImageFormat.Png);

        AssertNoSecrets(output);
        var chunks = MetadataImages.PngChunks(output);
        Assert.Equal(["IHDR", "gAMA", "cHRM", "bKGD", "eXIf", "IDAT", "IEND"], chunks.Select(c => c.Type));
        foreach (var kept in chunks.Where(c => c.Type != "eXIf"))
        {
            Assert.Contains(MetadataImages.PngChunks(input), c => c.Whole.SequenceEqual(kept.Whole)); // copied whole, CRC included
        }

        var exif = chunks.Single(c => c.Type == "eXIf");
        Assert.Equal(6, MetadataImages.Orientation(exif.Data));
        Assert.Equal(1, MetadataImages.Ifd0Count(exif.Data));
        Assert.Equal(ImageMetadataFilter.Crc32([.. "eXIf"u8, .. exif.Data]), BinaryPrimitives.ReadUInt32BigEndian(exif.Whole.AsSpan(exif.Whole.Length - 4)));
        Assert.Equal(8 + chunks.Sum(c => c.Whole.Length), output.Length);
    }

    [Fact]
    public async Task WebP_LosesExifAndXmp_ClearsTheirFlags_KeepsMinimalOrientationAndFixesTheRiffSize()
    {
        var input = MetadataImages.WebP();
        Assert.True(MetadataImages.Contains(input, MetadataImages.Serial));

        var output = await Filter(input, ImageFormat.WebP);

        AssertNoSecrets(output);
        Assert.Equal(output.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(output.AsSpan(4)));
        var chunks = MetadataImages.RiffChunks(output);
        Assert.Equal(["VP8X", "VP8 ", "EXIF"], chunks.Select(c => c.FourCc));
        Assert.Equal(0x08, chunks[0].Data[0]); // Exif flag on, XMP off
        Assert.Equal(MetadataImages.RiffChunks(input)[0].Data[1..], chunks[0].Data[1..]); // canvas size untouched
        Assert.Equal(MetadataImages.RiffChunks(input)[1].Data, chunks[1].Data); // image data untouched
        Assert.Equal(6, MetadataImages.Orientation(chunks[2].Data));
        Assert.Equal(1, MetadataImages.Ifd0Count(chunks[2].Data));
    }

    [Fact]
    public async Task WebP_ExifWithoutOrientation_IsDroppedWithItsFlag()
    {
        var input = MetadataImages.WebP(ImageMetadataFilter.MinimalTiff(1));

        var output = await Filter(input, ImageFormat.WebP);

        var chunks = MetadataImages.RiffChunks(output);
        Assert.Equal(["VP8X", "VP8 "], chunks.Select(c => c.FourCc));
        Assert.Equal(0, chunks[0].Data[0]);
        Assert.Equal(output.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(output.AsSpan(4)));
    }

    [Fact]
    public async Task WebP_Simple_IsUnchanged()
    {
        var input = MetadataImages.PlainWebP();
        Assert.Equal(input, await Filter(input, ImageFormat.WebP));
    }

    [Fact]
    public async Task Gif_LosesCommentAndXmp_KeepsLoopingAndImageBlocks()
    {
        var input = MetadataImages.LoopingGif();
        Assert.True(MetadataImages.Contains(input, MetadataImages.Comment));
        Assert.True(MetadataImages.Contains(input, "XMP DataXMP"));

        var output = await Filter(input, ImageFormat.Gif);

        AssertNoSecrets(output);
        Assert.True(MetadataImages.Contains(output, "NETSCAPE2.0"));
        Assert.Equal(0x3B, output[^1]);
        var image = output.AsSpan().IndexOf((byte)0x2C);
        Assert.True(input.AsSpan().IndexOf(output.AsSpan(image)) > 0, "the image blocks are copied unchanged");
        Assert.Equal(output, await Filter(output, ImageFormat.Gif));
    }

    [Fact]
    public async Task NotAnImage_IsCopiedUnchanged()
    {
        byte[] input = [.. "%PDF-1.7 not an image, GIF8 JFIF Exif"u8, .. new byte[300_000]];
        Assert.Equal(input, await Filter(input, ImageFormat.None));
        Assert.Equal([0xFF, 0xD8], await Filter([0xFF, 0xD8], ImageFormat.None));
    }

    [Fact]
    public async Task ReadInTinyPieces_GivesTheSameBytes()
    {
        foreach (var input in new[] { MetadataImages.Jpeg(), MetadataImages.Png(), MetadataImages.WebP(), MetadataImages.LoopingGif() })
        {
            var (_, whole) = await ImageMetadataFilter.FilterAsync(input);
            using var output = new MemoryStream();
            await ImageMetadataFilter.FilterAsync(new TrickleStream(input), output);
            Assert.Equal(whole, output.ToArray());
        }
    }

    [Fact]
    public void Orientation_IsReadInBothByteOrders_AndOnlyWhenValid()
    {
        byte[] little = [.. "II*\0"u8, 8, 0, 0, 0, 2, 0, 0x0F, 0x01, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(8, ImageMetadataFilter.ReadOrientation(little));
        Assert.Equal(3, ImageMetadataFilter.ReadOrientation(ImageMetadataFilter.MinimalTiff(3)));
        Assert.Null(ImageMetadataFilter.ReadOrientation(little.AsSpan(0, 30))); // entry cut off
        little[30] = 9;
        Assert.Null(ImageMetadataFilter.ReadOrientation(little)); // out of range
        Assert.Null(ImageMetadataFilter.ReadOrientation("MM\0+\0\0\0\b"u8)); // not TIFF
    }

    public static TheoryData<string, byte[]> Malformed()
    {
        var jpeg = MetadataImages.Jpeg();
        var app1 = MetadataImages.JpegSegments(jpeg).First(s => s.Marker == 0xE1).Offset;
        var lengthPastEnd = jpeg.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(lengthPastEnd.AsSpan(MetadataImages.JpegSegments(jpeg).Last(s => s.Marker != 0xDA).Offset + 2), 0xFFF0);
        var noScan = jpeg[..MetadataImages.JpegSegments(jpeg).Single(s => s.Marker == 0xDA).Offset].Concat(new byte[] { 0xFF, 0xD9 }).ToArray();

        var png = MetadataImages.Png();
        var badLength = png.ToArray();
        var gama = MetadataImages.PngChunks(png).TakeWhile(c => c.Type != "gAMA").Sum(c => c.Whole.Length) + 8;
        BinaryPrimitives.WriteUInt32BigEndian(badLength.AsSpan(gama), 9); // gAMA claims 9 bytes
        var hugeLength = png.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(hugeLength.AsSpan(gama), 0x7FFF0000);
        var noIend = png[..^12];

        var webp = MetadataImages.WebP();
        var riffTooBig = webp.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(riffTooBig.AsSpan(4), (uint)webp.Length + 100);
        var riffTooSmall = webp.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(riffTooSmall.AsSpan(4), 40); // ends inside the VP8 chunk
        var chunkTooBig = webp.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(chunkTooBig.AsSpan(12 + 8 + 10 + 4), 5000); // VP8 chunk size

        var gif = MetadataImages.Gif();
        return new TheoryData<string, byte[]>
        {
            { "jpeg cut inside the Exif segment", jpeg[..(app1 + 100)] },
            { "jpeg cut inside a segment header", jpeg[..(app1 + 3)] },
            { "jpeg segment length past the end", lengthPastEnd },
            { "jpeg without a scan", noScan },
            { "jpeg with garbage between segments", [.. jpeg[..app1], 0x12, .. jpeg[app1..]] },
            { "jpeg signature only", [0xFF, 0xD8, 0xFF] },
            { "png with a bad chunk length", badLength },
            { "png with a chunk length past the end", hugeLength },
            { "png without IEND", noIend },
            { "png not starting with IHDR", [.. png[..8], .. MetadataImages.PngChunks(png)[1].Whole, .. png[8..]] },
            { "png with an unknown critical chunk", [.. png[..33], 0, 0, 0, 0, .. "QQQQ"u8, 0, 0, 0, 0, .. png[33..]] },
            { "webp RIFF size longer than the file", riffTooBig },
            { "webp RIFF size ending inside a chunk", riffTooSmall },
            { "webp chunk longer than the RIFF", chunkTooBig },
            { "webp without image data", [.. "RIFF"u8, 12, 0, 0, 0, .. "WEBP"u8, .. "ICCP"u8, 0, 0, 0, 0] },
            { "gif cut in the image data", gif[..(gif.Length / 2)] },
            { "gif without trailer", gif[..^1] },
            { "gif header only", gif[..13] },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_IsRefusedAsInvalidImage(string what, byte[] input)
    {
        var e = await Assert.ThrowsAsync<HallwayException>(() => ImageMetadataFilter.FilterAsync(input));
        Assert.True(e.Code == "invalid_image", what);
        Assert.Equal(ErrorKind.BadRequest, e.Kind);
    }

    [Fact]
    public async Task Jpeg_CutShortInsideTheScan_IsKeptAsFarAsItGoes()
    {
        var jpeg = MetadataImages.Jpeg()[..^10];

        var output = await Filter(jpeg, ImageFormat.Jpeg);

        Assert.Equal(MetadataImages.FromStartOfScan(jpeg), MetadataImages.FromStartOfScan(output));
    }

    private static int FindOrientationValue(ReadOnlySpan<byte> tiff, bool bigEndian)
    {
        int U16(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
        var ifd = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(tiff[4..]) : BinaryPrimitives.ReadInt32LittleEndian(tiff[4..]);
        for (var i = 0; i < U16(tiff[ifd..]); i++)
        {
            var entry = ifd + 2 + (12 * i);
            if (U16(tiff[entry..]) == 0x0112)
            {
                return entry + 8;
            }
        }

        throw new InvalidOperationException("no orientation");
    }

    /// <summary>Hands out at most three bytes a read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 3)], cancellationToken);
    }
}
