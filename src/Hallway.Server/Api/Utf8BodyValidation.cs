using System.Text.Unicode;

namespace Hallway.Server.Api;

/// <summary>
/// Rejects a JSON request body that is not valid UTF-8 before any endpoint sees it. The JSON reader
/// only checks the strings it decodes, so bad bytes in a field the endpoint ignores would otherwise
/// slip through and the request would be acted on.
/// </summary>
public sealed class Utf8BodyValidation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.HasJsonContentType() && http.Request.ContentLength is not 0)
        {
            http.Request.EnableBuffering();
            var body = await ReadAllAsync(http);
            if (body is null)
            {
                return; // too large: answered already
            }

            if (!Utf8.IsValid(body))
            {
                await Problems.Write(http, 400, "bad_json", "The request body is not valid UTF-8.");
                return;
            }

            http.Request.Body.Position = 0;
        }

        await next(http);
    }

    private static async Task<byte[]?> ReadAllAsync(HttpContext http)
    {
        using var copy = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Problems.Write(http, 413, "request_too_large", "The request body is too large.");
            return null;
        }

        return copy.ToArray();
    }
}
