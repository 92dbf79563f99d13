using System.Buffers.Binary;
using System.Text;

namespace Hallway.Testing;

/// <summary>
/// Photos carrying the metadata a phone writes, for the tests of the server's metadata filter, and
/// readers that take the results apart. The JPEG, PNG and GIF are small real files in Images/,
/// made with ImageMagick and tagged with exiftool:
/// <c>exiftool -Make=HallwayTestPhone -Model=TP-1 -SerialNumber=SN-CAMERA-0042 -Orientation#=6
/// -GPSLatitude=51.50072 -GPSLatitudeRef=N -GPSLongitude=0.12462 -GPSLongitudeRef=W
/// -XMP-dc:Creator=XmpCreatorName</c>, plus <c>-Comment=SECRET-COMMENT-TEXT</c> (JPEG COM, PNG
/// tEXt, GIF comment extension). The PNG also has ImageMagick's tIME and tEXt dates and exiftool's
/// iTXt XMP and eXIf; the GIF an XMP application extension. exiftool cannot write WebP here, so
/// the WebP is built from ImageMagick's plain lossy one (Images/plain.webp) with VP8X, EXIF (the
/// PNG's Exif) and XMP chunks. Linked into Hallway.Core.Tests too, so it uses nothing but the BCL.
/// </summary>
public static class MetadataImages
{
    public const string Serial = "SN-CAMERA-0042";
    public const string Make = "HallwayTestPhone";
    public const string XmpCreator = "XmpCreatorName";
    public const string Comment = "SECRET-COMMENT-TEXT";

    /// <summary>Strings none of which may survive the filter.</summary>
    public static readonly string[] Secrets = [Serial, Make, "TP-1", XmpCreator, Comment, "XMP", "xmp", "adobe", "date:create"];

    public static byte[] Jpeg() => Fixture("photo.jpg");

    public static byte[] Png() => Fixture("photo.png");

    public static byte[] Gif() => Fixture("photo.gif");

    public static byte[] PlainWebP() => Fixture("plain.webp");

    /// <summary>VP8X (Exif and XMP flags set) + the plain WebP's VP8 chunk + EXIF (orientation 6, GPS, serial) + XMP.</summary>
    public static byte[] WebP(byte[]? tiff = null)
    {
        var plain = PlainWebP();
        var vp8 = plain[12..]; // the one VP8 chunk, whole
        var exif = tiff ?? PngChunks(Png()).Single(c => c.Type == "eXIf").Data;
        var xmp = Encoding.UTF8.GetBytes($"<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:creator>{XmpCreator}</dc:creator></x:xmpmeta>");
        var body = new MemoryStream();
        body.Write("WEBP"u8);
        var vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04; // Exif, XMP
        WriteInt24(vp8x.AsSpan(4), 8 - 1);
        WriteInt24(vp8x.AsSpan(7), 6 - 1);
        RiffChunk(body, "VP8X", vp8x);
        body.Write(vp8);
        RiffChunk(body, "EXIF", exif);
        RiffChunk(body, "XMP ", xmp);
        var webp = new MemoryStream();
        webp.Write("RIFF"u8);
        webp.Write(BitConverter.GetBytes((uint)body.Length));
        body.Position = 0;
        body.CopyTo(webp);
        return webp.ToArray();
    }

    /// <summary>The GIF with a NETSCAPE2.0 looping extension after its colour table (as animated GIFs have).</summary>
    public static byte[] LoopingGif()
    {
        var gif = Gif();
        var tableEnd = 13 + (3 << ((gif[10] & 7) + 1));
        byte[] loop = [0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0];
        return [.. gif[..tableEnd], .. loop, .. gif[tableEnd..]];
    }

    public static bool Contains(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    /// <summary>A JPEG's marker segments before its first scan: marker, offset of the 0xFF, payload.</summary>
    public static List<(byte Marker, int Offset, byte[] Payload)> JpegSegments(byte[] jpeg)
    {
        var segments = new List<(byte, int, byte[])>();
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            segments.Add((marker, at, jpeg[(at + 4)..(at + 2 + length)]));
            if (marker == 0xDA)
            {
                break;
            }

            at += 2 + length;
        }

        return segments;
    }

    /// <summary>The bytes from the first SOS marker on: the image data, which the filter must not touch.</summary>
    public static byte[] FromStartOfScan(byte[] jpeg) => jpeg[JpegSegments(jpeg).Single(s => s.Marker == 0xDA).Offset..];

    public static List<(string Type, byte[] Data, byte[] Whole)> PngChunks(byte[] png)
    {
        var chunks = new List<(string, byte[], byte[])>();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            chunks.Add((Encoding.ASCII.GetString(png, at + 4, 4), png[(at + 8)..(at + 8 + length)], png[at..(at + 12 + length)]));
            at += 12 + length;
        }

        return chunks;
    }

    public static List<(string FourCc, byte[] Data)> RiffChunks(byte[] webp)
    {
        var chunks = new List<(string, byte[])>();
        for (var at = 12; at + 8 <= webp.Length;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            chunks.Add((Encoding.ASCII.GetString(webp, at, 4), webp[(at + 8)..(at + 8 + size)]));
            at += 8 + size + (size & 1);
        }

        return chunks;
    }

    /// <summary>The Orientation of IFD0 in a TIFF structure (Exif without JPEG's "Exif\0\0"), read independently of the server's code.</summary>
    public static int? Orientation(byte[] tiff)
    {
        var little = tiff[0] == 'I';
        int U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(tiff.AsSpan(at));
        var ifd = little ? (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4)) : (int)BinaryPrimitives.ReadUInt32BigEndian(tiff.AsSpan(4));
        for (var i = 0; i < U16(ifd); i++)
        {
            var entry = ifd + 2 + (12 * i);
            if (U16(entry) == 0x0112)
            {
                return U16(entry + 8);
            }
        }

        return null;
    }

    /// <summary>How many entries IFD0 has.</summary>
    public static int Ifd0Count(byte[] tiff) =>
        tiff[0] == 'I' ? BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(BinaryPrimitives.ReadInt32LittleEndian(tiff.AsSpan(4))))
                       : BinaryPrimitives.ReadUInt16BigEndian(tiff.AsSpan(BinaryPrimitives.ReadInt32BigEndian(tiff.AsSpan(4))));

    private static byte[] Fixture(string name)
    {
        using var stream = typeof(MetadataImages).Assembly.GetManifestResourceStream("Images." + name)
            ?? throw new InvalidOperationException("Missing embedded test image " + name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void RiffChunk(Stream riff, string fourCc, byte[] data)
    {
        riff.Write(Encoding.ASCII.GetBytes(fourCc));
        riff.Write(BitConverter.GetBytes((uint)data.Length));
        riff.Write(data);
        if (data.Length % 2 == 1)
        {
            riff.WriteByte(0);
        }
    }

    private static void WriteInt24(Span<byte> b, int value)
    {
        b[0] = (byte)value;
        b[1] = (byte)(value >> 8);
        b[2] = (byte)(value >> 16);
    }
}
