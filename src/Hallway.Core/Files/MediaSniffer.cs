using System.Buffers.Binary;

namespace Hallway.Core.Files;

/// <summary>What the bytes of a file are, whatever its name says.</summary>
public readonly record struct MediaKind(string MediaType, int? Width, int? Height)
{
    public const string Download = "application/octet-stream";

    public bool IsImage => MediaType != Download;
}

/// <summary>
/// Recognises the four image formats browsers show inline (PNG, JPEG, GIF, WebP) by their
/// signatures and reads their pixel size from the headers (PNG IHDR, GIF logical screen, JPEG SOFn,
/// WebP VP8/VP8L/VP8X). Anything else, including a file that starts like an image but has no
/// readable size, is a download: only well-formed images are ever served inline.
/// </summary>
public static class MediaSniffer
{
    /// <summary>Largest side accepted as an image; beyond it the header is taken as bogus.</summary>
    public const int MaxSide = 65535;

    public static MediaKind Sniff(Stream stream)
    {
        var head = new byte[32];
        stream.Position = 0;
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var h = head.AsSpan(0, n);
        var kind = h switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png(h),
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => Gif(h),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebP(h),
            [0xFF, 0xD8, 0xFF, ..] => Jpeg(stream),
            _ => null,
        };
        return kind is { Width: > 0 and <= MaxSide, Height: > 0 and <= MaxSide } ? kind.Value : new MediaKind(MediaKind.Download, null, null);
    }

    public static MediaKind Sniff(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Sniff(stream);
    }

    private static MediaKind? Png(ReadOnlySpan<byte> h) =>
        h.Length >= 24 && h[12..16].SequenceEqual("IHDR"u8)
            ? new MediaKind("image/png", Int(BinaryPrimitives.ReadUInt32BigEndian(h[16..])), Int(BinaryPrimitives.ReadUInt32BigEndian(h[20..])))
            : null;

    private static MediaKind? Gif(ReadOnlySpan<byte> h) =>
        h.Length >= 10
            ? new MediaKind("image/gif", BinaryPrimitives.ReadUInt16LittleEndian(h[6..]), BinaryPrimitives.ReadUInt16LittleEndian(h[8..]))
            : null;

    private static MediaKind? WebP(ReadOnlySpan<byte> h)
    {
        if (h.Length < 30)
        {
            return null;
        }

        var chunk = h[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && h[23] == 0x9D && h[24] == 0x01 && h[25] == 0x2A)
        {
            // Lossy: after the frame tag and start code, 14-bit width and height (top 2 bits scale).
            return new MediaKind("image/webp", BinaryPrimitives.ReadUInt16LittleEndian(h[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(h[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && h[20] == 0x2F)
        {
            // Lossless: 14 bits of width-1 then 14 bits of height-1, little-endian bit order.
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(h[21..]);
            return new MediaKind("image/webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Extended: 24-bit canvas width-1 and height-1.
            return new MediaKind("image/webp", Int24(h[24..]) + 1, Int24(h[27..]) + 1);
        }

        return null;
    }

    /// <summary>Walks the marker segments to the first start-of-frame; metadata segments are skipped by length.</summary>
    private static MediaKind? Jpeg(Stream s)
    {
        s.Position = 2;
        Span<byte> b = stackalloc byte[7];
        for (var segments = 0; segments < 1000; segments++)
        {
            if (s.ReadByte() != 0xFF)
            {
                return null;
            }

            int marker;
            do
            {
                marker = s.ReadByte();
            }
            while (marker == 0xFF); // fill bytes

            if (marker is -1 or 0xD9 or 0xDA)
            {
                return null; // end of image or of headers without a frame
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // markers without a length
            }

            if (s.ReadAtLeast(b[..2], 2, throwOnEndOfStream: false) < 2)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b);
            if (length < 2)
            {
                return null;
            }

            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (s.ReadAtLeast(b[..5], 5, throwOnEndOfStream: false) < 5)
                {
                    return null;
                }

                return new MediaKind("image/jpeg", BinaryPrimitives.ReadUInt16BigEndian(b[3..]), BinaryPrimitives.ReadUInt16BigEndian(b[1..]));
            }

            s.Seek(length - 2, SeekOrigin.Current);
        }

        return null;
    }

    private static int Int(uint value) => value > int.MaxValue ? 0 : (int)value;

    private static int Int24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);
}
