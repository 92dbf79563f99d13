using System.Buffers.Binary;
using Hallway.Core.Common;

namespace Hallway.Core.Files;

/// <summary>The image formats the metadata filter knows, by their signature.</summary>
public enum ImageFormat
{
    None,
    Jpeg,
    Png,
    Gif,
    WebP,
}

/// <summary>
/// Takes identifying metadata out of uploaded images without decoding them: a lossless walk over
/// the file's segments (JPEG), chunks (PNG, WebP) or blocks (GIF) that copies what a viewer needs to
/// show the picture exactly as before and leaves out the rest (Exif with GPS position and camera
/// serial, XMP, IPTC, comments, text chunks, timestamps, thumbnails, maker data). The pixel data is
/// copied byte for byte, so quality and animation are kept exactly. An Exif orientation other than
/// 1 survives as a minimal Exif block holding only that tag, so the picture stays upright.
/// <para>
/// Streaming: the input is read once, front to back, and may be a network stream; the output must
/// be seekable for WebP (the RIFF size and the VP8X flags are written last). Bytes that do not start
/// with one of the four signatures are copied unchanged. A file that starts like an image but
/// cannot be walked up to its image data (cut short, a length running past the end, no image data)
/// is refused with <c>invalid_image</c>: it is never passed through.
/// </para>
/// </summary>
public static class ImageMetadataFilter
{
    /// <summary>Enough bytes to tell the four formats apart.</summary>
    public const int SignatureLength = 12;

    /// <summary>Largest Exif block read to find the orientation; beyond it, the block is dropped without a look.</summary>
    private const int MaxExifBytes = 1 << 20;

    private const ushort OrientationTag = 0x0112;

