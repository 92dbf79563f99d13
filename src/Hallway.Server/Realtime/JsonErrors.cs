using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hallway.Server.Realtime;

/// <summary>Turns a deserialization failure into one sentence for the client, naming the field.</summary>
public static partial class JsonErrors
{
    public static string Describe(JsonException e, string what)
    {
        var missing = MissingFields().Match(e.Message);
        if (missing.Success)
        {
            return $"{what} lacks required field(s): {missing.Groups[1].Value.Replace("'", string.Empty, StringComparison.Ordinal)}.";
        }

        return e.Path is { Length: > 1 } path
            ? $"{what} has a wrong or missing value at {path}."
            : $"{what} is not valid JSON of the expected shape.";
    }

    /// <summary>
    /// True when the text is not JSON at all (or not UTF-8), as opposed to JSON of the wrong shape.
    /// System.Text.Json reports syntax errors through its internal JsonReaderException.
    /// </summary>
    public static bool IsSyntaxError(JsonException e) =>
        e.InnerException?.GetType().Name == "JsonReaderException" || e.GetType().Name == "JsonReaderException";

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex MissingFields();
}
