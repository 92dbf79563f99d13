using Hallway.Core.Common;

namespace Hallway.Core.Files;

/// <summary>
/// Stickers: the built-in set that ships with the program (SVG art drawn by the team, served at
/// /stickers/NAME.svg) and each user's own images. On the wire a message's sticker is
/// "builtin:NAME" or "file:ID".
/// </summary>
public static class Stickers
{
    public const string BuiltInPrefix = "builtin:";
    public const string FilePrefix = "file:";

    /// <summary>The built-in set, in picker order. Each has src/Hallway.Server/Stickers/NAME.svg.</summary>
    public static readonly IReadOnlyList<string> BuiltIn =
        ["wave", "thumbs-up", "heart", "laugh", "party", "thinking", "coffee", "book", "star", "ok", "sad", "wow"];

    /// <summary>Parses a sticker reference: a built-in name, or the id of a custom sticker's file.</summary>
    public static (string? BuiltIn, long? FileId) Parse(string value)
    {
        if (value.StartsWith(BuiltInPrefix, StringComparison.Ordinal) && BuiltIn.Contains(value[BuiltInPrefix.Length..]))
        {
            return (value[BuiltInPrefix.Length..], null);
        }

        if (value.StartsWith(FilePrefix, StringComparison.Ordinal) &&
            long.TryParse(value.AsSpan(FilePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) &&
            id > 0)
        {
            return (null, id);
        }

        throw Errors.Invalid("sticker", "A sticker is \"builtin:NAME\" with a name from GET /api/stickers, or \"file:ID\" of one of your custom stickers.");
    }
}
