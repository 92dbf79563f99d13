using System.Security.Cryptography;
using Hallway.Core.Common;
using Hallway.Core.Files;

namespace Hallway.Server.Files;

/// <summary>
/// The bytes of uploads, content-addressed: &lt;data&gt;/files/ab/abcdef… named by their SHA-256.
/// An upload streams into files/tmp through the image metadata filter (so only cleaned bytes ever
/// touch the disk), is hashed from that file once written, then moves into place; identical bytes
/// are kept once. <see cref="Gate"/> keeps "move into place and record the row" apart from the
/// clean-up's "find unreferenced blobs and delete them", so a blob never vanishes under a new row.
/// </summary>
public sealed class BlobStore
{
    public BlobStore(string dataFolder)
    {
        Root = Path.Combine(dataFolder, "files");
        Temp = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(Temp);
    }

    public string Root { get; }

    public string Temp { get; }

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    /// <summary>
    /// Copies <paramref name="source"/> into a temporary file through <see cref="ImageMetadataFilter"/>,
    /// so an image's metadata (GPS position, camera serial...) never reaches the disk, then hashes
    /// what was written: size and hash are the filtered bytes'. (Not while streaming: a WebP's RIFF
    /// size and flags are written last, over bytes already written.) Over <paramref name="maxBytes"/>
    /// received throws <paramref name="tooLarge"/>; an image that cannot be walked throws
    /// <c>invalid_image</c>. Either way the temporary file is deleted.
    /// </summary>
    public async Task<Received> ReceiveAsync(Stream source, long maxBytes, Func<HallwayException> tooLarge, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Temp, Guid.NewGuid().ToString("N"));
        var received = new Received(path);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
            var limited = new LimitedStream(source, maxBytes, tooLarge);
            await ImageMetadataFilter.FilterAsync(limited, file, cancellationToken);
            // The limit is on what was sent: the filter stops at an image's end, so bytes after it
            // (dropped, never stored) are still read through the limit.
            await limited.CopyToAsync(Stream.Null, cancellationToken);
            await file.FlushAsync(cancellationToken);
            received.Size = file.Length;
            file.Position = 0;
            received.Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            return received;
        }
        catch
        {
            received.Dispose();
            throw;
        }
    }

    /// <summary>Moves a received file into its place (hold <see cref="Gate"/>); identical bytes already there are kept.</summary>
    public void Commit(Received received)
    {
        var target = PathOf(received.Sha256);
        if (File.Exists(target))
        {
            return; // same hash, same bytes: the temporary copy is dropped on dispose
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(received.Path, target);

        // Make the new name durable with the row that will point at it.
        using var handle = File.OpenHandle(target, FileMode.Open, FileAccess.Read);
        RandomAccess.FlushToDisk(handle);
    }

    public void Delete(string sha256)
    {
        try
        {
            File.Delete(PathOf(sha256));
        }
        catch (IOException)
        {
            // Still open by a download in flight: the next sweep finds it again.
        }
    }

    /// <summary>Blobs on disk last written before <paramref name="before"/>, by hash.</summary>
    public IEnumerable<string> BlobsOlderThan(DateTime before) =>
        Directory.EnumerateDirectories(Root)
            .Where(d => Path.GetFileName(d) is { Length: 2 })
            .SelectMany(Directory.EnumerateFiles)
            .Where(f => Path.GetFileName(f).Length == 64 && File.GetLastWriteTimeUtc(f) < before)
            .Select(Path.GetFileName)!;

    /// <summary>Bytes of every stored blob (uploads and previews, not uploads in progress).</summary>
    public long TotalBytes() =>
        Directory.EnumerateDirectories(Root)
            .Where(d => Path.GetFileName(d) is { Length: 2 })
            .SelectMany(Directory.EnumerateFiles)
            .Sum(f =>
            {
                try
                {
                    return new FileInfo(f).Length;
                }
                catch (IOException)
                {
                    return 0; // removed by the sweep while we counted
                }
            });

    /// <summary>Temporary files left by uploads that died with the process.</summary>
    public void DeleteStaleTemp(DateTime before)
    {
        foreach (var file in Directory.EnumerateFiles(Temp).Where(f => File.GetLastWriteTimeUtc(f) < before))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A file received into the temporary folder; deleted on dispose unless it was moved into place.</summary>
    public sealed class Received(string path) : IDisposable
    {
        public string Path { get; } = path;

        public long Size { get; set; }

        public string Sha256 { get; set; } = string.Empty;

        /// <summary>What the received bytes are: the filtered ones, as they are stored and served.</summary>
        public MediaKind Sniff()
        {
            using var stream = File.OpenRead(Path);
            return MediaSniffer.Sniff(stream);
        }

        public void Dispose()
        {
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Reads from the request, throwing the caller's "too large" once more than the limit has come.</summary>
    private sealed class LimitedStream(Stream inner, long max, Func<HallwayException> tooLarge) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _read += n;
            return _read > max ? throw tooLarge() : n;
        }
    }
}