    public static ImageFormat Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ImageFormat.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => ImageFormat.Png,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => ImageFormat.Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ImageFormat.WebP,
        _ => ImageFormat.None,
    };

    /// <summary>
    /// Copies <paramref name="input"/> to <paramref name="output"/>, images without their metadata;
    /// returns the format found (<see cref="ImageFormat.None"/>: copied unchanged).
    /// </summary>
    /// <exception cref="HallwayException"><c>invalid_image</c>: it starts like an image but is malformed or cut short.</exception>
    public static async Task<ImageFormat> FilterAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        var reader = new Reader(input, cancellationToken);
        await reader.TryFillAsync(SignatureLength);
        var format = Detect(reader.Available);
        switch (format)
        {
            case ImageFormat.Jpeg:
                await JpegAsync(reader, output, cancellationToken);
                break;
            case ImageFormat.Png:
                await PngAsync(reader, output, cancellationToken);
                break;
            case ImageFormat.Gif:
                await GifAsync(reader, output, cancellationToken);
                break;
            case ImageFormat.WebP:
                await WebPAsync(reader, output, cancellationToken);
                break;
            default:
                await reader.CopyToEndAsync(output);
                break;
        }

        return format;
    }

    /// <summary>Filters bytes in memory (the same rules): for callers that already hold the whole file.</summary>
    public static async Task<(ImageFormat Format, byte[] Bytes)> FilterAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        using var input = new MemoryStream(bytes, writable: false);
        using var output = new MemoryStream();
        var format = await FilterAsync(input, output, cancellationToken);
        return (format, output.ToArray());
    }

    private static HallwayException Invalid(string detail) => Errors.InvalidImage(detail);

    // ---- JPEG (ITU T.81 B.1; JFIF 1.02; Exif 2.3 §4.5.4; ICC.1 B.4; Adobe TN 5116) ----

    private static async Task JpegAsync(Reader r, Stream output, CancellationToken ct)
    {
        await output.WriteAsync(new byte[] { 0xFF, 0xD8 }, ct);
        r.Advance(2);
        bool frame = false, scan = false, exif = false;
        while (true)
        {
            if (!await r.TryFillAsync(2))
            {
                if (scan)
                {
                    return; // cut short in the last scan's image data: what there is was copied unchanged
                }

                throw Invalid("The JPEG ends before its image data.");
            }

            if (r.Available[0] != 0xFF)
            {
                throw Invalid("The JPEG has bytes where a marker should be.");
            }

            if (r.Available[1] == 0xFF)
            {
                r.Advance(1); // a fill byte before a marker
                continue;
            }

            var marker = r.Available[1];
            if (marker == 0xD9)
            {
                if (!scan)
                {
                    throw Invalid("The JPEG ends before its image data.");
                }

                await output.WriteAsync(new byte[] { 0xFF, 0xD9 }, ct);
                return; // anything after the end of the image (a second picture, a video) is dropped
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                await r.CopyAsync(2, output); // markers without a length
                continue;
            }

            if (marker is 0xD8 or 0x00)
            {
                throw Invalid("The JPEG has a misplaced marker.");
            }

            await r.FillAsync(4, "The JPEG is cut short inside a segment.");
            var length = BinaryPrimitives.ReadUInt16BigEndian(r.Available[2..]);
            if (length < 2)
            {
                throw Invalid("A JPEG segment has a length below 2.");
            }

            if (marker is (>= 0xE0 and <= 0xEF) or 0xFE)
            {
                r.Advance(4);
                var payload = await r.ReadAsync(length - 2, "The JPEG is cut short inside a segment.");
                if (JpegKept(marker, payload, ref exif) is { } kept)
                {
                    await output.WriteAsync(kept, ct);
                }

                continue;
            }

            if (marker == 0xDA && !frame)
            {
                throw Invalid("The JPEG has a scan before its frame header.");
            }

            frame |= marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            await r.CopyAsync(2 + length, output, "The JPEG is cut short inside a segment.");
            if (marker == 0xDA)
            {
                scan = true;
                await r.CopyEntropyCodedAsync(output);
            }
        }
    }

    /// <summary>What an APPn or COM segment becomes in the output: itself, a reduced copy, or nothing.</summary>
    private static byte[]? JpegKept(byte marker, byte[] payload, ref bool exifSeen)
    {
        switch (marker)
        {
            case 0xE0 when payload.AsSpan().StartsWith("JFIF\0"u8) && payload.Length >= 14:
                // JFIF: version, density units and density; its optional thumbnail (a small copy of
                // the original picture, possibly before it was cropped) is left out.
                var jfif = new byte[4 + 14];
                jfif[0] = 0xFF;
                jfif[1] = 0xE0;
                BinaryPrimitives.WriteUInt16BigEndian(jfif.AsSpan(2), 16);
                payload.AsSpan(0, 12).CopyTo(jfif.AsSpan(4));
                return jfif; // thumbnail width and height 0
            case 0xE1 when !exifSeen && payload.AsSpan().StartsWith("Exif\0\0"u8):
                exifSeen = true;
                return ReadOrientation(payload.AsSpan(6)) is { } orientation and not 1 ? Segment(0xE1, [.. "Exif\0\0"u8, .. MinimalTiff(orientation)]) : null;
            case 0xE2 when payload.AsSpan().StartsWith("ICC_PROFILE\0"u8):
            case 0xEE when payload.AsSpan().StartsWith("Adobe"u8):
                return Segment(marker, payload);
            default:
                return null; // other APP0/APP1 (JFXX thumbnails, XMP), APP2 (MPF, FlashPix), APP3–APP15 (IPTC, maker data), COM
        }
    }

    private static byte[] Segment(byte marker, ReadOnlySpan<byte> payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment.AsSpan(4));
        return segment;
    }

    // ---- PNG (PNG 3rd edition §5, §11; APNG) ----

    private static readonly HashSet<string> PngKept =
    [
        "IHDR", "PLTE", "IDAT", "IEND", // critical
        "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD", "cICP", "mDCV", "cLLI", // how to show the pixels
        "acTL", "fcTL", "fdAT", // animation (APNG)
    ];

    private static async Task PngAsync(Reader r, Stream output, CancellationToken ct)
    {
        await r.CopyAsync(8, output);
        bool first = true, data = false, exif = false;
        while (true)
        {
            await r.FillAsync(8, "The PNG ends before its IEND chunk.");
            var length = BinaryPrimitives.ReadUInt32BigEndian(r.Available);
            var typeBytes = r.Available.Slice(4, 4);
            foreach (var c in typeBytes)
            {
                if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
                {
                    throw Invalid("A PNG chunk has a type that is not four letters (a wrong length before it?).");
                }
            }

            var type = System.Text.Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue)
            {
                throw Invalid("A PNG chunk has a length over 2^31-1.");
            }

            if (first && (type != "IHDR" || length != 13))
            {
                throw Invalid("A PNG starts with its IHDR chunk.");
            }

            first = false;
            if (PngKept.Contains(type))
            {
                data |= type is "IDAT" or "fdAT";
                if (type == "IEND" && !data)
                {
                    throw Invalid("The PNG has no image data.");
                }

                await r.CopyAsync(8 + length + 4L, output, "The PNG is cut short inside a chunk."); // whole, CRC included
                if (type == "IEND")
                {
                    return; // anything after IEND is dropped
                }

                continue;
            }

            if (char.IsUpper(type[0]))
            {
                throw Invalid($"The PNG has an unknown critical chunk {type}.");
            }

            r.Advance(8);
            if (type == "eXIf" && !exif && length <= MaxExifBytes)
            {
                exif = true;
                var payload = await r.ReadAsync((int)length, "The PNG is cut short inside a chunk.");
                await r.SkipAsync(4, "The PNG is cut short inside a chunk.");
                if (ReadOrientation(payload) is { } orientation and not 1)
                {
                    await output.WriteAsync(PngChunk("eXIf"u8, MinimalTiff(orientation)), ct);
                }

                continue;
            }

            await r.SkipAsync(length + 4L, "The PNG is cut short inside a chunk."); // tEXt, zTXt, iTXt (XMP), tIME, eXIf, others
        }
    }

    private static byte[] PngChunk(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        type.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, the same CRC-32 as System.IO.Hashing's) over type and data.</summary>
    internal static uint Crc32(ReadOnlySpan<byte> bytes) => System.IO.Hashing.Crc32.HashToUInt32(bytes);

    // ---- GIF (GIF89a specification) ----

    private static async Task GifAsync(Reader r, Stream output, CancellationToken ct)
    {
        await r.FillAsync(13, "The GIF is cut short in its header.");
        var packed = r.Available[10];
        await r.CopyAsync(13, output);
        if ((packed & 0x80) != 0)
        {
            await r.CopyAsync(3 << ((packed & 7) + 1), output, "The GIF is cut short in its colour table.");
        }

        var image = false;
        while (true)
        {
            await r.FillAsync(1, "The GIF ends before its trailer.");
            switch (r.Available[0])
            {
                case 0x3B:
                    if (!image)
                    {
                        throw Invalid("The GIF has no image.");
                    }

                    await r.CopyAsync(1, output);
                    return; // anything after the trailer is dropped
                case 0x2C:
                    await r.FillAsync(10, "The GIF is cut short in an image descriptor.");
                    packed = r.Available[9];
                    await r.CopyAsync(10, output);
                    if ((packed & 0x80) != 0)
                    {
                        await r.CopyAsync(3 << ((packed & 7) + 1), output, "The GIF is cut short in a colour table.");
                    }

                    await r.CopyAsync(1, output, "The GIF is cut short in an image."); // LZW minimum code size
                    await r.SubBlocksAsync(output);
                    image = true;
                    break;
                case 0x21:
                    await r.FillAsync(2, "The GIF is cut short in an extension.");
                    var keep = r.Available[1] switch
                    {
                        0xF9 or 0x01 => true, // graphic control (frame timing, transparency), plain text (drawn)
                        0xFF => await GifApplicationKeptAsync(r),
                        _ => false, // 0xFE comments, unknown extensions
                    };
                    if (keep)
                    {
                        await r.CopyAsync(2, output);
                        await r.SubBlocksAsync(output);
                    }
                    else
                    {
                        r.Advance(2);
                        await r.SubBlocksAsync(null);
                    }

                    break;
                default:
                    throw Invalid("The GIF has an unknown block.");
            }
        }
    }

    /// <summary>Only the looping extensions (NETSCAPE2.0, ANIMEXTS1.0) stay; XMP, ICC and others go.</summary>
    private static async Task<bool> GifApplicationKeptAsync(Reader r)
    {
        await r.FillAsync(3, "The GIF is cut short in an extension.");
        if (r.Available[2] != 11)
        {
            return false;
        }

        await r.FillAsync(14, "The GIF is cut short in an extension.");
        var id = r.Available.Slice(3, 11);
        return id.SequenceEqual("NETSCAPE2.0"u8) || id.SequenceEqual("ANIMEXTS1.0"u8);
    }

    // ---- WebP (RFC 9649) ----

    private const byte WebPExifFlag = 0x08;
    private const byte WebPXmpFlag = 0x04;

    private static async Task WebPAsync(Reader r, Stream output, CancellationToken ct)
    {
        if (!output.CanSeek)
        {
            throw new ArgumentException("WebP output must be seekable (the RIFF size is written last).", nameof(output));
        }

        var start = output.Position;
        var remaining = (long)BinaryPrimitives.ReadUInt32LittleEndian(r.Available[4..]) - 4;
        if (remaining < 8)
        {
            throw Invalid("The WebP's RIFF size is too small.");
        }

        await r.CopyAsync(12, output);
        long flagsAt = -1;
        bool first = true, data = false, exif = false, exifKept = false;
        while (remaining > 0)
        {
            if (remaining < 8)
            {
                throw Invalid("The WebP's RIFF size ends inside a chunk header.");
            }

            await r.FillAsync(8, "The WebP is shorter than its RIFF size says.");
            var fourCc = System.Text.Encoding.ASCII.GetString(r.Available[..4]);
            var size = (long)BinaryPrimitives.ReadUInt32LittleEndian(r.Available[4..]);
            var padded = size + (size & 1);
            if (padded > remaining - 8)
            {
                throw Invalid($"The WebP's {fourCc.TrimEnd()} chunk runs past its RIFF size.");
            }

            remaining -= 8 + padded;
            if (first && fourCc is not ("VP8 " or "VP8L" or "VP8X"))
            {
                throw Invalid("A WebP starts with a VP8, VP8L or VP8X chunk.");
            }

            if (fourCc == "VP8X")
            {
                if (!first || size < 10)
                {
                    throw Invalid("The WebP has a misplaced or short VP8X chunk.");
                }

                flagsAt = output.Position + 8;
            }

            first = false;
            switch (fourCc)
            {
                case "VP8X" or "ICCP" or "ANIM" or "ANMF" or "ALPH" or "VP8 " or "VP8L":
                    data |= fourCc is "VP8 " or "VP8L" or "ANMF";
                    await r.CopyAsync(8 + padded, output, "The WebP is shorter than its RIFF size says.");
                    break;
                case "EXIF" when !exif && size <= MaxExifBytes:
                    exif = true;
                    r.Advance(8);
                    var payload = await r.ReadAsync((int)size, "The WebP is shorter than its RIFF size says.");
                    await r.SkipAsync(padded - size, "The WebP is shorter than its RIFF size says.");
                    var tiff = payload.AsSpan().StartsWith("Exif\0\0"u8) ? payload.AsSpan(6) : payload; // some writers keep JPEG's prefix
                    if (ReadOrientation(tiff) is { } orientation and not 1)
                    {
                        var minimal = MinimalTiff(orientation);
                        var chunk = new byte[8 + minimal.Length];
                        "EXIF"u8.CopyTo(chunk);
                        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)minimal.Length);
                        minimal.CopyTo(chunk.AsSpan(8));
                        await output.WriteAsync(chunk, ct);
                        exifKept = true;
                    }

                    break;
                default:
                    r.Advance(8);
                    await r.SkipAsync(padded, "The WebP is shorter than its RIFF size says."); // EXIF, XMP, unknown chunks
                    break;
            }
        }

        if (!data)
        {
            throw Invalid("The WebP has no image data.");
        }

        // Anything after the RIFF size is dropped. Now the RIFF size and the VP8X flags.
        var end = output.Position;
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(end - start - 8));
        output.Position = start + 4;
        await output.WriteAsync(header, ct);
        if (flagsAt >= 0)
        {
            output.Position = flagsAt;
            var flags = new byte[1];
            await output.ReadExactlyAsync(flags, ct);
            flags[0] = (byte)((flags[0] & ~(WebPExifFlag | WebPXmpFlag)) | (exifKept ? WebPExifFlag : 0));
            output.Position = flagsAt;
            await output.WriteAsync(flags, ct);
        }

        output.Position = end;
    }

    // ---- Exif (TIFF 6.0 header and IFD0) ----

    /// <summary>The Orientation tag (0x0112) of IFD0 in a TIFF structure of either byte order, if there is a valid one.</summary>
    public static int? ReadOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }

        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return null;
        }

        if (U16(tiff, 2, little) != 42)
        {
            return null;
        }

        var ifd = U32(tiff, 4, little);
        if (ifd > (uint)(tiff.Length - 2))
        {
            return null;
        }

        var count = U16(tiff, (int)ifd, little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (12 * i);
            if (entry + 12 > tiff.Length)
            {
                return null;
            }

            if (U16(tiff, entry, little) == OrientationTag)
            {
                // SHORT, count 1; the value sits in the first two bytes of the value field.
                return U16(tiff, entry + 2, little) == 3 && U32(tiff, entry + 4, little) >= 1 && U16(tiff, entry + 8, little) is var value and >= 1 and <= 8 ? value : null;
            }
        }

        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);

    /// <summary>A big-endian TIFF structure with IFD0 holding only the Orientation tag.</summary>
    public static byte[] MinimalTiff(int orientation)
    {
        var tiff = new byte[26];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8); // IFD0 right after the header
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1); // one entry
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), OrientationTag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3); // SHORT
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1); // count
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), (ushort)orientation);
        return tiff; // bytes 20–21 pad the value field; 22–25: no next IFD
    }

    /// <summary>A buffered, forward-only reader over the input, refusing the image when it ends too early.</summary>
    private sealed class Reader(Stream stream, CancellationToken ct)
    {
        private readonly byte[] _buffer = new byte[128 * 1024];
        private int _start;
        private int _end;

        public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

        private int Count => _end - _start;

        /// <summary>Makes at least <paramref name="need"/> bytes available; false when the input ends first.</summary>
        public async ValueTask<bool> TryFillAsync(int need)
        {
            if (Count >= need)
            {
                return true;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, Count);
                _end -= _start;
                _start = 0;
            }

            while (_end < need)
            {
                var n = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
                if (n == 0)
                {
                    return false;
                }

                _end += n;
            }

            return true;
        }

        public async ValueTask FillAsync(int need, string truncated)
        {
            if (!await TryFillAsync(need))
            {
                throw Invalid(truncated);
            }
        }

        public void Advance(int n) => _start += n;

        public async ValueTask<byte[]> ReadAsync(int n, string truncated)
        {
            if (n <= _buffer.Length)
            {
                await FillAsync(n, truncated);
                var bytes = Available[..n].ToArray();
                _start += n;
                return bytes;
            }

            using var copy = new MemoryStream();
            await CopyAsync(n, copy, truncated);
            return copy.ToArray();
        }

        public ValueTask SkipAsync(long n, string truncated) => CopyAsync(n, null, truncated);

        public ValueTask CopyAsync(long n, Stream? output) => CopyAsync(n, output, "The image is cut short.");

        /// <summary>Copies (or, without an output, skips) exactly <paramref name="n"/> bytes.</summary>
        public async ValueTask CopyAsync(long n, Stream? output, string truncated)
        {
            while (n > 0)
            {
                await FillAsync(1, truncated);
                var take = (int)Math.Min(n, Count);
                if (output is not null)
                {
                    await output.WriteAsync(_buffer.AsMemory(_start, take), ct);
                }

                _start += take;
                n -= take;
            }
        }

        public async Task CopyToEndAsync(Stream output)
        {
            while (await TryFillAsync(1))
            {
                await output.WriteAsync(_buffer.AsMemory(_start, Count), ct);
                _start = _end;
            }
        }

        /// <summary>
        /// A JPEG scan's entropy-coded data, unchanged, up to the next marker that is not a stuffed
        /// 0xFF00 or a restart (RSTn), which is left unread; or to the end of the input.
        /// </summary>
        public async Task CopyEntropyCodedAsync(Stream output)
        {
            while (await TryFillAsync(2) || Count > 0)
            {
                var span = Available;
                var at = span.IndexOf((byte)0xFF);
                var upTo = at < 0 ? span.Length : at;
                while (at >= 0 && at + 1 < span.Length && span[at + 1] is 0x00 or (>= 0xD0 and <= 0xD7))
                {
                    var next = span[(at + 2)..].IndexOf((byte)0xFF);
                    at = next < 0 ? -1 : at + 2 + next;
                    upTo = at < 0 ? span.Length : at;
                }

                if (upTo > 0)
                {
                    await output.WriteAsync(_buffer.AsMemory(_start, upTo), ct);
                    _start += upTo;
                    continue;
                }

                // A 0xFF at the start: a marker (or fill bytes before one), or the input's last byte.
                if (Count < 2)
                {
                    await output.WriteAsync(_buffer.AsMemory(_start, Count), ct);
                    _start = _end;
                    return;
                }

                return;
            }
        }

        /// <summary>GIF data sub-blocks up to and including the zero-length terminator.</summary>
        public async Task SubBlocksAsync(Stream? output)
        {
            while (true)
            {
                await FillAsync(1, "The GIF is cut short in a data block.");
                var span = Available;
                var at = 0;
                var done = false;
                while (at < span.Length && at + 1 + span[at] <= span.Length)
                {
                    var size = span[at];
                    at += 1 + size;
                    if (size == 0)
                    {
                        done = true;
                        break;
                    }
                }

                if (at > 0)
                {
                    if (output is not null)
                    {
                        await output.WriteAsync(_buffer.AsMemory(_start, at), ct);
                    }

                    _start += at;
                }

                if (done)
                {
                    return;
                }

                await FillAsync(1, "The GIF is cut short in a data block.");
                await FillAsync(1 + Available[0], "The GIF is cut short in a data block.");
            }
        }
    }
}
