using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hallway.Testing;

/// <summary>
/// Small, well-formed images for upload tests, built byte by byte so tests need no image library.
/// The PNG is a complete, decodable file (zlib-compressed scanlines and CRCs); the others carry
/// the headers a browser (and the server's sniffer) reads the size from.
/// </summary>
public static class TestImages
{
    /// <summary>A real RGB PNG of the given size, every pixel the given grey (different greys give different bytes).</summary>
    public static byte[] Png(int width, int height, byte grey = 0x80)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB

        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width * 3; x++)
            {
                raw.WriteByte(grey);
            }
        }

        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 1×1-pixel GIF89a whose logical screen says <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static byte[] Gif(int width, int height)
    {
        var gif = new List<byte>("GIF89a"u8.ToArray());
        gif.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0, 0]); // screen, 2-colour table
        gif.AddRange([0, 0, 0, 0xFF, 0xFF, 0xFF]);
        gif.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // image descriptor 1×1 at 0,0
        gif.AddRange([0x02, 0x02, 0x44, 0x01, 0x00]); // LZW minimum code size 2, one data block
        gif.Add(0x3B);
        return [.. gif];
    }

    /// <summary>
    /// A baseline JPEG's structure (SOI, JFIF APP0, SOF0, SOS, a few bytes of scan data, EOI) with
    /// the given size: well-formed up to its image data, as the server's metadata filter requires.
    /// </summary>
    public static byte[] Jpeg(int width, int height)
    {
        var jpeg = new List<byte> { 0xFF, 0xD8 };
        jpeg.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        jpeg.AddRange([0xFF, 0xC0, 0x00, 0x0B, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        jpeg.AddRange([0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 0x00, 0x3F, 0x00]); // SOS: one component, full spectrum
        jpeg.AddRange([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]); // scan data with a stuffed 0xFF and a restart marker
        jpeg.AddRange([0xFF, 0xD9]);
        return [.. jpeg];
    }

    /// <summary>A lossless WebP (RIFF, VP8L chunk) header of the given size.</summary>
    public static byte[] WebP(int width, int height)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        var body = new byte[] { 0x2F, (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24), 0, 0, 0, 0, 0, 0, 0 }; // header, then (zeroed) image data
        var webp = new List<byte>("RIFF"u8.ToArray());
        webp.AddRange(BitConverter.GetBytes(4 + 8 + body.Length));
        webp.AddRange("WEBPVP8L"u8.ToArray());
        webp.AddRange(BitConverter.GetBytes(body.Length));
        webp.AddRange(body);
        return [.. webp];
    }

    /// <summary>Plain text bytes: a file that is no image whatever its name.</summary>
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typed));
        png.Write(crc);
    }
}
