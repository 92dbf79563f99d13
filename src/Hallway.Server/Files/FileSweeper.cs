using Hallway.Core.Files;
using Hallway.Core.Storage;

namespace Hallway.Server.Files;

/// <summary>
/// Removes uploads nothing refers to (never sent, replaced avatars, files of deleted messages) once
/// they are older than the grace period, then the blobs no row names, and leftovers of uploads that
/// died midway. Holds the blob store's gate throughout, so no upload lands between "unreferenced"
/// and "deleted".
/// </summary>
public sealed class FileSweeper(FileService files, IHallwayStore store, BlobStore blobs, ILogger<FileSweeper> logger)
{
    /// <returns>How many blobs were deleted from disk.</returns>
    public async Task<int> SweepAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        await blobs.Gate.WaitAsync(cancellationToken);
        try
        {
            var freed = (await files.DeleteOrphansAsync(createdBefore, cancellationToken)).ToHashSet(StringComparer.Ordinal);

            // Blobs with no row at all: the process died between moving one into place and recording it.
            foreach (var sha in blobs.BlobsOlderThan(createdBefore.UtcDateTime).ToList())
            {
                if (!freed.Contains(sha) && !await store.ReadAsync(r => r.BlobInUse(sha), cancellationToken))
                {
                    freed.Add(sha);
                }
            }

            foreach (var sha in freed)
            {
                blobs.Delete(sha);
            }

            blobs.DeleteStaleTemp(createdBefore.UtcDateTime);
            if (freed.Count > 0)
            {
                logger.LogInformation("Removed {Count} unused uploaded files", freed.Count);
            }

            return freed.Count;
        }
        finally
        {
            blobs.Gate.Release();
        }
    }
}
