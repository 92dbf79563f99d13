using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hallway.Testing;

/// <summary>A signed-in (or anonymous) HTTP client of one Hallway server, speaking raw JSON.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="sourceAddress">
    /// Connect from this loopback address (127.0.0.2, say) instead of 127.0.0.1, so a test can be
    /// a second machine to the server's per-address rules.
    /// </param>
    public ApiClient(Uri baseAddress, string? token = null, IPAddress? sourceAddress = null)
    {
        BaseAddress = baseAddress;
        _http = sourceAddress is null
            ? new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) }
            : new HttpClient(FromAddress(sourceAddress)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Token = token;
    }

    private static SocketsHttpHandler FromAddress(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public Uri BaseAddress { get; }

    public string? Token
    {
        get;
        set
        {
            field = value;
            _http.DefaultRequestHeaders.Authorization = value is null ? null : new AuthenticationHeaderValue("Bearer", value);
        }
    }

    public HttpClient Http => _http;

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ApiResponse> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<ApiResponse> PutAsync(string path, object? body = null) => SendAsync(HttpMethod.Put, path, body);

    public Task<ApiResponse> PatchAsync(string path, object? body = null) => SendAsync(HttpMethod.Patch, path, body);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>Sends a body exactly as given (for malformed JSON and invalid UTF-8 tests).</summary>
    public async Task<ApiResponse> SendRawAsync(HttpMethod method, string path, byte[] body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await _http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    public Task<ApiResponse> SendRawAsync(HttpMethod method, string path, string body) =>
        SendRawAsync(method, path, Encoding.UTF8.GetBytes(body));

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is JsonNode node
                ? new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json")
                : JsonContent.Create(body, options: Wire.Options);
        }

        using var response = await _http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    /// <summary>
    /// POST /api/files as a browser's FormData does: a "file" part with its name and, optionally, a
    /// "preview" part. Returns the answer as JSON (the Attachment, or a problem).
    /// </summary>
    public Task<ApiResponse> UploadAsync(byte[] bytes, string fileName = "file.bin", byte[]? preview = null)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", fileName);
        if (preview is not null)
        {
            form.Add(new ByteArrayContent(preview), "preview", "preview");
        }

        return PostContentAsync("/api/files", form);
    }

    /// <summary>POSTs any content (multipart built by a test, say); the content is disposed.</summary>
    public async Task<ApiResponse> PostContentAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        using var response = await _http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    /// <summary>A GET whose body is bytes (a downloaded file), with all its headers.</summary>
    public async Task<BytesResponse> GetBytesAsync(string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers?.Invoke(request.Headers);
        using var response = await _http.SendAsync(request);
        return new BytesResponse(response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers, response.Content.Headers);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Status, headers and parsed JSON body of one response.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, string Text, HttpResponseHeaders Headers, string? ContentType)
{
    /// <summary>The ProblemDetails <c>code</c> of an error response.</summary>
    public string? Code => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("code", out var c) ? c.GetString() : null;

    public JsonElement this[string property] => Json.GetProperty(property);

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = default(JsonElement);
        if (text.Length > 0 && text.TrimStart() is ['{' or '[', ..])
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
        }

        return new ApiResponse(response.StatusCode, json, text, response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    public ApiResponse EnsureSuccess()
    {
        if ((int)Status is < 200 or >= 300)
        {
            throw new HttpRequestException($"Expected success, got {(int)Status}: {Text}");
        }

        return this;
    }
}

/// <summary>A response read as bytes: a downloaded file, or a problem as UTF-8 JSON.</summary>
public sealed record BytesResponse(HttpStatusCode Status, byte[] Body, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public string? ContentType => ContentHeaders.ContentType?.MediaType;

    /// <summary>The problem's code when the body is a problem, else null.</summary>
    public string? Code
    {
        get
        {
            if (ContentType != "application/problem+json")
            {
                return null;
            }

            using var document = JsonDocument.Parse(Body);
            return document.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
    }
}

public static class Wire
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
