using System.Text.Json;
using Hallway.Core.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Hallway.Server.Compat.School;

/// <summary>A school-format failure: a FastAPI <c>{"detail": "..."}</c> text, or a 422 field list.</summary>
public sealed class SchoolException : Exception
{
    public SchoolException(int status, string detail) : base(detail)
    {
        Status = status;
    }

    public SchoolException(IReadOnlyList<SchoolFieldError> errors) : base("Validation failed")
    {
        Status = StatusCodes.Status422UnprocessableEntity;
        Errors = errors;
    }

    public int Status { get; }

    public IReadOnlyList<SchoolFieldError>? Errors { get; }

    public static SchoolException Field(string type, string msg, params object[] loc) => new([new SchoolFieldError(loc, msg, type)]);
}

/// <summary>
/// Every error on a school route is written as its FastAPI server wrote it: <c>{"detail": text}</c>,
/// or 422 <c>{"detail": [{loc, msg, type}]}</c> for input that does not fit. Hallway's own errors
/// (Core rules, the framework, the UTF-8 check, the rate limiter) reach <see cref="WriteAsync"/>
/// through <c>Problems.Write</c>, so no ProblemDetails ever leaks onto these routes.
/// </summary>
public static class SchoolErrors
{
    /// <summary>Hallway codes that name a body field: shown as FastAPI shows a field's validation error.</summary>
    private static readonly Dictionary<string, string> FieldOf = new()
    {
        ["invalid_username"] = "username",
        ["invalid_password"] = "password",
        ["message_empty"] = "content",
        ["message_too_long"] = "content",
    };

    public static Task WriteAsync(HttpContext http, SchoolException error) =>
        error.Errors is { } errors
            ? WriteJsonAsync(http, error.Status, new SchoolValidation(errors), SchoolJsonContext.Default.SchoolValidation)
            : WriteJsonAsync(http, error.Status, new SchoolDetail(error.Message), SchoolJsonContext.Default.SchoolDetail);

    /// <summary>Translates a Hallway error (code and status) into the school's answer.</summary>
    public static Task WriteAsync(HttpContext http, int status, string code, string message) =>
        WriteAsync(http, Translate(http, status, code, message));

    public static SchoolException Translate(HttpContext http, int status, string code, string message)
    {
        if (FieldOf.TryGetValue(code, out var field))
        {
            return SchoolException.Field("value_error", "Value error, " + message, "body", field);
        }

        return code switch
        {
            "bad_json" => SchoolException.Field("json_invalid", "JSON decode error", "body", 0),
            "user_not_found" => new(404, "User not found"),
            "message_not_found" => new(404, "Message not found"),
            "not_your_message" => new(403, "Cannot delete other users messages"),
            "bad_credentials" => new(401, "Invalid credentials"),

            // The desktop client has no second step: its user signs in with the web app instead.
            "two_factor_unsupported" => new(401, "Two-factor sign-in is on for this account: use the web app"),
            "username_taken" => new(400, "Username already exists"),
            "unauthorized" => new(401, HasBearer(http) ? "Invalid token" : "Not authenticated"),
            _ => status switch
            {
                401 => new(401, HasBearer(http) ? "Invalid token" : "Not authenticated"),
                404 => new(404, "Not Found"),
                405 => new(405, "Method Not Allowed"),
                413 => new(413, message.Length > 0 && code != "request_too_large" ? message : "Request body too large"),
                429 => new(429, "Too Many Requests"),
                >= 500 => new(500, "Internal Server Error"),
                _ => new(status, message),
            },
        };
    }

    private static bool HasBearer(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static async Task WriteJsonAsync<T>(HttpContext http, int status, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        if (status == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await JsonSerializer.SerializeAsync(http.Response.Body, body, type, http.RequestAborted);
    }
}

/// <summary>Handles <see cref="SchoolException"/> before Hallway's own handler would call it a 500.</summary>
public sealed class SchoolExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SchoolException school)
        {
            return false;
        }

        await SchoolErrors.WriteAsync(http, school);
        return true;
    }
}
