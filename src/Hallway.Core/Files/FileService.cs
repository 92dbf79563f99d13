using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Storage;

namespace Hallway.Core.Files;

/// <summary>Upload records, who may fetch a file, custom stickers, and the clean-up of orphans.</summary>
public sealed class FileService(IHallwayStore store)
{
    /// <summary>Records an upload whose bytes (and preview) the server has already stored by hash.</summary>
    public Task<Attachment> RegisterAsync(NewFile file) =>
        store.WriteAsync(tx => tx.GetFile(tx.InsertFile(file))!.File);

    /// <summary>The file, if the caller may fetch it; otherwise it does not exist for them.</summary>
    public Task<StoredFile> OpenAsync(Caller caller, long fileId) =>
        store.ReadAsync(r => r.CanReadFile(caller.Id, fileId) ? r.GetFile(fileId)! : throw Errors.FileNotFound());

    public Task<IReadOnlyList<Attachment>> StickersAsync(Caller caller) =>
        store.ReadAsync(r => r.ListStickers(caller.Id));

    /// <summary>Adds one of the caller's uploaded images to their stickers; adding twice is a no-op.</summary>
    public Task<Attachment> AddStickerAsync(Caller caller, long fileId) =>
        store.WriteAsync(tx =>
        {
            var file = FileRules.RequireOwnImage(tx, caller.Id, fileId);
            tx.AddSticker(caller.Id, fileId);
            return file.File;
        });

    public async Task RemoveStickerAsync(Caller caller, long fileId)
    {
        if (!await store.WriteAsync(tx => tx.RemoveSticker(caller.Id, fileId)))
        {
            throw Errors.FileNotFound();
        }
    }

    /// <summary>
    /// Forgets uploads older than <paramref name="createdBefore"/> that nothing refers to, in
    /// batches; returns the blobs no row names any more, for the caller to delete from disk.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteOrphansAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        const int batch = 500;
        var blobs = new List<string>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var (deleted, freed) = await store.WriteAsync(tx => tx.DeleteOrphanFiles(createdBefore, batch), cancellationToken);
            blobs.AddRange(freed);
            if (deleted < batch)
            {
                break;
            }
        }

        return blobs;
    }
}
