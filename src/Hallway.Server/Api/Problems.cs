using System.Text.Json;
using Hallway.Core.Common;
using Hallway.Server.Realtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Hallway.Server.Api;

/// <summary>
/// Every API error is RFC 9457 ProblemDetails with a stable <c>code</c> extension, whatever raised it:
/// a Core rule (<see cref="HallwayException"/>), a body that is not valid JSON of the right shape,
/// or the framework (unknown route, wrong method, too large, rate limited).
/// </summary>
public static class Problems
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status400BadRequest,
        ErrorKind.ContentTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The code for a framework-made error that carries only a status.</summary>
    public static string CodeOf(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "request_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        _ => status >= 500 ? "internal" : "error",
    };

    public static string DetailOf(int status) => status switch
    {
        404 => "There is nothing at this address.",
        405 => "This address does not take that method.",
        415 => "Send the body as application/json.",
        _ => "The request could not be served.",
    };

    /// <summary>
    /// A compatibility gateway that answers errors in its own wire format puts a writer
    /// (<c>Func&lt;HttpContext, int, string, string, Task&gt;</c>: status, code, detail) in
    /// <c>HttpContext.Items</c> under this key; every error made here then goes through it.
    /// </summary>
    public static readonly object ErrorWriterKey = new();

    public static Task Write(HttpContext http, HallwayException error)
    {
        if (error.RetryAfter is TimeSpan wait && !http.Response.HasStarted)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Write(http, StatusOf(error.Kind), error.Code, error.Message);
    }

    /// <summary>
    /// Writes the problem as application/problem+json whatever the request's Accept header says:
    /// an error keeps its status and code for curl and scripts as much as for browsers.
    /// </summary>
    public static async Task Write(HttpContext http, int status, string code, string detail)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        if (http.Items.TryGetValue(ErrorWriterKey, out var alternative) && alternative is Func<HttpContext, int, string, string, Task> writer)
        {
            await writer(http, status, code, detail);
            return;
        }

        var problem = new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } };
        await TypedResults.Problem(problem).ExecuteAsync(http);
    }

    /// <summary>Status-only responses made by the framework (unknown route, wrong method...) get a body too.</summary>
    public static Task WriteStatus(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        return Write(context.HttpContext, status, CodeOf(status), DetailOf(status));
    }

    /// <summary>Fills in title, type and a code for problems the framework made on its own.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Extensions.TryAdd("code", CodeOf(status));
        context.ProblemDetails.Detail ??= DetailOf(status);
        context.ProblemDetails.Extensions.Remove("traceId");
    }
}

/// <summary>Turns exceptions from handlers into ProblemDetails; unexpected ones become a logged 500.</summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case HallwayException error:
                LogRefused(http, error);
                await Problems.Write(http, error);
                return true;
            case BadHttpRequestException bad when bad.InnerException is JsonException json:
                await Problems.Write(http, 400, JsonErrors.IsSyntaxError(json) ? "bad_json" : "bad_request", JsonProblem(json));
                return true;
            case BadHttpRequestException bad when bad.StatusCode == 413:
                await Problems.Write(http, 413, "request_too_large", "The request body is too large.");
                return true;
            case BadHttpRequestException bad when bad.StatusCode == 400 && bad.InnerException is null:
                // Framework wording ("Implicit body inferred...") says nothing useful to a client.
                await Problems.Write(http, 400, "bad_request", "The request needs a JSON body (or has a parameter of the wrong type).");
                return true;
            case BadHttpRequestException bad:
                await Problems.Write(http, bad.StatusCode, Problems.CodeOf(bad.StatusCode), "The request could not be read.");
                return true;
            default:
                LogUnhandled(logger, exception, http.Request.Method, Route(http));
                await Problems.Write(http, 500, "internal", "Something went wrong on the server.");
                return true;
        }
    }

    /// <summary>
    /// The route's template, never the path: a path can carry a secret (a reset token), and the
    /// template says just as well where it happened. The exception middleware clears the endpoint
    /// before handlers run; its feature keeps it.
    /// </summary>
    private static string Route(HttpContext http) =>
        ((http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint()) as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    /// <summary>Refused sign-ins, lockouts and forbidden calls are what an operator looks for; the rest is noise.</summary>
    private void LogRefused(HttpContext http, HallwayException error)
    {
        var level = Problems.StatusOf(error.Kind) is 401 or 403 or 429 ? LogLevel.Information : LogLevel.Debug;
        LogRefusedRequest(logger, level, http.Request.Method, Route(http), error.Code, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    [LoggerMessage(Message = "{Method} {Route} refused with {Code} (from {Address})")]
    private static partial void LogRefusedRequest(ILogger logger, LogLevel level, string method, string route, string code, string address);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Route}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string route);

    /// <summary>Says where the JSON is wrong without echoing the (possibly huge) input.</summary>
    private static string JsonProblem(JsonException json) => JsonErrors.Describe(json, "The request body");
}
