namespace Hallway.Core.Common;

/// <summary>How a failure maps onto a transport: HTTP status, WebSocket error, text gateway reply.</summary>
public enum ErrorKind
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,

    /// <summary>An upload over the size limit (HTTP 413).</summary>
    ContentTooLarge,
    RateLimited,
}

/// <summary>
/// An expected failure with a stable machine-readable <see cref="Code"/>. Every code is listed in
/// <see cref="Errors"/> and documented in docs/PROTOCOL.md; clients switch on the code, never the text.
/// </summary>
public sealed class HallwayException : Exception
{
    public HallwayException(string code, ErrorKind kind, string message) : base(message)
    {
        Code = code;
        Kind = kind;
    }

    public string Code { get; }

    public ErrorKind Kind { get; }

    /// <summary>For rate-limited failures: when trying again can work (HTTP Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
