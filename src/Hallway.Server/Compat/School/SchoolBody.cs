using System.Text.Json;
using System.Text.Unicode;

namespace Hallway.Server.Compat.School;

/// <summary>
/// Reads a school request's JSON body and its fields, failing the way FastAPI (pydantic 2) does:
/// 422 with <c>loc</c> ["body", field], <c>msg</c> and <c>type</c> (json_invalid, missing,
/// string_type, int_type, enum, model_attributes_type). Every problem is collected, then thrown at once.
/// </summary>
public sealed class SchoolBody
{
    private readonly JsonElement _root;
    private readonly List<SchoolFieldError> _errors = [];

    private SchoolBody(JsonElement root)
    {
        _root = root;
    }

    public static async Task<SchoolBody> ReadAsync(HttpContext http)
    {
        byte[] bytes;
        try
        {
            using var copy = new MemoryStream();
            await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
            bytes = copy.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new SchoolException(413, "Request body too large");
        }

        // The JSON reader checks only the strings it decodes; bad bytes elsewhere must not pass either.
        if (!Utf8.IsValid(bytes))
        {
            throw SchoolException.Field("json_invalid", "JSON decode error", "body", 0);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw SchoolException.Field("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", "body");
            }

            return new SchoolBody(root);
        }
        catch (JsonException)
        {
            throw SchoolException.Field("json_invalid", "JSON decode error", "body", 0);
        }
    }

    public string? String(string name, bool required = true)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Add(name, "missing", "Field required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add(name, "string_type", "Input should be a valid string");
            return null;
        }

        if (!TryText(value, out var text))
        {
            Add(name, "string_unicode", "Input should be a valid string, unable to parse raw data as a unicode string");
            return null;
        }

        return text;
    }

    public long? Long(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Add(name, "missing", "Field required");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        Add(name, "int_type", "Input should be a valid integer");
        return null;
    }

    public bool? Bool(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Add(name, "bool_type", "Input should be a valid boolean");
        return null;
    }

    /// <summary>One of <paramref name="allowed"/>; <paramref name="fallback"/> when absent.</summary>
    public string? Choice(string name, string[] allowed, string fallback)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        // A string that is not valid UTF-16 (a lone surrogate escape) is no allowed value either.
        if (value.ValueKind != JsonValueKind.String || !TryText(value, out var text) || Array.IndexOf(allowed, text) < 0)
        {
            Add(name, "enum", "Input should be " + string.Join(", ", allowed[..^1].Select(a => $"'{a}'")) + $" or '{allowed[^1]}'");
            return null;
        }

        return text;
    }

    /// <summary>
    /// A JSON string as text. False for one that is not valid UTF-16 (an escaped lone surrogate
    /// such as <c>"\ud800"</c>), which <see cref="JsonElement.GetString"/> throws on: every field
    /// read goes through here, so such a string is a 422, never a 500.
    /// </summary>
    private static bool TryText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    public void Add(string field, string type, string msg) => _errors.Add(new SchoolFieldError(["body", field], msg, type));

    /// <summary>Throws the 422 when any field was wrong.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new SchoolException(_errors);
        }
    }
}
