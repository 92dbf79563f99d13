using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Files;
using Hallway.Server.Auth;
using Hallway.Server.Files;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hallway.Server.Api;

/// <summary>Uploads, downloads, and stickers (built-in and custom).</summary>
public static class FilesApi
{
    /// <summary>
    /// Files are shown by the web client but never act as a page: a sandboxed, script-less policy
    /// even for an image opened on its own.
    /// </summary>
    public const string FilePolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    public static void MapFilesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Files").RequireAuthorization();
        api.MapPost("/files", UploadAsync).DisableAntiforgery();
        api.MapGet("/files/{fileId:long}", (long fileId, HttpContext http, FileService files, BlobStore blobs) => DownloadAsync(fileId, preview: false, http, files, blobs));
        api.MapGet("/files/{fileId:long}/preview", (long fileId, HttpContext http, FileService files, BlobStore blobs) => DownloadAsync(fileId, preview: true, http, files, blobs));
        api.MapGet("/stickers", async (HttpContext http, FileService files) =>
            TypedResults.Ok(new StickersResponse(Stickers.BuiltIn, await files.StickersAsync(http.Caller()))));
        api.MapPost("/stickers", async (StickerRequest body, HttpContext http, FileService files) =>
            TypedResults.Created($"/api/files/{body.FileId}", await files.AddStickerAsync(http.Caller(), body.FileId)));
        api.MapDelete("/stickers/{fileId:long}", async (long fileId, HttpContext http, FileService files) =>
        {
            await files.RemoveStickerAsync(http.Caller(), fileId);
            return TypedResults.NoContent();
        });
        app.MapGet("/stickers/{name}.svg", BuiltInSticker).WithTags("Files");
    }

    /// <summary>
    /// multipart/form-data with one "file" part and optionally one "preview" part (an image the
    /// client scaled down). Both stream to disk through the metadata filter (images lose their Exif,
    /// XMP, comments... before a byte is written) and are hashed as stored; nothing is recorded
    /// unless all is well.
    /// </summary>
    private static async Task<Created<Attachment>> UploadAsync(HttpContext http, FileService files, BlobStore blobs, IOptions<HallwayOptions> options)
    {
        var limits = options.Value.Files;
        var caller = http.Caller();
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw Errors.BadUpload("Upload with Content-Type multipart/form-data and a part named \"file\".");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limits.MaxUploadBytes + limits.MaxPreviewBytes + 64 * 1024;
        }

        BlobStore.Received? file = null;
        BlobStore.Received? preview = null;
        string? name = null;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
            while (await ReadSectionAsync(reader, limits.MaxUploadBytes, http.RequestAborted) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var part = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
                if (part == "file" && file is null)
                {
                    name = FileRules.Name(disposition!.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                    file = await Receive(blobs, section.Body, limits.MaxUploadBytes, () => Errors.FileTooLarge(limits.MaxUploadBytes), http.RequestAborted);
                }
                else if (part == "preview" && preview is null)
                {
                    try
                    {
                        preview = await Receive(blobs, section.Body, limits.MaxPreviewBytes, () => Errors.BadPreview($"A preview is at most {limits.MaxPreviewBytes} bytes."), http.RequestAborted);
                    }
                    catch (HallwayException e) when (e.Code == "invalid_image")
                    {
                        throw Errors.BadPreview("The preview is not a well-formed image: " + e.Message);
                    }
                }
                else
                {
                    throw Errors.BadUpload("An upload has one part named \"file\" and at most one named \"preview\".");
                }
            }

            if (file is null || file.Size == 0)
            {
                throw Errors.BadUpload(file is null ? "The upload has no part named \"file\"." : "The file is empty.");
            }

            var kind = file.Sniff();
            MediaKind? previewKind = null;
            if (preview is not null)
            {
                previewKind = preview.Sniff();
                if (!kind.IsImage || previewKind is not { IsImage: true, MediaType: not "image/gif" })
                {
                    throw Errors.BadPreview("A preview goes with an image and is itself a PNG, JPEG or WebP image.");
                }
            }

            await blobs.Gate.WaitAsync(http.RequestAborted);
            try
            {
                blobs.Commit(file);
                if (preview is not null)
                {
                    blobs.Commit(preview);
                }

                var stored = await files.RegisterAsync(new NewFile(
                    caller.Id, name!, file.Size, kind.MediaType, kind.Width, kind.Height, file.Sha256, preview?.Sha256, previewKind?.MediaType));
                return TypedResults.Created($"/api/files/{stored.Id}", stored);
            }
            finally
            {
                blobs.Gate.Release();
            }
        }
        finally
        {
            file?.Dispose();
            preview?.Dispose();
        }
    }

    private static async Task<MultipartSection?> ReadSectionAsync(MultipartReader reader, long maxUpload, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw Errors.FileTooLarge(maxUpload);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw Errors.BadUpload("The multipart body is malformed: " + e.Message);
        }
    }

    private static async Task<BlobStore.Received> Receive(BlobStore blobs, Stream body, long max, Func<HallwayException> tooLarge, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.ReceiveAsync(body, max, tooLarge, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw tooLarge();
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw Errors.BadUpload("The multipart body is malformed: " + e.Message);
        }
    }

    /// <summary>
    /// Images inline with the type their bytes showed; everything else as a download. Revalidated
    /// on every use (no-cache + ETag), so a shared school PC never shows one pupil's file to the next.
    /// </summary>
    private static async Task<IResult> DownloadAsync(long fileId, bool preview, HttpContext http, FileService files, BlobStore blobs)
    {
        var file = await files.OpenAsync(http.Caller(), fileId);
        var sha = preview ? file.PreviewSha256 : file.Sha256;
        var path = sha is null ? null : blobs.PathOf(sha);
        if (path is null || !File.Exists(path))
        {
            throw Errors.FileNotFound();
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = FilePolicy;
        headers.CacheControl = "private, no-cache";
        var tag = new EntityTagHeaderValue($"\"{sha}\"");
        if (preview)
        {
            return TypedResults.PhysicalFile(path, file.PreviewMediaType!, entityTag: tag);
        }

        if (file.File.IsImage)
        {
            var inline = new ContentDispositionHeaderValue("inline");
            inline.SetHttpFileName(file.File.Name);
            headers.ContentDisposition = inline.ToString();
            return TypedResults.PhysicalFile(path, file.File.MediaType, entityTag: tag, enableRangeProcessing: true);
        }

        return TypedResults.PhysicalFile(path, MediaKind.Download, fileDownloadName: file.File.Name, entityTag: tag, enableRangeProcessing: true);
    }

    /// <summary>The built-in set, embedded in the program: public, like the client's own assets.</summary>
    private static IResult BuiltInSticker(string name, HttpContext http)
    {
        if (!Stickers.BuiltIn.Contains(name) ||
            typeof(FilesApi).Assembly.GetManifestResourceStream($"Hallway.Server.Stickers.{name}.svg") is not { } svg)
        {
            throw Errors.FileNotFound();
        }

        http.Response.Headers.ContentSecurityPolicy = FilePolicy;
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Stream(svg, "image/svg+xml");
    }
}
